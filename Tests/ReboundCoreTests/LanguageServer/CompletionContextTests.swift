import Testing

@testable import ReboundLanguageServer

/// What may be written at a place is read from the line before it (and the lines above,
/// for a keyword), so it works on text that does not parse yet.
@Suite("language server: completion contexts")
struct CompletionContextTests {
    static func playbook(_ marked: String) -> CompletionContext {
        let source = MarkedSource(marked)
        return CompletionContext.playbook(TextDocument(source.text), at: source["1"].offset).context
    }

    static func test(_ marked: String) -> CompletionContext {
        let source = MarkedSource(marked)
        return CompletionContext.test(TextDocument(source.text), at: source["1"].offset).context
    }

    @Test("arguments of a playbook line")
    func playbookArguments() {
        #expect(Self.playbook("step a \"A\"\n  next 1️⃣") == .steps)
        #expect(Self.playbook("    option x \"X\" ->re1️⃣") == .steps)
        #expect(Self.playbook("  say Hello {na1️⃣") == .values)
        #expect(Self.playbook("  done 1️⃣") == .outcomes)
        #expect(Self.playbook("    allow ex1️⃣") == .rules)
        #expect(Self.playbook("    expect 1️⃣") == .words(CompletionContext.expectations))
        #expect(Self.playbook("    expect timeframe, 1️⃣") == .words(CompletionContext.expectations))
        #expect(Self.playbook("score 1️⃣") == .words(CompletionContext.scoreKinds))
        #expect(Self.playbook("  say Hello the1️⃣") == .none)
        #expect(Self.playbook("  next reply 1️⃣") == .none)
    }

    @Test("a line's first word: the keywords of its place, comments and blank lines skipped")
    func keywordPlaces() {
        #expect(Self.playbook("playbook a \"A\"\n# note\n1️⃣") == .keywords(CompletionContext.headerKeywords + ["step"]))
        #expect(
            Self.playbook("step a \"A\"\n  choose c \"C?\"\n\n    # options\n    op1️⃣")
                == .keywords(CompletionContext.choiceKeywords + CompletionContext.stepKeywords))
        #expect(
            Self.playbook("step a \"A\"\n  draft \"D\"\n    limit apologies 1\n    1️⃣")
                == .keywords(CompletionContext.draftKeywords + CompletionContext.stepKeywords))
        #expect(Self.playbook("step a \"A\"\n  say Hi\n  1️⃣") == .keywords(CompletionContext.stepKeywords))
    }

    @Test("a test file's commands and their arguments")
    func testLines() {
        #expect(Self.test("  1️⃣") == .keywords(CompletionContext.testCommands))
        #expect(Self.test("playbook 1️⃣") == .playbooks)
        #expect(Self.test("  choose ex1️⃣") == .testOptions)
        #expect(Self.test("  expect 1️⃣") == .words(CompletionContext.testExpectations))
        #expect(Self.test("  expect step 1️⃣") == .testSteps)
        #expect(Self.test("  expect outcome 1️⃣") == .outcomes)
        #expect(Self.test("  expect value 1️⃣") == .testValues)
        #expect(Self.test("  expect no finding 1️⃣") == .rules)
        #expect(Self.test("  accept 1️⃣") == .rules)
        #expect(Self.test("  answer Maria 1️⃣") == .none)
    }
}
