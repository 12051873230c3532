import Foundation
import ReboundSession
import ReboundTranscript
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Killing the chat at any point between two commands loses nothing the agent saw
/// acknowledged, and `--resume` finishes the session.
@Suite("crash safety")
struct CrashSafetyTests {
    static let commands = [
        #"{"cmd": "answer", "text": "Maria"}"#, #"{"cmd": "answer", "text": "12"}"#,
        #"{"cmd": "answer", "text": "123456"}"#, #"{"cmd": "answer", "text": "y"}"#,
        #"{"cmd": "answer", "text": "refund"}"#, #"{"cmd": "draft", "text": "Sorry, we were short-staffed."}"#,
        #"{"cmd": "draft", "text": "Hi Maria, order 123456 is refunded today."}"#, #"{"cmd": "send"}"#,
    ]

    /// Reads standard output lines until the one that answers a command.
    static func readResponse(_ handle: FileHandle, buffer: inout String) -> Bool {
        let answers = [
            "\"event\":\"prompt\"", "\"event\":\"findings\"", "\"event\":\"rejected\"", "\"event\":\"done\"",
        ]
        while true {
            while let newline = buffer.firstIndex(of: "\n") {
                let line = String(buffer[..<newline])
                buffer = String(buffer[buffer.index(after: newline)...])
                if answers.contains(where: line.contains) { return true }
            }
            let data = handle.availableData
            if data.isEmpty { return false }
            buffer += String(decoding: data, as: UTF8.self)
        }
    }

