import Testing

@testable import ReboundCLI

/// How a completion reads the command line the shell passes verbatim: option values,
/// quotes, `~`, and comma-separated lists.
@Suite("completion request")
struct CompletionRequestTests {
    static let home = ["HOME": "/home/sam"]

    @Test("an option's value is read as the command will see it: unquoted, ~ expanded, the last one winning")
    func optionValues() {
        let words = [
            "rebound", "chat", "--playbooks", #""team playbooks""#, "--transcripts=~/sessions", "--playbooks",
            #"my\ playbooks"#, "",
        ]
        let request = CompletionRequest(words: words, index: 7, prefix: "", environment: Self.home)
        #expect(request.value(of: "--playbooks") == "my playbooks")
        #expect(request.value(of: "--transcripts") == "/home/sam/sessions")
        #expect(request.value(of: "--ledger") == nil)
    }

    @Test("the word being completed is not taken as the value of the option before it")
    func wordUnderCursor() {
        let request = CompletionRequest(
            words: ["rebound", "chat", "--playbooks", "pl"], index: 3, prefix: "pl", environment: Self.home)
        #expect(request.value(of: "--playbooks") == nil)
    }

    @Test("quotes and escapes are removed as a POSIX shell removes them")
    func unquoting() {
        #expect(ShellWord.unquoted(#"'it'\''s'"#) == "it's")
        #expect(ShellWord.unquoted(#""a \"b\" \c""#) == #"a "b" \c"#)
        #expect(ShellWord.unquoted(#"late\-delivery"#) == "late-delivery")
        #expect(ShellWord.unquoted(#""late"#) == "late")
    }

    @Test("a comma-separated list completes its last item and keeps the items before it")
    func lists() {
        let request = CompletionRequest(words: [], index: 0, prefix: "RB201,bl")
        #expect(request.matchingListItems(["blame", "RB201", "excuse"]) == ["RB201,blame"])
        let again = CompletionRequest(words: [], index: 0, prefix: "blame,")
        #expect(again.matchingListItems(["blame", "excuse"]) == ["blame,excuse"])
    }
}
