/// RB208: asking the customer to repeat what they already told us.
public enum RepetitionRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB208", category: .repetition, severity: .advice,
        summary: "Asking the customer to repeat their story or details.",
        explanation: """
            Respect the customer's time. Having to repeat the story, or to send the order number \
            again, tells them nobody read what they wrote, and makes them pay for our mistake with \
            their time. Read the thread and the account first; confirm what you found in one line \
            and ask only for what is truly missing.
            """,
        badExample: "Could you please explain the problem again and resend your order number?",
        goodExample: "I've read your messages: order 482913 arrived with a cracked screen on Monday.")

    public static func findings(in context: CheckContext) -> [Finding] {
        let findings = context.phraseFindings(descriptor)
        guard !findings.isEmpty, let message = context.options.customerMessage else { return findings }
        let given = references(in: message)
        guard !given.isEmpty else { return findings }
        let quoted = given.prefix(3).map { "“\($0)”" }.joined(separator: ", ")
        return findings.map { finding in
            Finding(
                rule: finding.rule, category: finding.category, severity: finding.severity,
                message: finding.message + " The customer already gave \(quoted).", range: finding.range,
                excerpt: finding.excerpt, suggestion: "Use what they wrote (\(quoted)) instead of asking again.",
                fix: finding.fix, source: finding.source, score: finding.score)
        }
    }

    /// Order numbers, references and email addresses in the customer's message: words of
    /// five or more characters with at least four digits (`#88213`, `AB12345`), or with an `@`
    /// and a dot.
    static func references(in message: String) -> [String] {
        var found: [String] = []
        for word in message.split(whereSeparator: {
            $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")"
        }) {
            let trimmed = word.trimmingCharacters(in: ".:!?\"'“”")
            let digits = trimmed.filter(\.isNumber).count
            let isReference = trimmed.count >= 5 && digits >= 4
            let isEmail = trimmed.contains("@") && trimmed.contains(".") && !trimmed.hasPrefix("@")
            if (isReference || isEmail), !found.contains(trimmed) { found.append(trimmed) }
        }
        return found
    }
}
