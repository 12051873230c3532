import Foundation
import ReboundChecker
import ReboundLanguage
import Testing

/// A client speaking JSON-RPC with Content-Length frames to a real `rebound lsp` process.
/// Every wait has a deadline, so a server that hangs fails the test instead of hanging it.
final class LanguageServerClient: @unchecked Sendable {
    let running: ReboundProcess.Running
    private let lock = NSLock()
    private var buffer = Data()
    private var messages: [[String: Any]] = []
    private let arrived = DispatchSemaphore(value: 0)
    private var nextID = 1

    init() throws {
        signal(SIGPIPE, SIG_IGN)
        running = try ReboundProcess.launch(["lsp"])
        let output = running.output
        DispatchQueue.global().async { [self] in
            while true {
                let data = output.availableData
                if data.isEmpty { break }
                lock.withLock {
                    buffer.append(data)
                    unframe()
                }
                arrived.signal()
            }
        }
    }

    /// Moves every complete frame from the buffer to the messages (called under the lock).
    private func unframe() {
        while let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) {
            let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
            guard let line = header.split(separator: "\r\n").first(where: { $0.hasPrefix("Content-Length: ") }),
                let length = Int(line.dropFirst("Content-Length: ".count)),
                buffer.distance(from: headerEnd.upperBound, to: buffer.endIndex) >= length
            else { return }
            let body = buffer[headerEnd.upperBound..<buffer.index(headerEnd.upperBound, offsetBy: length)]
            if let message = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
                messages.append(message)
            }
            buffer = Data(buffer[buffer.index(headerEnd.upperBound, offsetBy: length)...])
        }
    }

    func send(raw: Data) {
        try? running.input.write(contentsOf: raw)
    }

    func send(_ message: [String: Any]) throws {
        var message = message
        message["jsonrpc"] = "2.0"
        let body = try JSONSerialization.data(withJSONObject: message)
        send(raw: Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    /// The first message (in arrival order) that `matches`, removed from those waiting;
    /// nil after `seconds`.
    func wait(seconds: Double = 15, for matches: ([String: Any]) -> Bool) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let found = lock.withLock { () -> [String: Any]? in
                guard let index = messages.firstIndex(where: matches) else { return nil }
                return messages.remove(at: index)
            }
            if let found { return found }
            guard Date() < deadline else { return nil }
            _ = arrived.wait(timeout: .now() + 0.2)
        }
    }

    /// Sends a request and waits for its response.
    func request(_ method: String, _ params: [String: Any]) throws -> [String: Any]? {
        let id = nextID
        nextID += 1
        try send(["id": id, "method": method, "params": params])
        return wait { $0["id"] as? Int == id }
    }

    func notify(_ method: String, _ params: [String: Any]) throws {
        try send(["method": method, "params": params])
    }

    /// The exit status, or nil when the process is still running after `seconds` (it is
    /// then killed).
    func exitStatus(seconds: Double = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while running.process.isRunning {
            guard Date() < deadline else {
                running.process.terminate()
                return nil
            }
            usleep(20_000)
        }
        return running.process.terminationStatus
    }
}

/// `rebound lsp` end to end: the built binary, real pipes, real frames.
@Suite("rebound lsp")
struct LanguageServerCommandTests {
    static let uri = "file:///tmp/rebound-lsp-test/demo.playbook"

    /// A playbook whose option line has é, ’ and an emoji before a misspelt step.
    static let broken =
        """
        playbook demo "Demo"
        version 1
        summary Demo.

        step own "Own it"
          ask name "Name?"
          choose route "Which way?"
            option a "Café ’24 😀" -> repyl
            option b "Other" -> reply

        step reply "Reply"
          say Hi {name}.
        """ + "\n  next "

    /// `[line, character]` of a protocol position.
    static func position(_ result: Any?) -> [Int]? {
        guard let position = result as? [String: Any], let line = position["line"] as? Int,
            let character = position["character"] as? Int
        else { return nil }
        return [line, character]
    }

    @Test("a session: diagnostics, completion, definition, a quick fix, formatting, a malformed frame, shutdown")
    func session() throws {
        let client = try LanguageServerClient()
        defer { if client.running.process.isRunning { client.running.process.terminate() } }
        let initialized = try #require(
            try client.request("initialize", ["rootUri": "file:///tmp/rebound-lsp-test", "capabilities": [:]]))
        let capabilities = (initialized["result"] as? [String: Any])?["capabilities"] as? [String: Any]
        #expect(capabilities?["definitionProvider"] as? Bool == true)
        try client.notify("initialized", [:])

