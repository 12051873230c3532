import ReboundText

/// What a rule is, for `rebound rules` and `rebound explain`: rules as data.
public struct RuleDescriptor: Hashable, Sendable {
    /// The stable code, such as `RB201`.
    public let code: String
    public let category: FindingCategory
    public let severity: Diagnostic.Severity
    /// One line for the list of rules.
    public let summary: String
    /// A paragraph on why the rule exists.
    public let explanation: String
    /// A reply that the rule reports.
    public let badExample: String
    /// The same reply written well.
    public let goodExample: String

    public init(
        code: String, category: FindingCategory, severity: Diagnostic.Severity, summary: String, explanation: String,
        badExample: String, goodExample: String
    ) {
        self.code = code
        self.category = category
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
        self.badExample = badExample
        self.goodExample = goodExample
    }
}
