/// RB208: asking the customer to repeat what they already told us.
public enum RepetitionRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB208", category: .repetition, severity: .advice,
        summary: "Asking the customer to repeat their story or details.",
        explanation: """
            Respect the customer's time. Having to repeat the story, or to send the order number \
            again, tells them nobody read what they wrote, and makes them pay for our mistake with \
            their time. Read the thread and the account first; confirm what you found in one line \
            and ask only for what is truly missing.
            """,
        badExample: "Could you please explain the problem again and resend your order number?",
        goodExample: "I've read your messages: order 482913 arrived with a cracked screen on Monday.")

    public static func findings(in context: CheckContext) -> [Finding] {
        context.phraseFindings(descriptor)
    }
}
