import ReboundChecker
import Testing

@Suite("RB203 repeated apology")
struct RepeatedApologyRuleTests {
    @Test(
        "the second apology is reported, across sentences and lines",
        arguments: [
            "I'm sorry about this. 1️⃣Sorry again!",
            "We apologise for the delay.\n\n1️⃣Apologies once more.",
            "I’m so sorry, I sincerely 1️⃣apologise.",
            "Sorry! We regret it. Forgive us.\n1️⃣",
        ])
    func secondApology(text: String) {
        let source = MarkedSource(text)
        let findings = sharedChecker.check(source.text).filter { $0.rule == "RB203" }
        #expect(findings.count == 1)
        if text.hasSuffix("1️⃣") {
            #expect(findings.first?.excerpt.lowercased() == "we regret")
        } else {
            #expect(findings.first?.range.start == source["1"])
        }
    }

    @Test(
        "an apology marked as a repeat counts as the second even when it is the only one",
        arguments: [
            "Hi Ana, 1️⃣apologies again for the delay; it ships today.",
            "1️⃣Once again, I'm sorry. The engineer comes at 10.",
            "1️⃣Again my apologies, the refund went out this morning.",
            "1️⃣We apologise once more: the parcel is on the van.",
        ])
    func againApology(text: String) {
        let result = findingStarts(text, rule: "RB203")
        #expect(result.found == result.expected)
    }

    @Test("\"again\" that is not about the apology, or a negated repeat, is fine")
    func againElsewhere() {
        #expect(!ruleCodes("I'm sorry it broke again. A new one ships today.").contains("RB203"))
        #expect(!ruleCodes("Please try again tomorrow; I'm sorry for the wait.").contains("RB203"))
    }

    @Test(
        "one apology, or empathy once with one apology, is fine",
        arguments: [
            "I'm sorry your order is late. It ships today.",
            "I'm sorry to hear that. I apologise for the wait; it ships today.",
            "You said \"sorry doesn't cut it\" and you are right. I'm sorry.",
            "There is no need to apologise for asking. I'm sorry we kept you waiting.",
        ])
    func oneApology(text: String) {
        #expect(!ruleCodes(text).contains("RB203"))
    }

    @Test("the step's limit decides how many apologies are allowed")
    func limit() {
        var none = CheckOptions()
        none.apologyLimit = 0
        let first = findingStarts("Your refund is on its way. 1️⃣Sorry for the wait.", rule: "RB203", options: none)
        #expect(first.found == first.expected)
        var two = CheckOptions()
        two.apologyLimit = 2
        #expect(!ruleCodes("Sorry. Sorry again.", options: two).contains("RB203"))
    }

    @Test("empathy twice is reported on the second")
    func empathyTwice() {
        let result = findingStarts("I'm sorry to hear that. Oh, I'm 1️⃣sorry to hear about the box too.", rule: "RB203")
        #expect(result.found == result.expected)
    }
}

@Suite("RB204 consecutive apology")
struct ConsecutiveApologyRuleTests {
    @Test("apologising again in the next reply is reported on its first apology")
    func again() {
        var options = CheckOptions()
        options.previousReply = "I'm sorry we lost your parcel. A new one ships today."
        let result = findingStarts("Update: 1️⃣apologies again, it left this morning.", rule: "RB204", options: options)
        #expect(result.found == result.expected)
    }

    @Test("no apology before, or none now, is fine")
    func fine() {
        var options = CheckOptions()
        options.previousReply = "Your parcel ships today."
        #expect(!ruleCodes("Sorry, one more thing: it is insured.", options: options).contains("RB204"))
        options.previousReply = "I'm sorry we lost your parcel."
        #expect(!ruleCodes("It left our warehouse this morning.", options: options).contains("RB204"))
        #expect(!ruleCodes("Sorry, it left this morning.").contains("RB204"))
    }
}
