import ReboundChecker
import ReboundText
import Testing

@Suite("phrase lists")
struct PhraseBookTests {
    @Test("the shipped phrase lists parse without a single diagnostic")
    func shippedListsAreClean() {
        for (name, text) in ShippedPhrases.all {
            let diagnostics = PhraseBook.parse(text, name: name).diagnostics
            #expect(diagnostics.isEmpty, "\(name): \(diagnostics.map { "\($0.range.start) \($0.message)" })")
        }
        #expect(ShippedPhrases.all.count == 6)
    }

    func codes(_ text: String) -> [DiagnosticCode] {
        PhraseBook.parse(text, name: "team.phrases").diagnostics.map(\.code)
    }

    @Test("each mistake in a phrase file gets its code and line")
    func diagnostics() throws {
        #expect(codes("category = excuse\n[g]\nmessage = m\nthe (crm|portal was down\n") == [.malformedPhraseLine])
        #expect(codes("category = excuse\n[g]\nmessage = m\nthe {sytem} was down\n") == [.unknownPhraseClass])
        #expect(codes("category = excuse\nthe crm was down\n") == [.misplacedPhraseLine])
        #expect(codes("category = excuses\n") == [.unknownPhraseSetting])
        #expect(codes("category = excuse\n[g]\nseverity = high\nmessage = m\nx\n") == [.unknownPhraseSetting])
        #expect(codes("category = excuse\n[g]\nthe crm was down\n") == [.incompletePhraseGroup])
        #expect(codes("[g]\nmessage = m\nx\n") == [.incompletePhraseGroup])
        let broad = "category = excuse\n@a = a, b, c, d, e, f, g, h, i, j\n[g]\nmessage = m\n{a} {a} {a} {a}\n"
        #expect(codes(broad) == [.phraseTooBroad])
        let located = try #require(PhraseBook.parse("category = excuse\n\n  [g x]\n", name: "t").diagnostics.first)
        #expect(located.range.start.line == 3 && located.range.start.column == 3)
    }

    @Test("a team's group is matched like the built-in ones, with its own message")
    func teamGroup() throws {
        let team = PhraseBook.parse(
            """
            category = excuse
            @system = crm, "order tool"
            [tooling]
            message = Our tools are our problem.
            suggestion = Say what you did instead.
            the {system} (was|went) down
            (because|as) .. {system} (crashed|froze)
            """, name: "team.phrases")
        #expect(team.diagnostics.isEmpty)
        let checker = ReplyChecker(book: ReplyChecker.standardBook.merged(with: team.book))
        let findings = checker.check("Sorry, the order tool went down. It was slow because our new crm crashed.")
        #expect(findings.map(\.excerpt) == ["the order tool went down", "because our new crm crashed"])
        #expect(findings.allSatisfy { $0.message == "Our tools are our problem." && $0.rule == "RB201" })
    }
}