    @Test(
        "SIGKILL after every acknowledged command keeps exactly the acknowledged events; resume completes",
        arguments: 0...7)
    func killAt(boundary: Int) throws {
        let directory = try TemporaryDirectory()
        let running = try ReboundProcess.launch(
            ["chat", "late-delivery", "--protocol", "jsonl", "--transcripts", directory.url.path])
        let process = running.process
        var buffer = ""
        #expect(Self.readResponse(running.output, buffer: &buffer), "the first prompt")
        for command in Self.commands.prefix(boundary) {
            running.input.write(Data((command + "\n").utf8))
            #expect(Self.readResponse(running.output, buffer: &buffer), "\(command)")
        }
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).first)
        let path = directory.url.appendingPathComponent(name)
        let acknowledged = TranscriptCoding.decode([UInt8](try Data(contentsOf: path)))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let afterKill = TranscriptCoding.decode([UInt8](try Data(contentsOf: path)))
        #expect(afterKill.problems.isEmpty)
        #expect(afterKill.events == acknowledged.events)

        let session = try #require(afterKill.header?.session)
        let rest = Self.commands.dropFirst(boundary).joined(separator: "\n") + "\n"
        let resumed = try ReboundProcess.run(
            ["chat", "--resume", session, "--protocol", "jsonl", "--transcripts", directory.url.path], stdin: rest)
        #expect(resumed.status == 0)
        #expect(resumed.stdout.contains("\"event\":\"done\""))
        let final = TranscriptCoding.decode([UInt8](try Data(contentsOf: path)))
        #expect(final.problems.isEmpty)
        #expect(final.events.map(\.seq) == Array(1...final.events.count))
        #expect(Array(final.events.prefix(afterKill.events.count)) == afterKill.events)
        #expect(final.events.last?.event.outcome == .resolved)
        #expect(final.events.filter { $0.event.kind == .send }.count == 1)
    }

    static func decodeTranscript(
        in directory: URL
    ) throws -> (
        path: String, header: TranscriptHeader?, events: [TranscriptEvent], problems: [TranscriptCoding.LineError]
    ) {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".jsonl")
        }
        let path = directory.appendingPathComponent(try #require(names.first)).path
        let decoded = TranscriptCoding.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        return (path, decoded.header, decoded.events, decoded.problems)
    }

    @Test("SIGKILL right after each event in turn: the transcript holds exactly the events so far; resume completes")
    func killAtEveryEvent() throws {
        let input = Self.commands.joined(separator: "\n") + "\n"
        let reference = try TemporaryDirectory()
        let complete = try ReboundProcess.run(
            ["chat", "late-delivery", "--protocol", "jsonl", "--transcripts", reference.url.path], stdin: input)
        #expect(complete.status == 0)
        let expected = try Self.decodeTranscript(in: reference.url).events.map(\.event.kind)
        #expect(expected.count > 15 && expected.last == .done)
        for boundary in 1...expected.count {
            let directory = try TemporaryDirectory()
            let ledger = ["REBOUND_LEDGER": directory.url.appendingPathComponent("ledger.sqlite").path]
            let killed = try ReboundProcess.run(
                ["chat", "late-delivery", "--protocol", "jsonl", "--transcripts", directory.url.path],
                environment: ledger.merging(["REBOUND_FAULT_KILL_AFTER_EVENT": String(boundary)]) { $1 }, stdin: input)
            #expect(killed.status != 0, "killed after event \(boundary)")
            let afterKill = try Self.decodeTranscript(in: directory.url)
            #expect(afterKill.problems.isEmpty)
            #expect(afterKill.events.map(\.event.kind) == Array(expected.prefix(boundary)), "after event \(boundary)")
            let session = try #require(afterKill.header?.session)
            if boundary == expected.count {
                // Killed after `done`, before the ledger write: sync adds the session.
                let synced = try ReboundProcess.run(["ledger", "sync", directory.url.path], environment: ledger)
                #expect(synced.stdout.hasPrefix("1 session added"), "\(synced.stdout)")
                continue
            }
            // The commands whose input events are on disk were taken; the others are typed again.
            let taken = afterKill.events.count { $0.event.input != nil }
            let rest = Self.commands.dropFirst(taken).joined(separator: "\n") + "\n"
            let resumed = try ReboundProcess.run(
                ["chat", "--resume", session, "--protocol", "jsonl", "--transcripts", directory.url.path],
                environment: ledger, stdin: rest)
            #expect(resumed.status == 0, "resume after event \(boundary): \(resumed.stdout)")
            #expect(resumed.stdout.contains("\"event\":\"done\""))
            let final = try Self.decodeTranscript(in: directory.url)
            #expect(final.problems.isEmpty)
            #expect(final.events.map(\.seq) == Array(1...final.events.count))
            #expect(final.events.map(\.event.kind).filter { $0 != .quit } == expected, "after event \(boundary)")
        }
    }

    /// A late-delivery chat in which no file may grow past `fileSizeLimit` bytes.
    static func chat(
        fileSizeLimit limit: Int, transcripts: String, ledger: String, stdin: String
    ) throws -> ReboundProcess.Result {
        try ReboundProcess.run(
            [
                "-c",
                "import os, resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (\(limit), \(limit))); "
                    + "os.execv(sys.argv[1], sys.argv[1:])",
                ReboundProcess.executable.path, "chat", "late-delivery", "--transcripts", transcripts, "--ledger",
                ledger,
            ], executable: "/usr/bin/python3", stdin: stdin)
    }

    @Test(
        "a ledger that cannot grow (a file size limit) is named in one line and the session goes on without it",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")),
        .disabled(if: ProcessInfo.processInfo.environment["REBOUND_SANITIZER"] == "thread"))
    func ledgerCannotGrow() throws {
        let directory = try TemporaryDirectory()
        let ledger = directory.url.appendingPathComponent("ledger.sqlite").path
        #expect(try ReboundProcess.run(["ledger", "info", "--ledger", ledger]).status == 0)
        let transcripts = directory.url.appendingPathComponent("transcripts").path
        // No file may grow past 4 KB: SQLite cannot make its shared-memory file, while the
        // first lines of a transcript still fit.
        let result = try Self.chat(fileSizeLimit: 4_096, transcripts: transcripts, ledger: ledger, stdin: "Maria\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write the ledger \(ledger): it cannot grow past the file size limit"))
        #expect(result.stderr.contains("the session goes on without the customer ledger"))
        let files = try FileManager.default.contentsOfDirectory(atPath: transcripts)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: transcripts + "/" + (try #require(files.first)))))
        #expect(TranscriptCoding.decode(bytes).events.contains { $0.event.kind == .answer && $0.event.text == "Maria" })
    }

    @Test(
        "a full disk (a file size limit) cuts no line in half, says so in one line, and the session resumes",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")),
        // ThreadSanitizer's runtime itself cannot start under a 96 KB file size limit.
        .disabled(if: ProcessInfo.processInfo.environment["REBOUND_SANITIZER"] == "thread"))
    func fullDisk() throws {
        let directory = try TemporaryDirectory()
        let ledger = directory.url.appendingPathComponent("ledger.sqlite").path
        #expect(try ReboundProcess.run(["ledger", "info", "--ledger", ledger]).status == 0)
        let transcripts = directory.url.appendingPathComponent("transcripts").path
        // No file may grow past 96 KB: fifty refused order numbers of 1,990 letters each (every
        // refusal is recorded with the answer) cannot all be saved.
        let limited = try Self.chat(
            fileSizeLimit: 98_304, transcripts: transcripts, ledger: ledger,
            stdin: "Maria\n" + String(repeating: String(repeating: "x", count: 1_990) + "\n", count: 50))
        #expect(limited.status == 2)
        let message = try #require(limited.stderr.split(separator: "\n").last)
        #expect(message.contains("rebound: cannot save transcript '\(transcripts)/"))
        #expect(message.contains("File too large; this step was not saved."))
        #expect(message.contains("then 'rebound chat --resume "))
        let files = try FileManager.default.contentsOfDirectory(atPath: transcripts)
        let path = transcripts + "/" + (try #require(files.first))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.last == UInt8(ascii: "\n"), "no half line")
        let decoded = TranscriptCoding.decode(bytes)
        #expect(decoded.problems.isEmpty)
        #expect(decoded.events.last?.event.kind == .invalidAnswer)
        #expect(decoded.events.contains { $0.event.text == "Maria" })
        let session = try #require(decoded.header?.session)
        let resumed = try ReboundProcess.run(
            ["chat", "--resume", session, "--transcripts", transcripts, "--ledger", ledger],
            stdin: "123456\ny\n2\nHi Maria, order 123456 ships by express today and arrives Thursday.\n.\n\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Done: resolved."))
    }

    @Test("the transcript directory removed mid-session is written again in full; nothing is lost")
    func directoryRemoved() throws {
        let directory = try TemporaryDirectory()
        let transcripts = directory.url.appendingPathComponent("transcripts")
        let running = try ReboundProcess.launch([
            "chat", "late-delivery", "--protocol", "jsonl", "--transcripts", transcripts.path,
        ])
        var buffer = ""
        #expect(Self.readResponse(running.output, buffer: &buffer))
        for command in Self.commands.prefix(3) {
            running.input.write(Data((command + "\n").utf8))
            #expect(Self.readResponse(running.output, buffer: &buffer))
        }
        try FileManager.default.removeItem(at: transcripts)
        for command in Self.commands.dropFirst(3) { running.input.write(Data((command + "\n").utf8)) }
        try running.input.close()
        let rest = String(decoding: running.output.readDataToEndOfFile(), as: UTF8.self)
        running.process.waitUntilExit()
        #expect(running.process.terminationStatus == 0)
        #expect(rest.contains("The transcript was deleted while the session ran; it is written again in full"))
        let final = try Self.decodeTranscript(in: transcripts)
        #expect(final.problems.isEmpty)
        #expect(final.events.map(\.seq) == Array(1...final.events.count))
        #expect(final.events.first?.event.kind == .step && final.events.last?.event.kind == .done)
        #expect(final.events.filter { $0.event.kind == .answer }.map(\.event.text) == ["Maria", "123456"])
    }

    @Test("output cut short by the reader ('rebound lint … | head -1') ends quietly")
    func closedPipe() throws {
        let directory = try TemporaryDirectory()
        let text = String(repeating: "We were short-staffed, sorry.\n", count: 100_000)
        let file = try directory.write("big.txt", text)
        let process = Process()
        process.executableURL = ReboundProcess.executable
        process.arguments = ["lint", file.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let first = output.fileHandleForReading.availableData
        #expect(!first.isEmpty)
        try output.fileHandleForReading.close()
        let messages = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(messages.isEmpty, "\(String(decoding: messages, as: UTF8.self))")
        #expect(
            process.terminationReason == .uncaughtSignal
                ? process.terminationStatus == SIGPIPE
                : process.terminationStatus == 0)
    }
}
