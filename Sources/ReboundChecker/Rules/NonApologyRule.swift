/// RB205: conditional, generic or passive apologies.
public enum NonApologyRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB205", category: .nonApology, severity: .warning,
        summary: "Conditional, generic or passive apologies that own nothing.",
        explanation: """
            "Sorry for any inconvenience", "sorry if you feel let down" and "mistakes were made" \
            sound like apologies but own nothing: the first is generic, the second moves the \
            problem into the customer's feelings, the third hides who acted. So do "sorry it \
            didn't meet your expectations" (the failure placed in what the customer hoped for) \
            and "inconvenience regretted" (regret that nobody feels). Customers notice a \
            disingenuous sorry. Name what we did wrong, in the active voice, once.
            """,
        badExample: "We apologise for any inconvenience this may have caused.",
        goodExample: "I'm sorry we charged you twice. I've refunded the second payment today.")

    public static func findings(in context: CheckContext) -> [Finding] {
        context.phraseFindings(descriptor)
    }
}
