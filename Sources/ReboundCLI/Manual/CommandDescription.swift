import ArgumentParser
import Foundation

/// The command tree as ArgumentParser describes it for `--experimental-dump-help`: every
/// command's abstract, discussion and arguments with their help, the same text `--help`
/// prints. Only the fields the manual page uses are decoded.
struct CommandDescription: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool?
    var defaultSubcommand: String?
    var subcommands: [CommandDescription]?
    var arguments: [ArgumentDescription]?

    /// The description of `command` and everything under it. `_dumpHelp()` is the
    /// in-process form of `--experimental-dump-help`.
    static func of(_ command: ParsableCommand.Type) throws -> CommandDescription {
        struct ToolInfo: Decodable { var command: CommandDescription }
        return try JSONDecoder().decode(ToolInfo.self, from: Data(command._dumpHelp().utf8)).command
    }

    /// The subcommands `--help` lists (not hidden ones, nor ArgumentParser's `help`).
    var visibleSubcommands: [CommandDescription] {
        (subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
    }
}

struct ArgumentDescription: Decodable {
    enum Kind: String, Decodable {
        case positional, option, flag
    }

    struct Name: Decodable {
        enum Kind: String, Decodable {
            case long, short, longWithSingleDash
        }

        var kind: Kind
        var name: String

        var spelling: String {
            switch kind {
            case .long: "--" + name
            case .short, .longWithSingleDash: "-" + name
            }
        }
    }

    var kind: Kind
    var shouldDisplay: Bool
    var isOptional: Bool
    var isRepeating: Bool
    var names: [Name]?
    var preferredName: Name?
    var valueName: String?
    var defaultValue: String?
    var allValues: [String]?
    var abstract: String?
    var discussion: String?

    /// `--help` and `--version`, which ArgumentParser adds to every command.
    var isBuiltIn: Bool {
        kind == .flag && (names ?? []).contains { $0.kind == .long && ($0.name == "help" || $0.name == "version") }
    }

    /// The help text followed by the values and default, as `--help` shows them.
    var help: String {
        var notes: [String] = []
        if let values = allValues, !values.isEmpty { notes.append("values: " + values.joined(separator: ", ")) }
        if let defaultValue, !defaultValue.isEmpty { notes.append("default: " + defaultValue) }
        let text = abstract ?? ""
        guard !notes.isEmpty else { return text }
        return (text.isEmpty ? "" : text + " ") + "(" + notes.joined(separator: "; ") + ")"
    }
}
