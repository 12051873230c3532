import ArgumentParser
import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundText

/// `rebound graph`: draw a playbook's flow.
struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a playbook's flow as Graphviz DOT or a Mermaid flowchart.",
        discussion: """
            Steps are boxes (marked when they ask for a draft or schedule a follow-up), jumps \
            are arrows labelled with the option, outcomes are circles; unreachable steps are \
            dashed and steps with no way to 'done' are red. Render DOT with 'dot -Tsvg'.
            """)

    @Argument(
        help: "A playbook id from the playbooks directory, or a playbook file.", completion: .playbookIDsOrFiles)
    var playbook: String

    @Option(help: "Output format: dot or mermaid.")
    var format: GraphFormat = .dot

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let source: [UInt8]
        let name: String
        if FileManager.default.fileExists(atPath: playbook) {
            source = try FileSystem.read(playbook)
            name = playbook
        } else {
            let library = try PlaybookLibrary.locate(environment: environment)
            let entries = try library.entries()
            guard let entry = entries.first(where: { $0.playbook.id?.value == playbook }) else {
                let suggestion = Suggestion.nearest(to: playbook, in: entries.compactMap { $0.playbook.id?.value })
                throw InputError(
                    "no playbook '\(playbook)' in \(library.directory)/ and no such file"
                        + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
            }
            source = entry.source
            name = entry.path
        }
        let (parsed, diagnostics) = Playbook.check(source)
        if diagnostics.hasErrors {
            let errors = diagnostics.count { $0.severity == .error }
            writeStandardError(
                "rebound: \(name) has \(count(errors, "error")); drawing what could be read (see 'rebound check \(name)')\n"
            )
        }
        let diagram = PlaybookDiagram(parsed)
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        output.write(format == .dot ? diagram.dot : diagram.mermaid)
        output.flush()
    }
}

enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, mermaid
}
