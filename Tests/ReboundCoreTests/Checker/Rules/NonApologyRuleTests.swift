import Testing

@Suite("RB205 non-apology")
struct NonApologyRuleTests {
    @Test(
        "generic, conditional and passive apologies are reported",
        arguments: [
            "1️⃣We apologise for any inconvenience this may have caused.",
            "I'm 1️⃣sorry if you feel let down.",
            "Clearly 1️⃣mistakes were made.",
            "We are 1️⃣sorry you feel that way.",
            "1️⃣Sorry, but that is how it works.",
            "1️⃣Sorry for the inconvenience.",
            "Hi Sam, 1️⃣sorry for the confusion.",
            "1️⃣My apologies for the trouble, Jon.",
            "1️⃣We apologize for the issues with your account.",
            "I'm 1️⃣sorry for the poor experience at the desk.",
            "We're 1️⃣sorry the meal didn't live up to your expectations.",
            "1️⃣Sorry the room was not to your liking.",
            "1️⃣Inconvenience regretted.",
            "1️⃣The delay is deeply regretted; the part ships Monday.",
        ])
    func nonApologies(text: String) {
        let result = findingStarts(text, rule: "RB205")
        #expect(result.found == result.expected)
    }

    @Test(
        "specific, owned apologies and empathy are not reported",
        arguments: [
            "I'm sorry we charged you twice.",
            "I'm sorry to hear the box arrived crushed.",
            "I'm sorry: we sent the wrong size, and the right one ships today.",
            "Sorry, but we don't have reps in Malta yet.",
            "I'm sorry you were charged twice; the second payment is refunded.",
            "I'm sorry we sent a shirt that was not the size you ordered.",
        ])
    func owned(text: String) {
        #expect(!ruleCodes(text).contains("RB205"))
    }

    @Test("an apology for the customer's frustration says so, not that it is conditional")
    func frustration() throws {
        let finding = try #require(sharedChecker.check("Sorry for the frustration, your refund is on its way.").first)
        #expect(finding.rule == "RB205")
        #expect(finding.message.contains("feelings") && !finding.message.contains("conditional"))
    }

    @Test("an apology for 'the trouble' says that it names no failure")
    func vague() throws {
        let finding = try #require(sharedChecker.check("Sorry for the hassle, the new card is on its way.").first)
        #expect(finding.rule == "RB205")
        #expect(finding.message.contains("names no failure"))
    }
}
