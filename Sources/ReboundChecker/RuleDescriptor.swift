import ReboundText

/// What a rule is, for `rebound rules` and `rebound explain`: rules as data.
public struct RuleDescriptor: Hashable, Sendable {
    public let code: String
    public let category: FindingCategory
    public let severity: Diagnostic.Severity
    /// One line for the list of rules.
    public let summary: String
    /// A paragraph on why the rule exists.
    public let explanation: String
    public let badExample: String
    public let goodExample: String
}
