/// The categories of what the reply checker reports. These names are part of the JSON
/// contract with integrations and never change.
public enum FindingCategory: String, CaseIterable, Hashable, Sendable {
    /// Explaining the failure away.
    case excuse
    /// Pointing at someone else, or at the customer.
    case blame
    /// More apologies than the limit, in one reply or in consecutive replies.
    case repeatedApology = "repeated-apology"
    /// Conditional, generic or passive apologies.
    case nonApology = "non-apology"
    /// Quibbling over policy or terms.
    case policy
    /// A phrase the playbook's step forbids (`avoid`).
    case avoid
    /// Something the playbook's step expects is missing (`expect`).
    case expectation
    /// Asking the customer to repeat what they already told us.
    case repetition
}

/// What the checker found in a reply.
public struct Finding: Hashable, Sendable {
    /// The rule's stable code, such as `RB201`.
    public let rule: String
    public let category: FindingCategory
    public let severity: Diagnostic.Severity
    public let message: String
    /// Where in the reply; an empty range at 1:1 for something missing.
    public internal(set) var range: SourceRange
    /// The words found, with control characters made harmless; empty for something missing.
    public let excerpt: String
    /// A better way to say it, when there is one.
    public let suggestion: String?

    /// Length of the range in UTF-8 bytes.
    public var length: Int { range.end.offset - range.start.offset }

    public init(
        rule: String, category: FindingCategory, severity: Diagnostic.Severity, message: String,
        range: SourceRange, excerpt: String, suggestion: String?
    ) {
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
        self.range = range
        self.excerpt = excerpt
        self.suggestion = suggestion
    }
}

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
