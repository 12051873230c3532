import Foundation
import Testing

/// `rebound replay` and `rebound test --record`, run as real processes.
@Suite("rebound replay")
struct ReplayCommandTests {
    /// Records one late-delivery session into `directory/t` and copies the playbook to `directory/p`.
    static func recorded(in directory: TemporaryDirectory) throws -> (transcript: String, playbook: URL) {
        let transcripts = directory.url.appendingPathComponent("t")
        let lines =
            "Maria\n12345\n123456\ny\n2\nSorry for any inconvenience.\n.\nHi Maria, order 123456 is refunded today.\n.\n\n"
        _ = try ReboundProcess.run(["chat", "late-delivery", "--transcripts", transcripts.path], stdin: lines)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: transcripts.path).first)
        let source = try String(
            contentsOf: ReboundProcess.repositoryRoot.appendingPathComponent("playbooks/late-delivery.playbook"),
            encoding: .utf8)
        let playbook = try directory.write("p/late-delivery.playbook", source)
        return (transcripts.appendingPathComponent(name).path, playbook)
    }

    @Test("replay goes by question: an added question gets a stand-in and a note, a removed one is skipped")
    func byQuestion() throws {
        let directory = try TemporaryDirectory()
        let (transcript, playbook) = try Self.recorded(in: directory)
        let source = try String(contentsOf: playbook, encoding: .utf8)
        // A new question above 'order', and a new checklist item after the confirm.
        let added = source.replacingOccurrences(
            of: "  ask order \"Order number?\"",
            with: "  ask room \"Room number?\" matching /[0-9]{3}/ example \"204\"\n  ask order \"Order number?\""
        ).replacingOccurrences(
            of: "repeat the story.\"\n",
            with: "repeat the story.\"\n  confirm \"You checked the account notes.\"\n")
        try added.write(to: playbook, atomically: true, encoding: .utf8)
        let result = try ReboundProcess.run(["replay", transcript, "--playbook", playbook.path, "--strict"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("same path (resolved)"))
        #expect(result.stdout.contains("new question 'room' has no recorded answer; replayed with '204'"))
        #expect(result.stdout.contains("new question \"You checked the account notes.\" has no recorded answer"))

        // A question taken out: its recorded answer is skipped, the rest stay on their questions.
        let removed = source.replacingOccurrences(of: "  ask name \"Customer's first name?\"\n", with: "")
            .replacingOccurrences(of: "{name}", with: "the customer").replacingOccurrences(of: ", name\n", with: "\n")
        try removed.write(to: playbook, atomically: true, encoding: .utf8)
        let skipped = try ReboundProcess.run(["replay", transcript, "--playbook", playbook.path])
        #expect(
            skipped.stdout.contains("the playbook no longer asks 'name'; its recorded answer is skipped"),
            "\(skipped.stdout)")
    }

    @Test("an unchanged playbook replays on the same path")
    func samePath() throws {
        let directory = try TemporaryDirectory()
        let (transcript, playbook) = try Self.recorded(in: directory)
        let result = try ReboundProcess.run(["replay", transcript, "--playbook", playbook.path, "--strict"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\(transcript): same path (resolved)"))
        #expect(result.stdout.hasSuffix("1 transcript: 1 same path, 0 diverged; 0 with changed findings\n"))
    }

    @Test("--playbooks names the directory a transcript's playbook is found in; notes sidecars are not transcripts")
    func playbooksDirectory() throws {
        let directory = try TemporaryDirectory()
        let (transcript, playbook) = try Self.recorded(in: directory)
        try directory.write(
            "t/\(URL(fileURLWithPath: transcript).deletingPathExtension().lastPathComponent).notes.jsonl", "{}\n")
        let folder = playbook.deletingLastPathComponent().path
        let result = try ReboundProcess.run(
            ["replay", directory.url.appendingPathComponent("t").path, "--playbooks", folder],
            environment: ["REBOUND_PLAYBOOKS": "/nonexistent"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasSuffix("1 transcript: 1 same path, 0 diverged; 0 with changed findings\n"))
        let missing = try ReboundProcess.run(
            ["replay", transcript, "--playbooks", directory.url.appendingPathComponent("t").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("name the directory with --playbooks or the file with --playbook"))
    }

    @Test("a renamed option and a stricter validation are divergences with the event and the reason")
    func divergence() throws {
        let directory = try TemporaryDirectory()
        let (transcript, playbook) = try Self.recorded(in: directory)
        var source = try String(contentsOf: playbook, encoding: .utf8)
        source = source.replacingOccurrences(of: "option refund ", with: "option money-back ")
            .replacingOccurrences(of: "version 3", with: "version 4")
        try source.write(to: playbook, atomically: true, encoding: .utf8)
        let result = try ReboundProcess.run(["replay", transcript, "--playbook", playbook.path, "--strict"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("changed since it was recorded (version 3, now 4); replaying anyway"))
        #expect(result.stdout.contains("diverged at event 9 (step plan): option 'refund' is no longer offered"))
        #expect(try ReboundProcess.run(["replay", transcript, "--playbook", playbook.path]).status == 0)

        let strict = try String(contentsOf: playbook, encoding: .utf8).replacingOccurrences(
            of: "matching /[0-9]{6,}/ example \"482913\"", with: "matching /[0-9]{7,}/ example \"4829130\"")
        try strict.write(to: playbook, atomically: true, encoding: .utf8)
        let stricter = try ReboundProcess.run(["replay", transcript, "--playbook", playbook.path])
        #expect(stricter.stdout.contains("diverged at event 5 (step own): answer '123456' is now refused"))
    }

    @Test("changed findings are listed; corrupt lines are reported and skipped")
    func findingsAndCorruption() throws {
        let directory = try TemporaryDirectory()
        let (transcript, playbook) = try Self.recorded(in: directory)
        var source = try String(contentsOf: playbook, encoding: .utf8)
        source = source.replacingOccurrences(
            of: "    limit apologies 1\n", with: "    limit apologies 1\n    allow non-apology\n")
        try source.write(to: playbook, atomically: true, encoding: .utf8)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: transcript))
        bytes.append(Data("{\"seq\": 99, \"broken".utf8))
        try bytes.write(to: URL(fileURLWithPath: transcript))
        let result = try ReboundProcess.run(["replay", transcript, "--playbook", playbook.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("truncated last line; skipped"))
        #expect(result.stdout.contains("findings changed in the draft at event 11 (step reply): gone RB205 at 1:1"))
        #expect(result.stdout.contains("1 with changed findings"))
        #expect(result.stdout.contains("changed since it was recorded (still version 3)"))
    }

    @Test("test --record turns a transcript into a test that passes")
    func record() throws {
        let directory = try TemporaryDirectory()
        let (transcript, playbook) = try Self.recorded(in: directory)
        let recorded = try ReboundProcess.run(["test", "--record", transcript])
        #expect(recorded.status == 0)
        #expect(recorded.stdout.contains("playbook late-delivery\n"))
        #expect(recorded.stdout.contains("  answer \"12345\"\n  expect rejected\n"))
        #expect(recorded.stdout.contains("  expect finding RB205\n"))
        #expect(recorded.stdout.hasSuffix("  send\n  expect outcome resolved\n"))
        let test = try directory.write("p/recorded.test", recorded.stdout)
        let run = try ReboundProcess.run(["test", test.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        _ = playbook
    }
}
