/// RB210: `expect timeframe` and the reply gives no day, date, time or duration.
public enum TimeframeRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB210", category: .expectation, severity: .advice,
        summary: "The reply gives no timeframe for the fix (expect timeframe).",
        explanation: """
            Set expectations: a plan without a time is a hope. Give the customer a day, a date, a \
            time or a duration for the fix ("by Friday", "within 24 hours", "at 10:00 tomorrow"), \
            then make sure it is kept. Checked when the step says `expect timeframe`, or with \
            `rebound lint --expect timeframe`.
            """,
        badExample: "We'll send you a replacement as soon as possible.",
        goodExample: "Your replacement ships today and arrives by Thursday.")

    public static func findings(in context: CheckContext) -> [Finding] {
        guard context.options.expects(.timeframe) else { return [] }
        if !context.matches(.timeframe).isEmpty || context.hasClockTimeOrDate() { return [] }
        return [
            context.missing(
                descriptor, message: "No timeframe: say when the fix will happen.",
                suggestion: "Add a day, date or duration: \"It arrives by Thursday\", \"within 24 hours\".")
        ]
    }
}

extension CheckContext {
    /// A time like `3pm`, `10:30` or `15.00`, a date like `12/03`, or an ordinal like `4th`.
    func hasClockTimeOrDate() -> Bool {
        let bytes = reply.bytes
        for token in reply.tokens where !token.isQuoted {
            let start = Int(token.start)
            let end = Int(token.end)
            var digits = start
            while digits < end, bytes[digits] >= UInt8(ascii: "0"), bytes[digits] <= UInt8(ascii: "9") { digits += 1 }
            guard digits > start else { continue }
            let suffix = String(decoding: bytes[digits..<end], as: UTF8.self).lowercased()
            if ["am", "pm", "st", "nd", "rd", "th", "h", "hrs", "hr", "min", "mins"].contains(suffix) { return true }
            if digits == end, end + 1 < bytes.count, ":/".utf8.contains(bytes[end]),
                bytes[end + 1] >= UInt8(ascii: "0"), bytes[end + 1] <= UInt8(ascii: "9")
            {
                return true
            }
        }
        return false
    }
}
