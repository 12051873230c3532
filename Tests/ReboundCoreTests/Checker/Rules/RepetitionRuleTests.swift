import Testing

@Suite("RB208 repetition")
struct RepetitionRuleTests {
    @Test(
        "asking the customer to repeat is advice",
        arguments: [
            "1️⃣Could you explain the problem again?",
            "1️⃣Please resend your order number.",
            "1️⃣Can you send me your tracking number again?",
            "1️⃣Please start again from the beginning.",
        ])
    func repeats(text: String) {
        let result = findingStarts(text, rule: "RB208")
        #expect(result.found == result.expected)
        #expect(sharedChecker.check(MarkedSource(text).text).first?.severity == .advice)
    }

    @Test("asking once for something truly missing is fine")
    func missingDetail() {
        #expect(!ruleCodes("Which colour would you like instead?").contains("RB208"))
        #expect(!ruleCodes("I've read your messages: the box arrived crushed.").contains("RB208"))
    }
}
