/// RB204: apologising again in the next reply of the same conversation.
public enum ConsecutiveApologyRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB204", category: .repeatedApology, severity: .warning,
        summary: "Apologising again in the next reply of the same conversation.",
        explanation: """
            The apology belongs at the start of the recovery. When the previous reply in the \
            conversation already apologised, apologising again makes the conversation about our \
            regret rather than about the customer's fix. Report progress instead: what has \
            happened since, and what comes next.
            """,
        badExample: "(after an earlier apology) Apologies again for all the trouble. Your refund is processing.",
        goodExample: "(after an earlier apology) Your refund went through this morning; it shows within 3 days.")

    public static func findings(in context: CheckContext) -> [Finding] {
        guard let previous = context.options.previousReply, let first = context.apologies().first else { return [] }
        let earlier = CheckContext(
            checker: context.checker, reply: context.checker.analyze(Array(previous.utf8)), options: context.options)
        guard !earlier.apologies().isEmpty else { return [] }
        return [
            context.finding(
                descriptor, at: first,
                message: "You already apologised in your previous reply; this one can report progress instead.",
                suggestion: "Start with what has happened since: \"Your replacement left our warehouse this morning.\"")
        ]
    }
}
