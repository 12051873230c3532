import ArgumentParser
import Foundation

/// `rebound generate-manual`: prints the manual page from the commands' help, for
/// maintainers to refresh `docs/man/rebound.1`; hidden from help and completion.
struct GenerateManual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-manual",
        abstract: "Print the manual page (docs/man/rebound.1) made from the commands' help.",
        shouldDisplay: false)

    func run() throws {
        let page = ManualPage(try CommandDescription.of(ReboundCommand.self), version: ReboundVersion.current)
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        output.write(page.text)
        output.flush()
    }
}
