/// RB206: quibbling over policy, terms or exceptions.
public enum PolicyRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB206", category: .policy, severity: .warning,
        summary: "Hiding behind policy, terms or \"no exceptions\".",
        explanation: """
            A customer who has been let down should not have to argue with the rule book. \
            Quoting policy at them, or refusing an exception out of hand, spends their time and \
            our credibility. Refusing by rule does the same in fewer words: "that fare is \
            non-refundable", "you're not eligible for a refund", "we can't help with that over \
            social media", "I have no authority to". Say what you can do first; if a rule really \
            limits the fix, offer the alternatives and let the customer choose. Mentioning a \
            policy that helps them ("as per our policy, that entitles you to a full refund") is \
            fine, unless the same sentence limits it ("only", "except", "but").
            """,
        badExample: "As per our policy, refunds are not possible after 30 days.",
        goodExample: "It's past the 30 days, but I can repair it free or give you store credit. Which would you prefer?"
    )

    /// Someone else's rules, named as theirs ("the policies of your bank"), are information,
    /// not our quibbling.
    static let otherOwners = WordSet(["your", "their", "his", "her"])

    /// Words that keep a rule a limit even in a sentence that grants something ("refunded
    /// in full, but only within 30 days").
    static let limits = WordSet(["only", "except", "unless", "but", "however", "although", "though"])

    public static func findings(in context: CheckContext) -> [Finding] {
        let grants = context.matches(.grant)
        return context.matches(.finding(descriptor.category)).filter { match in
            !(context.reply.isWord(match.endToken, "of") && context.reply.isWord(match.endToken + 1, otherOwners))
                && !appliesInFavour(match, grants: grants, in: context)
        }.map { context.finding(descriptor, at: $0) }
    }

    /// Whether the match's sentence applies the rule for the customer ("as per our policy
    /// that entitles you to a full refund") and sets no limit on it.
    static func appliesInFavour(_ match: PhraseMatch, grants: [PhraseMatch], in context: CheckContext) -> Bool {
        guard !grants.isEmpty, let sentence = context.fixes.sentence(around: match.firstToken) else { return false }
        return grantsWithoutLimit(sentence, grants: grants, in: context.reply)
    }

    /// Whether these words grant the customer something and set no limit on it: a policy
    /// named there, by a phrase or read by the learned layer, is information.
    static func grantsWithoutLimit(_ tokens: Range<Int>, grants: [PhraseMatch], in reply: AnalyzedReply) -> Bool {
        grants.contains { tokens.contains($0.firstToken) } && !tokens.contains { reply.isWord($0, limits) }
    }
}
