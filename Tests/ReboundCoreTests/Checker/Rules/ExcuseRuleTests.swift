import Testing

@Suite("RB201 excuse")
struct ExcuseRuleTests {
    @Test(
        "staffing, workload, shrugs, weather and glitches are excuses",
        arguments: [
            "Sorry, 1️⃣we were short-staffed this week.",
            "It's our 1️⃣busy season, so things are slow.",
            "We've had 1️⃣unusually high volumes of orders.",
            "I'm sorry. 1️⃣Mistakes happen, but we fixed it.",
            "The delay was 1️⃣beyond our control.",
            "Your parcel is late 1️⃣due to the weather.",
            "1️⃣We’re really busy right now.",
            "This was 1️⃣due to a technical issue on our side.",
            "Sorry, 1️⃣the booking system crashed overnight and dropped your room.",
            "The page timed out 1️⃣under heavy load on Friday.",
            "Invoices are late as we're 1️⃣moving to a new billing platform.",
            "The team was 1️⃣heads-down on the launch, so your email waited.",
            "1️⃣It's not usually like this, honestly.",
            "Your order went missing, 1️⃣just bad luck I'm afraid.",
            "Honestly 1️⃣this very rarely happens.",
            "@sam Hi, 1️⃣due to the current situation, deliveries are running late. ^JM",
            "Online banking was down 1️⃣due to scheduled maintenance that overran.",
            "The app was 1️⃣undergoing maintenance, so your payment failed.",
            "Sorry for the wait, 1️⃣things have been quite hectic here.",
            "The delay was for a 1️⃣late-arriving crew. *WG",
            "1️⃣Due to courier constraints, we can't deliver to your area.",
            "Your train was late 1️⃣owing to heavy congestion near Reading.",
            "Sorry, 1️⃣weather-related delays are hitting every route today.",
            "Your message arrived 1️⃣when no agents were available.",
            "It 1️⃣may have been a mis-scan at the depot.",
            "Sorry, 1️⃣the aircraft is arriving late from Boston.",
        ])
    func excuses(text: String) {
        let result = findingStarts(text, rule: "RB201")
        #expect(result.found == result.expected)
    }

    @Test(
        "negated and quoted excuses, and plain facts, are not reported",
        arguments: [
            "This is not due to the weather: we packed it badly.",
            "We won't pretend it was beyond our control.",
            "You wrote \"we were short staffed\" in your last message; no excuse for that.",
            "> you said it was our busy season\nYou are right, and I have refunded you today.",
            "No excuses: I've refunded you in full.",
            "Our warehouse team packed it on Monday and it shipped Tuesday.",
            "We'll do our best to have it with you by Friday.",
            "Overbooking isn't bad luck; it's a choice we made, and I've refunded the night.",
            "The outage was not due to scheduled maintenance: we pushed a bad update, and it's fixed.",
            "The app will be down for maintenance from 1 to 3am on Sunday.",
            "The delay was not due to the snow: we forgot to book the van.",
            "The parcel came back because no one was available to sign for it.",
        ])
    func notExcuses(text: String) {
        #expect(!ruleCodes(text).contains("RB201"))
    }

    @Test("the finding carries the excerpt, the span in bytes and a suggestion")
    func details() throws {
        let finding = try #require(sharedChecker.check("Hi Ana, we were short-staffed.").first)
        #expect(finding.rule == "RB201")
        #expect(finding.category == .excuse)
        #expect(finding.severity == .warning)
        #expect(finding.excerpt == "we were short-staffed")
        #expect(finding.range.start.offset == 8)
        #expect(finding.length == 21)
        #expect(finding.suggestion?.isEmpty == false)
    }
}
