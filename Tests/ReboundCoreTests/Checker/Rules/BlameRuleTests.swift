import ReboundChecker
import Testing

@Suite("RB202 blame")
struct BlameRuleTests {
    @Test(
        "pointing at partners, colleagues or the customer is blame",
        arguments: [
            "Unfortunately 1️⃣the courier lost your parcel.",
            "1️⃣The courier has unfortunately damaged it.",
            "1️⃣It was the warehouse's fault.",
            "It 1️⃣wasn't our fault, the supplier was late.",
            "1️⃣You'll need to contact the courier directly.",
            "1️⃣You didn't read the instructions.",
            "1️⃣You should have checked the size chart.",
            "I think 1️⃣my colleague made a mistake.",
            "Sorry about that. 1️⃣Kindly contact the manufacturer to claim the warranty.",
            "The charge came from us, but 1️⃣please speak to your bank about reversing it.",
            "1️⃣We request you to approach the seller for a replacement.",
            "Sorry, 1️⃣we're not in charge of the seating plan.",
            "Security checks are 1️⃣managed solely by the airport.",
            "For the refund, 1️⃣they're the right people to ask.",
            "Those 1️⃣prices are set by our sellers.",
            "The card is from your bank; 1️⃣you may wish to speak with them.",
            "Please 1️⃣contact the help desk of the manufacturer.",
        ])
    func blame(text: String) {
        let result = findingStarts(text, rule: "RB202")
        #expect(result.found == result.expected)
    }

    @Test("blaming the customer is an error, blaming a partner a warning")
    func severities() {
        let customer = sharedChecker.check("You entered the wrong address.")
        #expect(customer.first?.severity == .error)
        let partner = sharedChecker.check("The courier lost your parcel.")
        #expect(partner.first?.severity == .warning)
    }

    @Test(
        "facts about partners, negations and the customer's words are not blame",
        arguments: [
            "The courier confirmed delivery at 3pm.",
            "We will never blame the courier for our mistake.",
            "It's not the courier's fault: we gave them the wrong label.",
            "You should have received an email with the tracking link.",
            "\"The courier lost it\" is what you were told, and that was wrong of us.",
            "I've asked the courier to collect it tomorrow.",
            "When did you first contact the Seller?",
            "If you think the system made a mistake, you can request a review.",
            "We contacted the manufacturer and the new part ships Monday.",
            "I've called your bank and they have released the hold.",
        ])
    func notBlame(text: String) {
        #expect(!ruleCodes(text).contains("RB202"))
    }
}
