import Foundation
import ReboundCore
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
}
