/// RB207: a phrase the playbook's step forbids with `avoid "…" because "…"`.
public enum AvoidRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB207", category: .avoid, severity: .error,
        summary: "A phrase this playbook step says to avoid.",
        explanation: """
            Playbook authors know the phrases that go wrong in their kind of recovery, and list \
            them under the step's draft with `avoid "phrase" because "reason"`. The finding shows \
            the author's reason. Matching ignores case and apostrophe style, and skips quoted \
            customer words and negations.
            """,
        badExample: "(with avoid \"please try again later\") Please try again later.",
        goodExample: "I've booked the call for you: we will ring you at 10:00 tomorrow.")

    public static func findings(in context: CheckContext) -> [Finding] {
        context.phraseFindings(descriptor).map { finding in
            Finding(
                rule: finding.rule, category: finding.category, severity: finding.severity,
                message: "The playbook says to avoid \"\(finding.excerpt)\": \(finding.message)", range: finding.range,
                excerpt: finding.excerpt, suggestion: finding.suggestion)
        }
    }
}
