import ArgumentParser

/// `--playbooks DIR`: the playbook library a command reads, declared once so that every
/// command that takes it says and resolves it the same way.
struct PlaybooksOptions: ParsableArguments {
    @Option(help: "Directory of playbooks (default: $REBOUND_PLAYBOOKS, else ./playbooks).", completion: .directory)
    var playbooks: String?

    /// The library `--playbooks` names, else `$REBOUND_PLAYBOOKS`, else `./playbooks`.
    func library(environment: [String: String]) throws(InputError) -> PlaybookLibrary {
        try PlaybookLibrary.locate(environment: environment, option: playbooks)
    }
}
