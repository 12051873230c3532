/// RB206: quibbling over policy, terms or exceptions.
public enum PolicyRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB206", category: .policy, severity: .warning,
        summary: "Hiding behind policy, terms or \"no exceptions\".",
        explanation: """
            A customer who has been let down should not have to argue with the rule book. \
            Quoting policy at them, or refusing an exception out of hand, spends their time and \
            our credibility. Say what you can do first; if a rule really limits the fix, offer the \
            alternatives and let the customer choose. Mentioning a policy that helps them ("our \
            policy is to refund you in full") is fine.
            """,
        badExample: "As per our policy, refunds are not possible after 30 days.",
        goodExample: "It's past the 30 days, but I can repair it free or give you store credit. Which would you prefer?"
    )

    /// Someone else's rules, named as theirs ("the policies of your bank"), are information,
    /// not our quibbling.
    static let otherOwners = WordSet(["your", "their", "his", "her"])

    public static func findings(in context: CheckContext) -> [Finding] {
        context.matches(.finding(descriptor.category)).filter { match in
            !(context.reply.isWord(match.endToken, "of") && context.reply.isWord(match.endToken + 1, otherOwners))
        }.map { context.finding(descriptor, at: $0) }
    }
}