        try client.notify(
            "textDocument/didOpen",
            [
                "textDocument": [
                    "uri": Self.uri, "languageId": "rebound-playbook", "version": 1, "text": Self.broken,
                ]
            ])
        let published = try #require(client.wait { $0["method"] as? String == "textDocument/publishDiagnostics" })
        let params = published["params"] as? [String: Any]
        let diagnostics = params?["diagnostics"] as? [[String: Any]] ?? []
        let expected = Playbook.check(Self.broken).diagnostics
        #expect(diagnostics.compactMap { $0["code"] as? String } == expected.map(\.code.rawValue))
        let unknown = try #require(diagnostics.first { $0["code"] as? String == "RB104" })
        let range = unknown["range"] as? [String: Any]
        // `    option a "Café ’24 😀" -> ` is 30 UTF-16 units: the emoji counts two.
        #expect(Self.position(range?["start"]) == [7, 30])
        #expect(Self.position(range?["end"]) == [7, 35])
        #expect(unknown["severity"] as? Int == 1 && unknown["source"] as? String == "rebound")

        let completion = try #require(
            try client.request(
                "textDocument/completion",
                ["textDocument": ["uri": Self.uri], "position": ["line": 12, "character": 7]]))
        let labels = (completion["result"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String }
        #expect(labels == ["own", "reply"])

        let definition = try #require(
            try client.request(
                "textDocument/definition",
                ["textDocument": ["uri": Self.uri], "position": ["line": 8, "character": 27]]))
        let target = (definition["result"] as? [String: Any])?["range"] as? [String: Any]
        #expect(Self.position(target?["start"]) == [10, 5])

        let actions = try #require(
            try client.request(
                "textDocument/codeAction",
                [
                    "textDocument": ["uri": Self.uri],
                    "range": ["start": ["line": 7, "character": 0], "end": ["line": 7, "character": 40]],
                    "context": ["diagnostics": [unknown]],
                ]))
        let action = try #require((actions["result"] as? [[String: Any]])?.first)
        let changes = (action["edit"] as? [String: Any])?["changes"] as? [String: Any]
        let edit = (changes?[Self.uri] as? [[String: Any]])?.first
        #expect(action["title"] as? String == "Did you mean 'reply'?")
        #expect(edit?["newText"] as? String == "reply")

        // A malformed frame gets an error; the server still answers the next request.
        client.send(raw: Data("Content-Length: 9\r\n\r\n{\"id\": 1,".utf8))
        let error = try #require(client.wait { $0["error"] != nil })
        #expect((error["error"] as? [String: Any])?["code"] as? Int == -32700)
        let messy = "playbook demo  \"Demo\"\nversion 1\nsummary Demo.\nstep own \"Own\"\nsay Hi\n      done resolved\n"
        try client.notify(
            "textDocument/didOpen",
            ["textDocument": ["uri": Self.uri + "2", "languageId": "rebound-playbook", "version": 1, "text": messy]])
        let formatting = try #require(
            try client.request(
                "textDocument/formatting",
                ["textDocument": ["uri": Self.uri + "2"], "options": ["tabSize": 2, "insertSpaces": true]]))
        let edits = formatting["result"] as? [[String: Any]] ?? []
        #expect(edits.count == 1)
        #expect(
            edits.first?["newText"] as? String == Playbook.format(Array(messy.utf8), Playbook.check(messy).playbook))

        let unknownMethod = try #require(try client.request("workspace/executeCommand", [:]))
        #expect((unknownMethod["error"] as? [String: Any])?["code"] as? Int == -32601)

        let shutdown = try #require(try client.request("shutdown", [:]))
        #expect(shutdown["error"] == nil)
        try client.notify("exit", [:])
        #expect(client.exitStatus() == 0)
    }

    @Test("exit without shutdown, and input that ends, are exit status 1")
    func exitWithoutShutdown() throws {
        let client = try LanguageServerClient()
        _ = try client.request("initialize", ["capabilities": [:]])
        try client.notify("exit", [:])
        #expect(client.exitStatus() == 1)
        let closed = try LanguageServerClient()
        try closed.running.input.close()
        #expect(closed.exitStatus() == 1)
    }
}
