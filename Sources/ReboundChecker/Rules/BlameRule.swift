/// RB202: pointing at a courier, supplier, colleague or the customer.
public enum BlameRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB202", category: .blame, severity: .warning,
        summary: "Pointing at someone else, or at the customer.",
        explanation: """
            A mistake may start with a courier, a supplier or another team, but the customer \
            dealt with us, and fixing it is our job. Naming a culprit sounds like a way out of \
            that job; blaming the customer is worse and is reported as an error. Aim, don't \
            blame: say "we", take responsibility for the fix, and send the customer nowhere else.
            """,
        badExample: "The courier lost your parcel, so you'll need to contact them directly.",
        goodExample: "We lost your parcel. I've sent a new one by express, and it arrives on Thursday.")

    public static func findings(in context: CheckContext) -> [Finding] {
        context.phraseFindings(descriptor)
    }
}
