import ReboundChecker
import Testing

@Suite("reply text understanding")
struct TextUnderstandingTests {
    @Test(
        "case, apostrophe style, hyphens, emoji and line breaks do not hide a phrase",
        arguments: [
            "WE WERE SHORT-STAFFED.", "We’re short staffed 😞", "we were\nshort staffed",
            "🙏 We were short-staffed 🙏",
        ])
    func variants(text: String) {
        #expect(ruleCodes(text) == ["RB201"], "\(text)")
    }

    @Test("a phrase does not run across a sentence end")
    func sentences() {
        #expect(!ruleCodes("Mistakes. Happen to be what we fix.").contains("RB201"))
        #expect(ruleCodes("Mistakes happen.").contains("RB201"))
    }

    @Test("columns count characters, offsets count bytes, across lines and emoji")
    func positions() throws {
        let finding = try #require(sharedChecker.check("Hi 😀 Ana,\nsorry — mistakes happen.").first)
        #expect(finding.range.start.line == 2)
        #expect(finding.range.start.column == 9)
        #expect(finding.range.start.offset == "Hi 😀 Ana,\nsorry — ".utf8.count)
        #expect(finding.excerpt == "mistakes happen")
    }
}
