import ReboundText

/// A Language Server Protocol server for playbooks and playbook tests: bytes of the
/// protocol's stream in, framed messages out.
///
/// The server is a value with no clock, files or threads: `rebound lsp` feeds it standard
/// input and writes what it returns, and tests feed it frames directly. Requests are
/// answered in the order they arrive, so `$/cancelRequest` has nothing to cancel.
public struct LanguageServer {
    /// What one call to `receive` produced.
    public struct Output: Sendable {
        /// Framed messages to write, in order.
        public var messages: [[UInt8]] = []
        /// Set when the editor sent `exit`: the status to exit with (0 after `shutdown`).
        public var exitStatus: Int32?
    }

    /// The language ids an editor gives Rebound's two kinds of file.
    public static let playbookLanguageID = "rebound-playbook"
    public static let testLanguageID = "rebound-test"

    private enum State { case uninitialized, running, shutDown }

    let host: any LanguageServerHost
    private let version: String
    private var framer = MessageFramer()
    private var state = State.uninitialized
    private var output = Output()
    var documents: [String: OpenDocument] = [:]
    /// The workspace folders the editor named at `initialize`, as URIs.
    var workspaceFolders: [String] = []

    /// `version` is what the server tells the editor it is.
    public init(host: any LanguageServerHost, version: String) {
        self.host = host
        self.version = version
    }

    /// Reads bytes from the stream (any amount, frames split or merged) and returns what to
    /// write back.
    public mutating func receive(_ bytes: some Collection<UInt8>) -> Output {
        for frame in framer.append(bytes) {
            switch frame {
            case .message(let body): handle(body)
            case .malformed(let reason): send(error: .parseError(reason), id: .null)
            }
        }
        defer { output = Output() }
        return output
    }

    /// The status to exit with when the input ends without an `exit`: 0 only after `shutdown`.
    public var exitStatusAtEndOfInput: Int32 { state == .shutDown ? 0 : 1 }

    // MARK: Messages

    private mutating func handle(_ body: [UInt8]) {
        let message: JSON.Value
        do {
            message = try JSON.parse(body[...])
        } catch {
            send(error: .parseError("the message is not JSON: \(error.message) at byte \(error.column)"), id: .null)
            return
        }
        guard message.isObject else {
            send(error: .invalidRequest("a message must be a JSON object"), id: .null)
            return
        }
        let id = message["id"]
        if let id, id.string == nil, id.int == nil {
            send(error: .invalidRequest("a request id must be a number or a string"), id: .null)
            return
        }
        guard let method = message["method"]?.string else {
            // A response to a request of ours; the server sends none, so there is nothing to do.
            if id != nil, message["result"] != nil || message["error"] != nil { return }
            send(error: .invalidRequest("the message has no method"), id: id ?? .null)
            return
        }
        let params = message["params"] ?? .null
        guard let id else {
            notify(method, params)
            return
        }
        do {
            let result = try respond(to: method, params)
            send(.fields(["jsonrpc": .string("2.0"), "id": id, "result": result]))
        } catch {
            send(error: error, id: id)
        }
    }

    private mutating func respond(to method: String, _ params: JSON.Value) throws(ResponseError) -> JSON.Value {
        switch state {
        case .uninitialized where method != "initialize":
            throw ResponseError(code: -32002, message: "the server is not initialized yet")
        case .shutDown: throw .invalidRequest("the server is shut down; only 'exit' is expected")
        default: break
        }
        switch method {
        case "initialize":
            guard state == .uninitialized else { throw .invalidRequest("the server is already initialized") }
            state = .running
            return initialize(params)
        case "shutdown":
            state = .shutDown
            return .null
        case "textDocument/completion": return completion(params)
        case "textDocument/hover": return hover(params)
        case "textDocument/definition": return definition(params)
        case "textDocument/references": return references(params)
        case "textDocument/documentSymbol": return documentSymbols(params)
        case "textDocument/formatting": return formatting(params)
        case "textDocument/codeAction": return codeActions(params)
        case "textDocument/rename": return try rename(params)
        default: throw ResponseError(code: -32601, message: "unknown method '\(method)'")
        }
    }

    /// Notifications never get a response, not even an error: unknown ones are ignored.
    private mutating func notify(_ method: String, _ params: JSON.Value) {
        if method == "exit" {
            output.exitStatus = state == .shutDown ? 0 : 1
            return
        }
        guard state == .running else { return }
        switch method {
        case "textDocument/didOpen": didOpen(params)
        case "textDocument/didChange": didChange(params)
        case "textDocument/didClose": didClose(params)
        default: break
        }
    }

