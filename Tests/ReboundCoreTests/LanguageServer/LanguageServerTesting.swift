import ReboundText
import Testing

@testable import ReboundLanguageServer

/// Files on a pretend disk, by URI, for what the server asks its host.
struct FakeHost: LanguageServerHost {
    var files: [String: String] = [:]

    func files(endingIn suffix: String, in folders: [String]) -> [WorkspaceFile] {
        files.filter { uri, _ in uri.hasSuffix(suffix) && folders.contains { uri.hasPrefix($0 + "/") } }
            .map { WorkspaceFile(uri: $0.key, bytes: Array($0.value.utf8)) }
    }
}

/// A server driven through its byte stream, as an editor drives it.
struct EditorSession {
    var server: LanguageServer
    private var nextID = 1
    private var framer = MessageFramer()

    /// An initialized server with `files` on disk, its workspace `file:///work`.
    init(files: [String: String] = [:]) {
        server = LanguageServer(host: FakeHost(files: files), version: "test")
        _ = request("initialize", .fields(["rootUri": .string("file:///work"), "capabilities": .fields([:])]))
        _ = send(.fields(["jsonrpc": .string("2.0"), "method": .string("initialized"), "params": .fields([:])]))
    }

    /// Sends raw bytes; returns the messages written back.
    mutating func send(bytes: [UInt8]) -> (messages: [JSON.Value], exitStatus: Int32?) {
        let output = server.receive(bytes)
        var messages: [JSON.Value] = []
        for message in output.messages {
            for case .message(let body) in framer.append(message) {
                if let value = try? JSON.parse(body[...]) { messages.append(value) }
            }
        }
        return (messages, output.exitStatus)
    }

    mutating func send(_ message: JSON.Value) -> [JSON.Value] {
        send(bytes: MessageFramer.frame(message.bytes)).messages
    }

    mutating func notify(_ method: String, _ params: JSON.Value) -> [JSON.Value] {
        send(.fields(["jsonrpc": .string("2.0"), "method": .string(method), "params": params]))
    }

    /// The whole response to a request.
    mutating func response(_ method: String, _ params: JSON.Value) -> JSON.Value? {
        let id = nextID
        nextID += 1
        return send(.fields(["jsonrpc": .string("2.0"), "id": .int(id), "method": .string(method), "params": params]))
            .first { $0["id"]?.int == id }
    }

    /// A request's result (null when it failed).
    mutating func request(_ method: String, _ params: JSON.Value) -> JSON.Value {
        response(method, params)?["result"] ?? .null
    }

    /// Opens a document; returns the diagnostics published for it.
    mutating func open(_ uri: String, _ text: String) -> [JSON.Value] {
        let published = notify(
            "textDocument/didOpen",
            .fields([
                "textDocument": .fields([
                    "uri": .string(uri),
                    "languageId": .string(uri.hasSuffix(".test") ? "rebound-test" : "rebound-playbook"),
                    "version": .int(1), "text": .string(text),
                ])
            ]))
        return published.first?["params"]?["diagnostics"]?.array ?? []
    }

    /// A request at a position of a document.
    mutating func request(
        _ method: String, _ uri: String, _ position: Position, _ extra: KeyValuePairs<String, JSON.Value> = [:]
    ) -> JSON.Value {
        var params: [(key: String, value: JSON.Value)] = [
            ("textDocument", .fields(["uri": .string(uri)])), ("position", position.json),
        ]
        params += extra.map { ($0.key, $0.value) }
        return request(method, .object(params))
    }
}

/// The protocol position of a marker in a marked source.
func position(_ source: MarkedSource, _ marker: String) -> Position {
    TextDocument(source.text).position(at: source[marker].offset)
}

extension JSON.Value {
    /// The labels of a completion result.
    var labels: [String] { (array ?? []).compactMap { $0["label"]?.string } }
}
