import ArgumentParser
import Foundation
import ReboundChecker

/// `rebound`: with no command, lists the playbooks an agent can start and the commands.
public struct ReboundCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rebound",
        abstract: "Recover upset customers with tested playbooks and checked replies.",
        version: ReboundVersion.current,
        subcommands: [
            Chat.self, Check.self, TestPlaybooks.self, Replay.self, Format.self, Graph.self,
            LanguageServerCommand.self, Review.self, Show.self,
            Note.self, Score.self, Dispute.self, Ack.self, Followups.self, LedgerCommand.self, TranscriptsCommand.self,
            Lint.self,
            Rules.self,
            Explain.self,
            ModelFeaturesCommand.self,
            PhraseAutomatonCommand.self,
            GenerateManual.self,
        ])

    public init() {}

    public func run() throws {
        // On a terminal, plain `rebound` is the chat; elsewhere it lists what there is.
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            let chat = try Chat.parse([])
            try chat.run()
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let style = Style(enabled: ColorMode.auto.enabled(for: STDOUT_FILENO, environment: environment))
        var output = style.bold("Rebound \(ReboundVersion.current)") + " — recovery playbooks for support agents\n\n"
        output += try Self.playbookListing(style: style, environment: environment)
        output += "\n" + style.bold("Commands:") + "\n"
        for command in Self.configuration.subcommands where command.configuration.shouldDisplay {
            let configuration = command.configuration
            let name = configuration.commandName ?? String(describing: command).lowercased()
            output += "  \(name.padding(toLength: 10, withPad: " ", startingAt: 0))\(configuration.abstract)\n"
        }
        output += "\nRun 'rebound help COMMAND' for a command's options.\n"
        writeStandardOutput(output)
    }

    static func playbookListing(style: Style, environment: [String: String]) throws(InputError) -> String {
        let library = try PlaybookLibrary.locate(environment: environment)
        let entries = try library.entries()
        guard !entries.isEmpty else {
            return "No playbooks in \(library.directory)/ yet.\n"
        }
        var output = style.bold("Playbooks in \(library.directory)/:") + "\n"
        let width = entries.map { ($0.playbook.id?.value ?? "").count }.max() ?? 0
        for entry in entries {
            let playbook = entry.playbook
            let id = (playbook.id?.value ?? entry.path).padding(toLength: width + 2, withPad: " ", startingAt: 0)
            let title = playbook.title?.value.description ?? "(untitled)"
            let version = playbook.version.map { " v\($0.value)" } ?? ""
            output += "  \(style.bold(id))\(title)\(version)\n"
            if entry.errorCount > 0 {
                output +=
                    "  \(String(repeating: " ", count: width + 2))"
                    + style.red("\(count(entry.errorCount, "error")): run 'rebound check \(entry.path)'") + "\n"
            } else if let summary = playbook.summary {
                output += "  \(String(repeating: " ", count: width + 2))\(style.dim(summary.value.description))\n"
            }
        }
        return output
    }

    /// Runs the command line and exits: 0 success, 1 problems found, 2 usage or input error.
    public static func runAndExit(arguments: [String]? = nil) {
        // A file size limit makes writes fail with EFBIG, reported like a full disk,
        // instead of killing the process mid-line.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let error as InputError {
            writeStandardError("rebound: \(error)\n")
            Foundation.exit(2)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            if exitCode(for: error) == .validationFailure {
                writeStandardError(fullMessage(for: error) + "\n")
                writeStandardError("Run 'rebound help' for usage.\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

public enum ReboundVersion {
    public static let current = "0.1.0"
}