    private mutating func initialize(_ params: JSON.Value) -> JSON.Value {
        let folders = params["workspaceFolders"]?.array?.compactMap { $0["uri"]?.string } ?? []
        workspaceFolders = folders.isEmpty ? [params["rootUri"]?.string].compactMap { $0 } : folders
        let capabilities: JSON.Value = .fields([
            // Incremental: the editor sends only what changed.
            "textDocumentSync": .fields(["openClose": .bool(true), "change": .int(2)]),
            "completionProvider": .fields(["triggerCharacters": .array([.string(" "), .string("{")])]),
            "hoverProvider": .bool(true),
            "definitionProvider": .bool(true),
            "referencesProvider": .bool(true),
            "documentSymbolProvider": .bool(true),
            "documentFormattingProvider": .bool(true),
            "renameProvider": .bool(true),
            "codeActionProvider": .fields(["codeActionKinds": .array([.string("quickfix")])]),
        ])
        return .fields([
            "capabilities": capabilities,
            "serverInfo": .fields(["name": .string("rebound"), "version": .string(version)]),
        ])
    }

    // MARK: Documents

    private mutating func didOpen(_ params: JSON.Value) {
        let item = params["textDocument"]
        guard let uri = item?["uri"]?.string, let text = item?["text"]?.string else { return }
        documents[uri] = OpenDocument(
            uri: uri, languageID: item?["languageId"]?.string, version: item?["version"]?.int,
            text: TextDocument(text))
        publishDiagnostics(uri)
    }

    private mutating func didChange(_ params: JSON.Value) {
        guard let uri = params["textDocument"]?["uri"]?.string, var document = documents[uri],
            let changes = params["contentChanges"]?.array
        else { return }
        document.version = params["textDocument"]?["version"]?.int
        document.apply(
            changes.compactMap { change in
                change["text"]?.string.map { (PositionRange(json: change["range"]), $0) }
            })
        documents[uri] = document
        publishDiagnostics(uri)
    }

    private mutating func didClose(_ params: JSON.Value) {
        guard let uri = params["textDocument"]?["uri"]?.string, documents.removeValue(forKey: uri) != nil else {
            return
        }
        // A closed file's problems leave the editor's list with it.
        sendNotification(
            "textDocument/publishDiagnostics", .fields(["uri": .string(uri), "diagnostics": .array([])]))
    }

    private mutating func publishDiagnostics(_ uri: String) {
        guard let document = documents[uri] else { return }
        let diagnostics = document.diagnostics.map { lspDiagnostic($0, in: document.text) }
        var params: [(key: String, value: JSON.Value)] = [("uri", .string(uri))]
        if let version = document.version { params.append(("version", .int(version))) }
        params.append(("diagnostics", .array(diagnostics)))
        sendNotification("textDocument/publishDiagnostics", .object(params))
    }

    /// A diagnostic as the protocol has it: code and message as `rebound check` prints them.
    func lspDiagnostic(_ diagnostic: Diagnostic, in text: TextDocument) -> JSON.Value {
        let severity =
            switch diagnostic.severity {
            case .error: 1
            case .warning: 2
            case .advice: 3
            }
        return .fields([
            "range": text.range(diagnostic.range).json,
            "severity": .int(severity),
            "code": .string(diagnostic.code.rawValue),
            "source": .string("rebound"),
            "message": .string(diagnostic.message),
        ])
    }

    // MARK: Writing

    private mutating func send(_ message: JSON.Value) {
        output.messages.append(MessageFramer.frame(message.bytes))
    }

    private mutating func sendNotification(_ method: String, _ params: JSON.Value) {
        send(.fields(["jsonrpc": .string("2.0"), "method": .string(method), "params": params]))
    }

    private mutating func send(error: ResponseError, id: JSON.Value) {
        send(
            .fields([
                "jsonrpc": .string("2.0"), "id": id,
                "error": .fields(["code": .int(error.code), "message": .string(error.message)]),
            ]))
    }

    /// The document a request names, if the editor has it open.
    func document(_ params: JSON.Value) -> OpenDocument? {
        params["textDocument"]?["uri"]?.string.flatMap { documents[$0] }
    }
}

/// A JSON-RPC error: its code and a message for the editor's log.
struct ResponseError: Error {
    let code: Int
    let message: String

    static func parseError(_ message: String) -> ResponseError { ResponseError(code: -32700, message: message) }
    static func invalidRequest(_ message: String) -> ResponseError { ResponseError(code: -32600, message: message) }
    static func invalidParams(_ message: String) -> ResponseError { ResponseError(code: -32602, message: message) }
}
