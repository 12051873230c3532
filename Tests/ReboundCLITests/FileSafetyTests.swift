import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Attacks through the file system, as a colleague on a shared support machine could try
/// them: ids that climb out of the transcript directory, links planted where Rebound
/// writes, a careless umask. Each is refused with one line, and nothing outside is touched.
@Suite("file safety")
struct FileSafetyTests {
    /// One unfinished late-delivery session (stopped at the first question's answer).
    static func unfinishedSession(in directory: TemporaryDirectory) throws -> (id: String, path: String) {
        _ = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path, "--agent", "sam"], stdin: "Maria\n")
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).first { $0.hasSuffix(".jsonl") })
        return (String(name.dropLast(6)), directory.url.appendingPathComponent(name).path)
    }

    @Test("a session id that is a path is refused by --resume and by the protocol; the file it names is untouched")
    func resumeByPath() throws {
        let root = try TemporaryDirectory()
        let transcripts = root.url.appendingPathComponent("transcripts").path
        try FileManager.default.createDirectory(atPath: transcripts, withIntermediateDirectories: true)
        let source = try TemporaryDirectory()
        let (_, original) = try Self.unfinishedSession(in: source)
        let victim = root.url.appendingPathComponent("outside/victim.jsonl").path
        try FileManager.default.createDirectory(
            atPath: (victim as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: original, toPath: victim)
        let before = try Data(contentsOf: URL(fileURLWithPath: victim))

        let resumed = try ReboundProcess.run(
            ["chat", "--resume", "../outside/victim", "--transcripts", transcripts], stdin: "123456\n")
        #expect(resumed.status == 2)
        #expect(resumed.stderr.contains("'../outside/victim' is not a session id"))
        let protocolRun = try ReboundProcess.run(
            ["chat", "--protocol", "jsonl", "--transcripts", transcripts],
            stdin: #"{"cmd": "resume", "session": "../outside/victim"}"# + "\n")
        #expect(protocolRun.stdout.contains("is not a session id"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == before)
    }

    @Test("a transcript or notes file that is a symbolic link is refused, and a dangling link's target is not created")
    func symbolicLinks() throws {
        let directory = try TemporaryDirectory()
        let (id, path) = try Self.unfinishedSession(in: directory)
        let elsewhere = try TemporaryDirectory()

        // The notes sidecar is a link to a file the attacker wants appended to.
        let target = elsewhere.url.appendingPathComponent("target.txt").path
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: target))
        let notes = String(path.dropLast(6)) + ".notes.jsonl"
        try FileManager.default.createSymbolicLink(atPath: notes, withDestinationPath: target)
        let note = try ReboundProcess.run(["note", id, "--transcripts", directory.url.path, "Looks fine."])
        #expect(note.status == 2)
        #expect(note.stderr.contains("it is a symbolic link"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep\n")

        // A dangling link: its target must not be created.
        try FileManager.default.removeItem(atPath: notes)
        let missing = elsewhere.url.appendingPathComponent("created.txt").path
        try FileManager.default.createSymbolicLink(atPath: notes, withDestinationPath: missing)
        let dispute = try ReboundProcess.run(
            ["dispute", id, "--transcripts", directory.url.path, "--agent", "sam", "--event", "1", "No."])
        #expect(dispute.status == 2)
        #expect(!FileManager.default.fileExists(atPath: missing))

        // The transcript itself replaced by a link to a copy elsewhere: resume refuses it.
        let copy = elsewhere.url.appendingPathComponent("copy.jsonl").path
        try FileManager.default.moveItem(atPath: path, toPath: copy)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let resumed = try ReboundProcess.run(
            ["chat", "--resume", id, "--transcripts", directory.url.path], stdin: "123456\n")
        #expect(resumed.status == 2)
        #expect(resumed.stderr.contains("it is a symbolic link"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
    }

    @Test("a second chat resuming a session that is open gets one line naming the first one's process")
    func oneWriterPerSession() throws {
        let directory = try TemporaryDirectory()
        let (id, path) = try Self.unfinishedSession(in: directory)
        let first = try ReboundProcess.launch(
            ["chat", "--resume", id, "--protocol", "jsonl", "--transcripts", directory.url.path])
        defer {
            // SIGKILL: a child started from a test thread may inherit a mask that blocks SIGTERM.
            kill(first.process.processIdentifier, SIGKILL)
            first.process.waitUntilExit()
        }
        // Wait until the first chat holds the session (it says it started).
        let deadline = Date().addingTimeInterval(20)
        var seen = Data()
        while Date() < deadline, !String(decoding: seen, as: UTF8.self).contains(#""event":"started""#) {
            seen += first.output.availableData
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let second = try ReboundProcess.run(
            ["chat", "--resume", id, "--transcripts", directory.url.path], stdin: "123456\n")
        #expect(second.status == 2)
        #expect(
            second.stderr.contains("session \(id) is open in another chat (process \(first.process.processIdentifier))")
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("notes and disputes are stored without card numbers, text and author alike")
    func notesRedacted() throws {
        let directory = try TemporaryDirectory()
        let (id, path) = try Self.unfinishedSession(in: directory)
        let note = try ReboundProcess.run(
            [
                "note", id, "--transcripts", directory.url.path, "--coach", "kim",
                "Card 4111 1111 1111 1111 was read out.",
            ])
        #expect(note.status == 0, "\(note.stderr)")
        let notes = try String(contentsOfFile: String(path.dropLast(6)) + ".notes.jsonl", encoding: .utf8)
        #expect(notes.contains("[card ending 1111]"))
        #expect(!notes.contains("4111 1111"))
    }

    @Test("names with a line break or an escape are refused where they enter; a dispute comes from the session's agent")
    func names() throws {
        let directory = try TemporaryDirectory()
        let (id, _) = try Self.unfinishedSession(in: directory)
        let forged = try ReboundProcess.run(
            ["note", id, "--transcripts", directory.url.path, "--coach", "kim\nScore 100/100", "Fine."])
        #expect(forged.status == 2)
        #expect(forged.stderr.contains("--coach 'kim\\nScore 100/100' holds a control character"))
        let escape = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path],
            environment: ["REBOUND_AGENT": "al\u{1B}]0;x\u{07}"],
            stdin: "Maria\n")
        #expect(escape.status == 2)
        #expect(escape.stderr.contains("$REBOUND_AGENT"))
        let other = try ReboundProcess.run(
            ["dispute", id, "--transcripts", directory.url.path, "--agent", "priya", "--event", "1", "Not mine."])
        #expect(other.status == 2)
        #expect(other.stderr.contains("only that agent can dispute it"))
        let own = try ReboundProcess.run(
            ["dispute", id, "--transcripts", directory.url.path, "--agent", "sam", "--event", "1", "Mine."])
        #expect(own.status == 0, "\(own.stderr)")
    }

    @Test("export replaces files without following links planted at them or beside them")
    func exportThroughLinks() throws {
        let directory = try TemporaryDirectory()
        let ledger = directory.url.appendingPathComponent("ledger.sqlite").path
        let output = directory.url.appendingPathComponent("export").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let victim = directory.url.appendingPathComponent("victim.txt").path
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        for name in ["customers.csv", "contacts.csv.rebound-tmp"] {
            try FileManager.default.createSymbolicLink(atPath: output + "/" + name, withDestinationPath: victim)
        }
        let exported = try ReboundProcess.run(["ledger", "export", "--output", output, "--ledger", ledger])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        let customers = try FileManager.default.attributesOfItem(atPath: output + "/customers.csv")
        #expect(customers[.type] as? FileAttributeType == .typeRegular)
        #expect((customers[.posixPermissions] as? Int) == 0o600)
    }

    @Test("under umask 000 the export directory is 0700 and a new ledger 0600")
    func umaskZero() throws {
        let directory = try TemporaryDirectory()
        let ledger = directory.url.appendingPathComponent("ledger.sqlite").path
        let output = directory.url.appendingPathComponent("out/export").path
        let script = """
            umask 000
            "$0" ledger info --ledger "$1" >/dev/null && "$0" ledger export --output "$2" --ledger "$1"
            """
        let result = try ReboundProcess.run(
            ["-c", script, ReboundProcess.executable.path, ledger, output], executable: "/bin/sh")
        #expect(result.status == 0, "\(result.stderr)")
        func mode(_ path: String) throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        }
        #expect(try mode(output) == 0o700)
        #expect(try mode(output + "/recoveries.csv") == 0o600)
        #expect(try mode(ledger) == 0o600)
    }
}
