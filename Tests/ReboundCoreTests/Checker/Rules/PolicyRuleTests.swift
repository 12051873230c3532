import Testing

@Suite("RB206 policy")
struct PolicyRuleTests {
    @Test(
        "quoting policy at the customer and refusing exceptions are reported",
        arguments: [
            "1️⃣As per our policy, refunds take 30 days.",
            "1️⃣Our policy does not allow refunds on sale items.",
            "That is 1️⃣outside the return window.",
            "1️⃣We can't make an exception.",
            "1️⃣According to our terms and conditions, this is final.",
        ])
    func quibbles(text: String) {
        let result = findingStarts(text, rule: "RB206")
        #expect(result.found == result.expected)
    }

    @Test(
        "a policy that helps the customer is not quibbling",
        arguments: [
            "Our policy is to refund you in full, so I have.",
            "I won't hide behind a policy here: I've refunded you.",
            "Good news: our returns policy covers this, and the label is attached.",
            "According to the policies of your bank, the hold lasts five days; I've asked them to lift it.",
        ])
    func helpful(text: String) {
        #expect(!ruleCodes(text).contains("RB206"))
    }
}
