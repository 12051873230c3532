import ReboundText
import Testing

@testable import ReboundLanguageServer

/// Initialize, shutdown and exit, and what the server does with messages it cannot use:
/// it answers with an error and goes on.
@Suite("language server: lifecycle and bad input")
struct LanguageServerLifecycleTests {
    @Test("initialize advertises what the server implements")
    func capabilities() {
        var session = EditorSession()
        session.server = LanguageServer(host: FakeHost(), version: "1.2.3")
        let result = session.request("initialize", .fields(["capabilities": .fields([:])]))
        let capabilities = result["capabilities"]
        #expect(capabilities?["textDocumentSync"]?["change"]?.int == 2)
        for provider in [
            "hoverProvider", "definitionProvider", "referencesProvider", "documentSymbolProvider",
            "documentFormattingProvider", "renameProvider",
        ] {
            #expect(capabilities?[provider]?.bool == true, "\(provider)")
        }
        #expect(result["serverInfo"]?["version"]?.string == "1.2.3")
        #expect(session.server.exitStatusAtEndOfInput == 1)
    }

    @Test("a request before initialize is refused; notifications get no answer")
    func beforeInitialize() {
        var session = EditorSession()
        session.server = LanguageServer(host: FakeHost(), version: "test")
        #expect(session.response("textDocument/hover", .fields([:]))?["error"]?["code"]?.int == -32002)
        #expect(session.notify("initialized", .fields([:])).isEmpty)
        #expect(session.notify("$/cancelRequest", .fields(["id": .int(1)])).isEmpty)
        #expect(session.notify("no/suchNotification", .null).isEmpty)
    }

    @Test("an unknown method gets MethodNotFound")
    func unknownMethod() {
        var session = EditorSession()
        #expect(session.response("workspace/symbol", .fields([:]))?["error"]?["code"]?.int == -32601)
    }

    @Test(
        "malformed JSON, a message that is not a request, and a frame without a length get errors; the server goes on")
    func malformedInput() {
        var session = EditorSession()
        let broken = session.send(bytes: MessageFramer.frame(Array("{\"jsonrpc\": \"2.0\", \"id\": 1, ".utf8)))
        #expect(broken.messages.first?["error"]?["code"]?.int == -32700)
        #expect(broken.messages.first?["id"] == .null)
        let notObject = session.send(bytes: MessageFramer.frame(Array("[1, 2]".utf8)))
        #expect(notObject.messages.first?["error"]?["code"]?.int == -32600)
        let noMethod = session.send(bytes: MessageFramer.frame(Array("{\"jsonrpc\": \"2.0\", \"id\": 7}".utf8)))
        #expect(noMethod.messages.first?["error"]?["code"]?.int == -32600)
        #expect(noMethod.messages.first?["id"]?.int == 7)
        let noLength = session.send(bytes: Array("Content-Type: x\r\n\r\n".utf8))
        #expect(noLength.messages.first?["error"]?["code"]?.int == -32700)
        let invalid = session.send(bytes: MessageFramer.frame([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]))
        #expect(invalid.messages.count <= 1)
        #expect(session.response("shutdown", .null)?["result"] == .null)
    }

    @Test("a document with invalid UTF-8 and a huge line is checked without trouble")
    func hostileDocuments() {
        var session = EditorSession()
        let huge = "playbook demo \"" + String(repeating: "é😀", count: 200_000) + "\"\n"
        let published = session.open("file:///work/huge.playbook", huge)
        #expect(!published.isEmpty)
        let body: [UInt8] =
            Array(
                #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/bad.playbook","languageId":"rebound-playbook","version":1,"text":"step a \""#
                    .utf8)
            + [0xFF, 0xC3] + Array(#"\"\n"}}}"#.utf8)
        let answer = session.send(bytes: MessageFramer.frame(body))
        #expect(answer.messages.first?["method"]?.string == "textDocument/publishDiagnostics")
    }

    @Test("exit after shutdown is status 0, without it 1; requests after shutdown are refused")
    func exitStatus() {
        var session = EditorSession()
        #expect(session.response("shutdown", .null)?["error"] == nil)
        #expect(session.response("textDocument/hover", .fields([:]))?["error"]?["code"]?.int == -32600)
        let exit = session.send(.fields(["jsonrpc": .string("2.0"), "method": .string("exit")]))
        #expect(exit.isEmpty)
        #expect(
            session.send(bytes: MessageFramer.frame(Array(#"{"jsonrpc":"2.0","method":"exit"}"#.utf8))).exitStatus == 0)
        var early = EditorSession()
        #expect(
            early.send(bytes: MessageFramer.frame(Array(#"{"jsonrpc":"2.0","method":"exit"}"#.utf8))).exitStatus == 1)
    }
}
