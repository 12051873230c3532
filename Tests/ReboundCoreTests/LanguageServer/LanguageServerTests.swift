import ReboundChecker
import ReboundLanguage
import ReboundText
import Testing

@testable import ReboundLanguageServer

/// The server's answers, driven through framed messages as an editor sends them.
@Suite("language server")
struct LanguageServerTests {
    static let uri = "file:///work/demo.playbook"
    static let testURI = "file:///work/demo.test"

    static let playbook = MarkedSource(
        """
        playbook demo "Demo"
        version 1
        summary Demo.

        step own "Own it"
          ask 3️⃣name "Customer's first name?"
          choose route "Which way?"
            option fast "Fast" -> 1️⃣reply
            option slow "Slow" -> extra

        step extra "Extra"
          ask order "Order number?"
          next reply

        step 2️⃣reply "Draft the reply"
          draft "Write to {4️⃣name} about {order}."
            allow 5️⃣RB201
          done resolved

        """)

    static let tests = """
        playbook demo

        test "fast"
          answer Maria
          choose fast
          expect step reply
        """

    @Test("diagnostics have check's codes, messages and ranges, in UTF-16 positions")
    func diagnostics() throws {
        var session = EditorSession()
        let source = demoHeader + "step own \"Own it ’😀\"\n  say Café 😀 {nmae}\n  next repyl\n"
        let published = session.open(Self.uri, source)
        let expected = Playbook.check(source).diagnostics
        #expect(published.map { $0["code"]?.string } == expected.map(\.code.rawValue))
        #expect(published.map { $0["message"]?.string } == expected.map(\.message))
        #expect(published.allSatisfy { $0["source"]?.string == "rebound" && $0["severity"]?.int == 1 })
        let value = try #require(published.first { $0["code"]?.string == "RB113" })
        // "  say Café 😀 {" is 15 UTF-16 units (the emoji is two).
        #expect(
            PositionRange(json: value["range"])
                == PositionRange(Position(line: 4, character: 15), Position(line: 4, character: 19)))
    }

    @Test("a change with a range updates the text and its diagnostics")
    func incrementalChange() {
        var session = EditorSession()
        let source = demoHeader + "step own \"Own it\"\n  next repyl\n\nstep reply \"R\"\n  done resolved\n"
        #expect(session.open(Self.uri, source).count == 1)
        let published = session.notify(
            "textDocument/didChange",
            .fields([
                "textDocument": .fields(["uri": .string(Self.uri), "version": .int(2)]),
                "contentChanges": .array([
                    .fields([
                        "range": PositionRange(Position(line: 4, character: 7), Position(line: 4, character: 12)).json,
                        "text": .string("reply"),
                    ])
                ]),
            ]))
        #expect(published.first?["params"]?["version"]?.int == 2)
        #expect(published.first?["params"]?["diagnostics"]?.array?.isEmpty == true)
    }

    @Test("a did-you-mean becomes a quick fix; a diagnostic without edits gets none")
    func codeActions() throws {
        var session = EditorSession()
        let source = demoHeader + "step own \"Own it\"\n  next repyl\n\nstep reply \"R\"\n  say Hi\n"
        let diagnostics = session.open(Self.uri, source)
        #expect(Set(diagnostics.compactMap { $0["code"]?.string }) == ["RB104", "RB118"])
        let actions = session.request(
            "textDocument/codeAction",
            .fields([
                "textDocument": .fields(["uri": .string(Self.uri)]),
                "range": TextDocument(source).wholeRange.json, "context": .fields(["diagnostics": .array([])]),
            ]))
        let action = try #require(actions.array?.first)
        #expect(actions.array?.count == 1)
        #expect(action["kind"]?.string == "quickfix")
        #expect(action["title"]?.string == "Did you mean 'reply'?")
        let edit = try #require(action["edit"]?["changes"]?[Self.uri]?.array?.first)
        #expect(edit["newText"]?.string == "reply")
        #expect(
            PositionRange(json: edit["range"])
                == PositionRange(Position(line: 4, character: 7), Position(line: 4, character: 12)))
    }

    @Test("completion after 'next ' and '-> ' offers the step ids")
    func stepCompletion() {
        var session = EditorSession()
        let source = MarkedSource(
            demoHeader
                + "step own \"Own\"\n  next 1️⃣\n\nstep reply \"Reply\"\n  choose a \"A?\"\n    option x \"X\" -> re2️⃣\n")
        _ = session.open(Self.uri, source.text)
        #expect(session.request("textDocument/completion", Self.uri, position(source, "1")).labels == ["own", "reply"])
        let items = session.request("textDocument/completion", Self.uri, position(source, "2"))
        #expect(items.labels == ["own", "reply"])
        // The edit replaces the "re" typed so far.
        #expect(
            PositionRange(json: items.array?.first?["textEdit"]?["range"])?.start == Position(line: 8, character: 20))
    }

    @Test("completion after '{' offers values asked on every path first, then those asked on some")
    func valueCompletion() {
        var session = EditorSession()
        let source = MarkedSource(
            Self.playbook.text.replacingOccurrences(of: "about {order}.", with: "about {order} {1️⃣}."))
        _ = session.open(Self.uri, source.text)
        let items = session.request("textDocument/completion", Self.uri, position(source, "1"))
        #expect(items.labels == ["name", "route", "order"])
        #expect(items.array?.first?["textEdit"]?["newText"]?.string == "name")
        #expect(items.array?.last?["detail"]?.string == "Order number? (not asked on every path here)")
    }

    @Test("keyword completion fits the place: header, step, choice, draft")
    func keywordCompletion() {
        var session = EditorSession()
        let source = MarkedSource(
            "playbook demo \"Demo\"\n1️⃣\nstep own \"Own\"\n  2️⃣\n  choose a \"A?\"\n    option x \"X\"\n    3️⃣\n  draft \"D\"\n    expect name\n    4️⃣\n  done 5️⃣\n  allow 6️⃣"
        )
        _ = session.open(Self.uri, source.text)
        func labels(_ marker: String) -> [String] {
            session.request("textDocument/completion", Self.uri, position(source, marker)).labels
        }
        #expect(labels("1") == CompletionContext.headerKeywords + ["step"])
        #expect(labels("2") == CompletionContext.stepKeywords)
        #expect(labels("3").first == "option" && !labels("3").contains("expect"))
        #expect(labels("4").prefix(5) == ["expect", "limit", "avoid", "allow", "failure"])
        #expect(labels("5") == ["resolved", "escalated", "pending", "lost"])
        #expect(labels("6").contains("excuse") && labels("6").contains("RB201"))
    }

    @Test("definition of a step jump and of a value use")
    func definition() {
        var session = EditorSession()
        let source = Self.playbook
        _ = session.open(Self.uri, source.text)
        let step = session.request("textDocument/definition", Self.uri, position(source, "1"))
        #expect(step["uri"]?.string == Self.uri)
        #expect(PositionRange(json: step["range"])?.start == position(source, "2"))
        let value = session.request("textDocument/definition", Self.uri, position(source, "4"))
        #expect(PositionRange(json: value["range"])?.start == position(source, "3"))
    }

    @Test("references of a step include its jumps and the tests' 'expect step' lines")
    func references() {
        var session = EditorSession(files: [Self.testURI: Self.tests])
        _ = session.open(Self.uri, Self.playbook.text)
        let found = session.request(
            "textDocument/references", Self.uri, position(Self.playbook, "2"),
            ["context": .fields(["includeDeclaration": .bool(false)])])
        let places = (found.array ?? []).compactMap { $0["uri"]?.string }
        #expect(places == [Self.uri, Self.uri, Self.testURI])
    }

    @Test("renaming a step changes the playbook and the test files that name it")
    func renameStep() throws {
        var session = EditorSession(files: [Self.testURI: Self.tests, "file:///work/other.test": "playbook other\n"])
        _ = session.open(Self.uri, Self.playbook.text)
        let edit = session.request(
            "textDocument/rename", Self.uri, position(Self.playbook, "1"), ["newName": .string("answer")])
        let inPlaybook = try #require(edit["changes"]?[Self.uri]?.array)
        #expect(inPlaybook.count == 3)
        let inTests = try #require(edit["changes"]?[Self.testURI]?.array)
        #expect(inTests.count == 1)
        #expect(
            PositionRange(json: inTests.first?["range"])
                == PositionRange(Position(line: 5, character: 14), Position(line: 5, character: 19)))
        #expect(edit["changes"]?["file:///work/other.test"] == nil)
        // Applying the edits leaves a playbook that checks clean.
        var text = TextDocument(Self.playbook.text)
        for change in inPlaybook.reversed() {
            text.replace(PositionRange(json: change["range"]), with: change["newText"]?.string ?? "")
        }
        #expect(Playbook.check(text.bytes).diagnostics.allSatisfy { $0.severity != .error })
        #expect(text.text.contains("step answer \"Draft the reply\""))
    }

    @Test("renaming a value changes its question and every use in the file; a bad name is refused")
    func renameValue() throws {
        var session = EditorSession()
        _ = session.open(Self.uri, Self.playbook.text)
        let edit = session.request(
            "textDocument/rename", Self.uri, position(Self.playbook, "4"), ["newName": .string("first")])
        #expect(edit["changes"]?[Self.uri]?.array?.count == 2)
        var params: [(key: String, value: JSON.Value)] = [
            ("textDocument", .fields(["uri": .string(Self.uri)])), ("position", position(Self.playbook, "4").json),
            ("newName", .string("two words")),
        ]
        params.append(("context", .null))
        let refused = session.response("textDocument/rename", .object(params))
        #expect(refused?["error"]?["code"]?.int == -32602)
    }

    @Test("hover explains keywords from the reference, steps, values and rule codes")
    func hover() {
        var session = EditorSession()
        let source = Self.playbook
        _ = session.open(Self.uri, source.text)
        func hover(_ position: Position) -> String {
            session.request("textDocument/hover", Self.uri, position)["contents"]?["value"]?.string ?? ""
        }
        #expect(hover(Position(line: 5, character: 3)).contains("Asks the agent for a value"))
        #expect(hover(position(source, "1")).contains("Draft the reply"))
        #expect(hover(position(source, "4")).contains("ask name \"Customer's first name?\""))
        let rule = ReplyChecker.descriptors.first { $0.code == "RB201" }?.summary ?? "?"
        #expect(hover(position(source, "5")).contains(rule))
    }

    @Test("formatting is rebound fmt as one edit; none for a playbook with errors")
    func formatting() {
        var session = EditorSession()
        let messy =
            "playbook demo   \"Demo\"\nversion 1\nsummary Demo.\nstep own \"Own\"\nsay Hi\n      done resolved\n"
        _ = session.open(Self.uri, messy)
        let edits = session.request(
            "textDocument/formatting",
            .fields(["textDocument": .fields(["uri": .string(Self.uri)]), "options": .fields([:])]))
        let formatted = Playbook.format(Array(messy.utf8), Playbook.check(messy).playbook)
        #expect(edits.array?.count == 1)
        #expect(edits.array?.first?["newText"]?.string == formatted)
        _ = session.open(Self.uri, messy + "bogus\n")
        let none = session.request(
            "textDocument/formatting",
            .fields(["textDocument": .fields(["uri": .string(Self.uri)]), "options": .fields([:])]))
        #expect(none.array?.isEmpty == true)
    }

    @Test("formatting a test file is rebound fmt's layout of tests")
    func formattingTests() {
        var session = EditorSession()
        let uri = "file:///work/demo.test"
        let messy = "playbook demo\ntest \"t\"\nanswer   Ann\n"
        _ = session.open(uri, messy)
        let edits = session.request(
            "textDocument/formatting",
            .fields(["textDocument": .fields(["uri": .string(uri)]), "options": .fields([:])]))
        #expect(edits.array?.first?["newText"]?.string == "playbook demo\n\ntest \"t\"\n  answer Ann\n")
    }

    @Test("document symbols are the steps with their questions and drafts")
    func symbols() {
        var session = EditorSession()
        _ = session.open(Self.uri, Self.playbook.text)
        let symbols = session.request(
            "textDocument/documentSymbol", .fields(["textDocument": .fields(["uri": .string(Self.uri)])]))
        #expect(symbols.labels.isEmpty)
        #expect((symbols.array ?? []).compactMap { $0["name"]?.string } == ["own", "extra", "reply"])
        let own = symbols.array?.first
        #expect((own?["children"]?.array ?? []).compactMap { $0["name"]?.string } == ["name", "route"])
        #expect(own?["children"]?.array?.last?["children"]?.array?.count == 2)
    }

    @Test("in a test file: diagnostics from the test parser, and completion of playbooks, steps and options")
    func testFiles() {
        var session = EditorSession(files: [Self.uri: Self.playbook.text])
        let published = session.open(Self.testURI, "playbook demo\ntest \"t\"\n  anwser x\n")
        #expect(published.compactMap { $0["code"]?.string } == ["RB401"])
        let source = MarkedSource("playbook 1️⃣demo\ntest \"t\"\n  choose 2️⃣\n  expect step 3️⃣\n  4️⃣\n")
        _ = session.open(Self.testURI, source.text)
        func labels(_ marker: String) -> [String] {
            session.request("textDocument/completion", Self.testURI, position(source, marker)).labels
        }
        #expect(labels("1") == ["demo"])
        #expect(labels("2") == ["fast", "slow"])
        #expect(labels("3") == ["own", "extra", "reply"])
        #expect(labels("4").contains("answer") && labels("4").contains("expect"))
        _ = session.open(Self.testURI, Self.tests)
        let step = session.request("textDocument/definition", Self.testURI, Position(line: 5, character: 16))
        #expect(step["uri"]?.string == Self.uri)
    }
}
