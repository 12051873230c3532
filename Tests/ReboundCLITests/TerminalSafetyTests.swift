import Foundation
import Testing

/// Text from a crafted transcript, phrase file or playbook never drives the terminal: every
/// command's text output passes the one sanitiser (`TerminalText`).
@Suite("terminal safety")
struct TerminalSafetyTests {
    /// ESC, OSC 52 (write the clipboard), CSI (clear the screen), BEL and a C1 CSI.
    static let attack = "\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}[2J\u{9B}31m"
    static let escaped = #"\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u009b31m"#

    static func expectInert(_ result: ReboundProcess.Result, _ what: String) {
        for text in [result.stdout, result.stderr] {
            #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" }, "\(what)")
        }
    }

    @Test("a transcript with escapes in its agent, reasons and ids: show, review and replay print them inert")
    func craftedTranscript() throws {
        let directory = try TemporaryDirectory()
        _ = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path, "--agent", "sam"],
            stdin: "Maria\n123456\n/skip thread gone\n3\n")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).first)
        let path = directory.url.appendingPathComponent(name).path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: #""agent":"sam""#, with: #""agent":"sam"# + Self.escaped + #"""#)
        text = text.replacingOccurrences(of: "thread gone", with: "thread gone" + Self.escaped)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let id = String(name.dropLast(6))
        Self.expectInert(try ReboundProcess.run(["show", id, "--transcripts", directory.url.path]), "show")
        Self.expectInert(try ReboundProcess.run(["review", directory.url.path]), "review")
        Self.expectInert(try ReboundProcess.run(["replay", directory.url.path]), "replay")
        let shown = try ReboundProcess.run(["show", id, "--transcripts", directory.url.path])
        #expect(shown.stdout.contains(#"thread gone\x1b]52;c;cHduZWQ=\x07"#))

        // A line break in a crafted agent name cannot forge a line of its own.
        let forged = text.replacingOccurrences(of: Self.escaped, with: #"\nScore 100/100"#)
        try forged.write(toFile: path, atomically: true, encoding: .utf8)
        let story = try ReboundProcess.run(["show", id, "--transcripts", directory.url.path])
        #expect(story.stdout.split(separator: "\n").filter { $0.hasPrefix("Score ") }.count == 1)
        #expect(story.stdout.contains(#"agent sam\nScore 100/100"#))
    }

    @Test("a team phrase file and a playbook with escapes: lint, check, fmt and graph print them inert")
    func craftedFiles() throws {
        let directory = try TemporaryDirectory()
        let phrases = try directory.write(
            "team.phrases", "category = excuse\n[team]\nmessage = Busy\(Self.attack)\nzorbly week\n")
        Self.expectInert(
            try ReboundProcess.run(["lint", "--rules", phrases.path], stdin: "It was a zorbly week."), "lint")
        let playbook = try directory.write(
            "x.playbook",
            "playbook x \"X\(Self.attack)\"\nversion 1\nsummary S\(Self.attack)\nstep a \"A\"\n  say Hi\(Self.attack)\n  done resolved\n  bogus\(Self.attack)\n"
        )
        Self.expectInert(try ReboundProcess.run(["check", playbook.path]), "check")
        Self.expectInert(try ReboundProcess.run(["fmt", "--check", playbook.path]), "fmt")
        Self.expectInert(try ReboundProcess.run(["graph", playbook.path]), "graph")
        Self.expectInert(try ReboundProcess.run(["graph", playbook.path, "--format", "mermaid"]), "graph, Mermaid")
    }

    @Test("with colour forced on, the only escapes are Rebound's own colours")
    func colourOnlyFromRebound() throws {
        let directory = try TemporaryDirectory()
        let phrases = try directory.write(
            "team.phrases", "category = excuse\n[team]\nmessage = Busy\u{1B}]0;owned\u{07}\nzorbly week\n")
        let result = try ReboundProcess.run(
            ["lint", "--rules", phrases.path, "--color", "always"], stdin: "It was a zorbly week.")
        let escapes = result.stdout.components(separatedBy: "\u{1B}").dropFirst().map { $0.prefix(6) }
        #expect(!escapes.isEmpty)
        #expect(escapes.allSatisfy { $0.hasPrefix("[") && $0.contains("m") })
        #expect(result.stdout.contains("Busy\u{241B}]0;owned\u{2407}"))
    }

    /// The transcript fields whose values must be one of a few words for the transcript
    /// to be read at all: they are not crafted.
    static let structural: Set<String> = ["format", "kind", "time", "started", "outcome", "role", "severity", "source"]

    @Test("controls in every field of a transcript, the ledger, notes and tests: every command prints them inert")
    func everyFieldOfEveryCommand() throws {
        let directory = try TemporaryDirectory()
        let transcripts = directory.url.appendingPathComponent("t").path
        let ledger = directory.url.appendingPathComponent("ledger.sqlite").path
        let playbooks = ReboundProcess.repositoryRoot.appendingPathComponent("playbooks").path
        // Typed controls: a name, a skipped check's reason, an answer, a date.
        let typed = [
            "Acme\(Self.attack)", "AC12345", "complaint", "2", "$12,500", "yes", "y", "/skip gone\(Self.attack)",
            "rude\(Self.attack) driver", "y", "service", "thinking", "next Monday\(Self.attack)",
        ]
        let chat = try ReboundProcess.run(
            [
                "chat", "win-back", "--playbooks", playbooks, "--transcripts", transcripts, "--ledger", ledger,
                "--agent", "sam",
            ],
            stdin: typed.joined(separator: "\n") + "\n")
        Self.expectInert(chat, "chat")
        let paused = try ReboundProcess.run(
            [
                "chat", "win-back", "--playbooks", playbooks, "--transcripts", transcripts, "--ledger", ledger,
                "--agent", "sam",
            ],
            stdin: "Zed\(Self.attack)\n/quit\n")
        Self.expectInert(paused, "chat, paused")

        // The finished session again, with the attack in every field.
        let names = try FileManager.default.contentsOfDirectory(atPath: transcripts).sorted()
        let finished = try #require(
            try names.first {
                try String(contentsOfFile: transcripts + "/" + $0, encoding: .utf8).contains(#""outcome":"pending""#)
            })
        let crafted = try CraftedTranscript.text(
            of: transcripts + "/" + finished, attack: Self.attack, keeping: Self.structural)
        let craftedDirectory = directory.url.appendingPathComponent("crafted").path
        try FileManager.default.createDirectory(atPath: craftedDirectory, withIntermediateDirectories: true)
        try crafted.write(
            toFile: craftedDirectory + "/20261129-000000-abcdef.jsonl", atomically: true, encoding: .utf8)
        let craftedLedger = directory.url.appendingPathComponent("crafted.sqlite").path

        let id = "20261129-000000-abcdef"
        let real = String(finished.dropLast(6))
        // What each command prints, whether it must show a crafted field (escaped), and the
        // exit status it must end with (so a usage error cannot pass for safety).
        let runs: [(what: String, arguments: [String], input: String?, shows: Bool, status: Int32)] = [
            ("show", ["show", id, "--transcripts", craftedDirectory], nil, true, 0),
            ("review", ["review", craftedDirectory, transcripts], nil, true, 0),
            ("review csv", ["review", craftedDirectory, "--format", "csv"], nil, true, 0),
            ("replay", ["replay", craftedDirectory, "--playbook", playbooks + "/win-back.playbook"], nil, true, 0),
            ("replay, real", ["replay", transcripts], nil, false, 0),
            ("ledger sync", ["ledger", "sync", craftedDirectory, "--ledger", craftedLedger], nil, false, 0),
            ("ledger report", ["ledger", "report", "--ledger", craftedLedger], nil, true, 0),
            ("ledger report csv", ["ledger", "report", "--ledger", craftedLedger, "--format", "csv"], nil, true, 0),
            ("revenue", ["review", "--revenue", "--ledger", craftedLedger], nil, true, 0),
            ("followups", ["followups", "list", "--all", "--ledger", craftedLedger], nil, true, 0),
            ("followups csv", ["followups", "list", "--all", "--ledger", ledger, "--format", "csv"], nil, true, 0),
            (
                "note", ["note", id, "Good\(Self.attack)", "--transcripts", craftedDirectory, "--coach", "kim"], nil,
                false, 0
            ),
            (
                "dispute by a crafted agent",
                ["dispute", id, "--event", "3", "Unfair", "--transcripts", craftedDirectory],
                nil, true, 2
            ),
            (
                "dispute", ["dispute", real, "--event", "3", "Unfair\(Self.attack)", "--transcripts", transcripts], nil,
                false, 0
            ),
            ("show with a dispute", ["show", real, "--transcripts", transcripts], nil, true, 0),
            ("show with notes", ["show", id, "--transcripts", craftedDirectory], nil, true, 0),
            (
                "chat: reminder, /resume list, /followups",
                ["chat", "--playbooks", playbooks, "--transcripts", transcripts, "--ledger", ledger, "--agent", "sam"],
                "/resume\n/followups all\n/quit\n", true, 0
            ),
        ]
        for run in runs {
            let result = try ReboundProcess.run(
                run.arguments, environment: ["REBOUND_AGENT": "sam"], stdin: run.input)
            Self.expectInert(result, run.what)
            #expect(result.status == run.status, "\(run.what): \(result.stderr)")
            if run.shows {
                let shown = result.stdout + result.stderr
                #expect(
                    shown.contains("\\x1b]52") || shown.contains("\u{241B}]52") || shown.contains("\\u001b]52"),
                    "\(run.what) shows the crafted field")
            }
        }
        let shown = try ReboundProcess.run(["show", id, "--transcripts", craftedDirectory])
        #expect(shown.stdout.contains("Good\\x1b]52"), "the note is shown, escaped")

        // A playbook test file with controls in its names, answers and expectations.
        let test = try directory.write(
            "late-delivery.test",
            "playbook late-delivery\n\ntest \"t\(Self.attack)\"\n  answer Maria\(Self.attack)\n  expect prompt \"X\(Self.attack)\"\n"
        )
        let tested = try ReboundProcess.run(["test", test.path])
        Self.expectInert(tested, "test")
        #expect(tested.status == 1, "\(tested.stderr)")
    }
}
