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
            "1️⃣As per hotel policy, check-in is at 3pm and we can't hold the room.",
            "I'm afraid 1️⃣our hands are tied on this one.",
            "1️⃣The fare rules don't allow a refund on this ticket.",
            "Delays are not covered by 1️⃣the conditions of carriage.",
            // Refusals in the words of social-media support teams.
            "Sorry, we 1️⃣cannot help with billing questions over social media.",
            "1️⃣Support on this channel is limited to technical questions.",
            "Your deposit 1️⃣is non-refundable.",
            "Sale items are 1️⃣not eligible for a refund.",
            "Water damage 1️⃣isn't covered under your warranty plan.",
            "I'm sorry, 1️⃣I have no authority to waive the fee.",
            "Wheelchair help 1️⃣must be booked at least 48 hours in advance.",
            "The delivery address 1️⃣cannot be changed after dispatch.",
            "The priority line 1️⃣is only available to premium members.",
            "1️⃣Due to licensing agreements, the film is unavailable in your country.",
            "As said before, we 1️⃣won't be able to offer any further action on this.",
            "1️⃣Our agents are instructed to close the gate ten minutes before departure.",
            // A rule that grants something and limits it in the same sentence is still a limit.
            "1️⃣As per our policy, you are entitled to a refund, but only within 30 days.",
            "1️⃣As per our policy, you are not entitled to a refund.",
            "1️⃣As per our terms we're not liable for schedule changes, so the charges are passed on to you.",
            "1️⃣Per our terms, delivery 2️⃣is non-refundable, so we've refunded the item price only.",
            // A grant in another sentence does not excuse this one.
            "Our hotel fees are fully refundable. 1️⃣As per our policy, the deposit is kept.",
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
            "As per our policy, a delay of over two hours entitles you to a full refund, which I've processed.",
            "As per our refund policy, a ticket cancelled by the airline is refunded in full.",
            "Under our terms you are not liable for payments you didn't authorise, so I have refunded all three.",
            "As per our policy, cold items that arrive warm are fully refundable.",
            "Under our policy disputed payments get a temporary credit while we investigate.",
            "Under our refund terms you are entitled to the full amount back.",
            "Your rate was non-refundable, but the room wasn't ready, so I've refunded it.",
            "You are eligible for a full refund, and I sent it this morning.",
            "Your address isn't covered by our fibre network yet; I've added you to the waiting list.",
        ])
    func helpful(text: String) {
        #expect(!ruleCodes(text).contains("RB206"))
    }
}
