/// RB211: `expect next-step` and the reply does not say what happens next.
public enum NextStepRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB211", category: .expectation, severity: .advice,
        summary: "The reply does not say what happens next (expect next-step).",
        explanation: """
            Customers want to know what to expect and when. A reply should leave them with the \
            next step: what we have done or will do ("I've issued the refund", "we'll call you at \
            10:00"), or the choice they need to make. Checked when the step says \
            `expect next-step`, or with `rebound lint --expect next-step`.
            """,
        badExample: "Thank you for your patience while we look into this matter.",
        goodExample: "I've booked an engineer for Monday morning; you'll get a text when they are on their way.")

    public static func findings(in context: CheckContext) -> [Finding] {
        guard context.options.expects(.nextStep), context.matches(.nextStep).isEmpty else { return [] }
        return [
            context.missing(
                descriptor, message: "No next step: say what you have done or will do.",
                suggestion: "Add what happens next: \"I've issued the refund; you'll see it within 3 days.\"")
        ]
    }
}
