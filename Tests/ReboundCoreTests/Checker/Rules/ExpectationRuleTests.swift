import ReboundChecker
import ReboundLanguage
import ReboundText
import Testing

@Suite("RB210–RB213 expectations")
struct ExpectationRuleTests {
    func expecting(_ expectations: [ReboundLanguage.Expectation], values: [String: String] = [:]) -> CheckOptions {
        var options = CheckOptions()
        options.expectations = expectations
        options.values = values
        return options
    }

    @Test(
        "a day, date, time or duration satisfies expect timeframe",
        arguments: [
            "It ships today.", "You'll have it by Friday.", "Within 24 hours.", "Expect it in 3-5 working days.",
            "I'll call at 3pm.", "The engineer comes at 10:30.", "Delivery on the 4th.", "Booked for 12/03.",
            "It arrives tomorrow morning.",
        ])
    func timeframes(text: String) {
        #expect(!ruleCodes(text, options: expecting([.timeframe])).contains("RB210"))
    }

    @Test("no timeframe is advice at 1:1 with no excerpt, and only when expected")
    func noTimeframe() throws {
        let findings = sharedChecker.check("We will send it as soon as possible.", options: expecting([.timeframe]))
        let finding = try #require(findings.first { $0.rule == "RB210" })
        #expect(finding.severity == .advice)
        #expect(finding.range.start.line == 1 && finding.range.start.column == 1 && finding.length == 0)
        #expect(finding.excerpt.isEmpty)
        #expect(!ruleCodes("We will send it as soon as possible.").contains("RB210"))
        #expect(!ruleCodes("The parcel sat in the depot.", options: expecting([.timeframe])).isEmpty)
    }

    @Test("a next step is something done or to be done")
    func nextStep() {
        let expect = expecting([.nextStep])
        #expect(!ruleCodes("I've issued a full refund.", options: expect).contains("RB211"))
        #expect(!ruleCodes("We'll call you back.", options: expect).contains("RB211"))
        #expect(!ruleCodes("You will receive a new one.", options: expect).contains("RB211"))
        #expect(ruleCodes("Thank you for your patience.", options: expect).contains("RB211"))
        for stated in [
            "A fresh one will be with you in two minutes.", "Maya will call you on Thursday at 10:00.",
            "We are remaking your latte now.",
        ] {
            #expect(!ruleCodes(stated, options: expect).contains("RB211"), "\(stated)")
        }
    }

    @Test("the name is the captured value, or else a greeting with a name")
    func name() {
        #expect(
            !ruleCodes("Hi Maria, it ships today.", options: expecting([.name], values: ["name": "Maria"])).contains(
                "RB212"))
        #expect(
            ruleCodes("Hi Mariana, it ships today.", options: expecting([.name], values: ["name": "Maria"])).contains(
                "RB212"))
        #expect(
            !ruleCodes("Hi Jo, it ships today.", options: expecting([.name], values: ["name": "Jo Park"])).contains(
                "RB212"))
        #expect(!ruleCodes("Hello Mr Okafor,\nit ships today.", options: expecting([.name])).contains("RB212"))
        #expect(ruleCodes("Dear customer, it ships today.", options: expecting([.name])).contains("RB212"))
        #expect(ruleCodes("Hi there, it ships today.", options: expecting([.name])).contains("RB212"))
    }

    @Test("expect mention {value} needs the captured value in the reply")
    func mention() {
        let located = Located("order", SourceRange(at: ReboundText.SourceLocation(line: 1, column: 1, offset: 0)))
        let expect = expecting([.mention(located)], values: ["order": "482913"])
        #expect(!ruleCodes("Order 482913 ships today.", options: expect).contains("RB213"))
        #expect(ruleCodes("Your order ships today.", options: expect).contains("RB213"))
        #expect(!ruleCodes("Your order ships today.", options: expecting([.mention(located)])).contains("RB213"))
    }
}
