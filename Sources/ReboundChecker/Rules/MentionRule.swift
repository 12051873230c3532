import ReboundText

/// RB213: `expect mention {value}` and the reply leaves the value out.
public enum MentionRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB213", category: .expectation, severity: .advice,
        summary: "The reply leaves out a value the step expects (expect mention {value}).",
        explanation: """
            Some details prove that we read the thread and know the case: the order number, the \
            product, the date of the visit. A step that says `expect mention {order}` checks that \
            the reply contains the answer captured as {order}. In `rebound lint`, give the value \
            with `--value order=482913`; without it the check is skipped.
            """,
        badExample: "(with expect mention {order} and order 482913) Your order will arrive soon.",
        goodExample: "Order 482913 leaves our warehouse today and arrives by Friday.")

    public static func findings(in context: CheckContext) -> [Finding] {
        let text = String(decoding: context.reply.bytes, as: UTF8.self)
        var findings: [Finding] = []
        for case .mention(let name) in context.options.expectations {
            guard let value = context.options.values[name.value]?.trimmed, !value.isEmpty else { continue }
            if !text.containsWord(value) {
                findings.append(
                    context.missing(
                        descriptor, message: "The reply does not mention the \(name.value), \(value).",
                        suggestion: "Name it so the customer knows we have their case: \"\(value)\"."))
            }
        }
        return findings
    }
}
