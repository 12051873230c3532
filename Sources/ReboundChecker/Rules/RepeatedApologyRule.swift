/// RB203: more apologies in one reply than the step allows (one by default).
public enum RepeatedApologyRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB203", category: .repeatedApology, severity: .warning,
        summary: "More apologies in one reply than the limit (one by default).",
        explanation: """
            Apologise once, sincerely, then move on to what will be done. Apologising again and \
            again suggests we are not confident we can put things right, and it pushes the fix \
            further down the message. Apologies are counted across the whole reply: sorry, \
            apologise, apologies, regret, forgive us. Empathy such as "I'm sorry to hear that" is \
            not counted when it is used once. An apology marked as a repeat ("apologies again", \
            "once again, I'm sorry") counts as the second even when it is the only one in the \
            reply: the customer has heard the first already.
            """,
        badExample: "I'm so sorry about this. We apologise for the trouble. Sorry again!",
        goodExample: "I'm sorry we sent the wrong size. The right one ships today and arrives on Friday.")

    public static func findings(in context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        let apologies = context.apologies()
        let limit = context.options.apologyLimit
        if apologies.count > limit {
            let message =
                limit == 0
                ? "This step's reply should not apologise; go straight to what happens next."
                : "Apology number \(limit + 1) in this reply: apologise \(limit == 1 ? "once" : "\(limit) times at most"), then move on to the fix."
            findings.append(
                context.finding(
                    descriptor, at: apologies[limit], message: message,
                    suggestion: "Delete this apology and spend the words on what you are doing and when."))
        }
        // "Apologies again" as the reply's first apology repeats one from an earlier reply:
        // it is the second the customer hears. After another apology in the same reply,
        // "again" refers to that one, which is already counted.
        if apologies.count + 1 > limit, apologies.count <= limit, let again = context.matches(.again).first,
            apologies.allSatisfy({ $0.firstToken >= again.firstToken })
        {
            findings.append(
                context.finding(
                    descriptor, at: again,
                    message:
                        "\"Again\" marks this as an apology the customer has already heard: it counts as the second.",
                    suggestion: "Leave the apology out this time and say what is happening now."))
        }
        let empathy = context.matches(.empathy)
        if empathy.count > 1 {
            findings.append(
                context.finding(
                    descriptor, at: empathy[1],
                    message: "Expressing sympathy twice in one reply reads as filler.",
                    suggestion: "Keep one line of empathy and move on to the fix."))
        }
        return findings
    }
}

extension CheckContext {
    /// Apologies in the reply: unnegated, unquoted, not part of an expression of empathy.
    public func apologies() -> [PhraseMatch] {
        let empathy = matches(.empathy)
        return matches(.apology).filter { apology in
            !empathy.contains { $0.firstToken <= apology.firstToken && apology.endToken <= $0.endToken }
        }
    }
}
