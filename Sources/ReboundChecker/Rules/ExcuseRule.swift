/// RB201: explaining the failure away (busy season, short-staffed, "mistakes happen").
public enum ExcuseRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB201", category: .excuse, severity: .warning,
        summary: "Explaining the failure away instead of owning it.",
        explanation: """
            Saying how a mistake happened can earn understanding; explaining it away cannot. \
            Workload, staffing, the weather, a system that "crashed" or "things happen" and "it's \
            not usually like this" tell the customer that the problem was somehow not really \
            ours, and they hear it as an excuse. Own the mistake, give the \
            cause in plain words if you know it, and spend the rest of the reply on the fix and \
            when it will land.
            """,
        badExample: "Sorry for the delay, we are very short-staffed at the moment and it's our busy season.",
        goodExample: "I'm sorry your order is late. I've moved it to the front of the queue and it ships today.")

    public static func findings(in context: CheckContext) -> [Finding] {
        context.phraseFindings(descriptor)
    }
}
