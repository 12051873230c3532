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

    @Test("a team phrase file and a playbook with escapes: lint, check and explain print them inert")
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
}
