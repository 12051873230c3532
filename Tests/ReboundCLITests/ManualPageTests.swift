import ArgumentParser
import Foundation
import Testing

@testable import ReboundCLI

/// `docs/man/rebound.1`: made from the commands' help by `rebound generate-manual`,
/// kept fresh, and readable by `man` without a warning.
@Suite("manual page")
struct ManualPageTests {
    static let page = ReboundProcess.repositoryRoot.appendingPathComponent("docs/man/rebound.1")

    @Test("docs/man/rebound.1 is what 'rebound generate-manual' prints from today's help")
    func fresh() throws {
        let generated = try ReboundProcess.run(["generate-manual"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let committed = try String(contentsOf: Self.page, encoding: .utf8)
        guard generated.stdout != committed else { return }
        let expected = generated.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let found = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let line = expected.indices.first { $0 >= found.count || expected[$0] != found[$0] } ?? found.count
        Issue.record(
            """
            docs/man/rebound.1 is stale from line \(line + 1); regenerate it with:
                swift run rebound generate-manual > docs/man/rebound.1
            """)
    }

    @Test("every command the help lists has a section, with its synopsis and each option's help")
    func sections() throws {
        let page = try ReboundProcess.run(["generate-manual"]).stdout
        func names(_ command: ParsableCommand.Type, path: String) -> [String] {
            command.configuration.subcommands.filter { $0.configuration.shouldDisplay }.flatMap { subcommand in
                let name = path + " " + subcommand._commandName
                return [name] + names(subcommand, path: name)
            }
        }
        let commands = names(ReboundCommand.self, path: "rebound")
        #expect(commands.contains("rebound chat") && commands.contains("rebound ledger export"))
        var position = page.startIndex
        for command in commands {
            let heading = try #require(
                page.range(
                    of: ".SS \"\(command.replacingOccurrences(of: "-", with: #"\-"#))\"\n",
                    range: position..<page.endIndex),
                "no section for '\(command)', or out of order")
            position = heading.upperBound
        }
        #expect(!page.contains(#".SS "rebound generate\-manual""#) && !page.contains(#".SS "rebound help""#))
        let chat = try #require(page.range(of: ".SS \"rebound chat\"")).upperBound
        let chatSection = String(page[chat...]).components(separatedBy: "\n.SS ")[0]
        #expect(chatSection.contains(#"[\fB\-\-playbooks\fR\ \fIplaybooks\fR]"#))
        #expect(
            chatSection.contains(
                ".TP\n\\fB\\-\\-playbooks\\fR \\fIplaybooks\\fR\nDirectory of playbooks (default: $REBOUND_PLAYBOOKS, else ./playbooks).\n"
            ))
        #expect(chatSection.contains("Colour: auto, always or never. (values: auto, always, never; default: auto)"))
        #expect(page.contains("This is what 'rebound followups' alone runs."))
    }

    @Test("man reads the page without a warning")
    func rendersCleanly() throws {
        let groff = try ReboundProcess.run(
            ["groff", "-man", "-ww", "-z", "-Tutf8", Self.page.path], executable: "/usr/bin/env")
        #expect(groff.status == 0 && groff.stderr.isEmpty, "groff (install groff-base): \(groff.stderr)")
    }
}
