import ReboundText

/// RB214: a payment card number in the reply to the customer.
public enum CardNumberRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB214", category: .privacy, severity: .error,
        summary: "A payment card number in the reply.",
        explanation: """
            A card number in a message can be read by anyone who sees the customer's inbox or \
            screen, and Rebound never stores one: the transcript would keep only its last four \
            digits, so the reply on record would differ from the reply sent. Refer to a card by \
            its last four digits, and never ask for or repeat a whole number.
            """,
        badExample: "We've refunded your card 4111 1111 1111 1111.",
        goodExample: "We've refunded the card ending 1111; it shows within five working days.")

    public static func findings(in context: CheckContext) -> [Finding] {
        guard CardNumbers.mayContain(context.reply.bytes) else { return [] }
        let text = String(decoding: context.reply.bytes, as: UTF8.self)
        return CardNumbers.matches(in: text).map { card in
            // "your card 4111 …" → "your card ending 1111"; elsewhere "the card ending 1111".
            let before = context.reply.bytes[..<card.offset].suffix(5).map { $0 | 0x20 }
            let replacement =
                before == Array("card ".utf8) ? "ending \(card.lastFour)" : "the card ending \(card.lastFour)"
            let start = SourceLocation(line: 0, column: 0, offset: card.offset)
            let end = SourceLocation(line: 0, column: 0, offset: card.offset + card.length)
            return Finding(
                rule: descriptor.code, category: descriptor.category, severity: descriptor.severity,
                message: "A whole card number is in the reply: refer to it by its last four digits.",
                range: SourceRange(start, end), excerpt: "[card ending \(card.lastFour)]",
                suggestion: "Write \"the card ending \(card.lastFour)\" instead.",
                fix: TextEdit(offset: card.offset, length: card.length, replacement: replacement))
        }
    }
}
