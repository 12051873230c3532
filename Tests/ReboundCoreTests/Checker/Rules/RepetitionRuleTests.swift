import ReboundChecker
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

    @Test("with the customer's message known, asking again names what they already gave")
    func alreadyGiven() throws {
        var options = CheckOptions()
        options.customerMessage = "Order #88213 arrived with a cracked screen. Email me at jo@example.com."
        let finding = try #require(
            sharedChecker.check("Please resend your order number.", options: options).first { $0.rule == "RB208" })
        #expect(finding.message.hasSuffix("The customer already gave “#88213”, “jo@example.com”."))
        #expect(finding.suggestion == "Use what they wrote (“#88213”, “jo@example.com”) instead of asking again.")
    }

    @Test("words of the customer's message echoed in the reply (four or more in a row) are theirs, as if quoted")
    func echoedWords() {
        let draft = "You were told we were short-staffed today; that was not good enough. Order 123456 ships now."
        #expect(ruleCodes(draft).contains("RB201"))
        var options = CheckOptions()
        options.customerMessage = "The shop told me we were short-staffed today and sent me away!"
        #expect(!sharedChecker.check(draft, options: options).map(\.rule).contains("RB201"))
        options.customerMessage = "short-staffed"
        #expect(sharedChecker.check(draft, options: options).map(\.rule).contains("RB201"), "one word is no echo")
    }
}
