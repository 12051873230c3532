import ReboundText

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

extension FindingCategory: Codable {}

/// A finding is stored (in transcripts) with the same keys `rebound lint` prints.
extension Finding: Codable {
    enum CodingKeys: String, CodingKey {
        case rule, category, severity, message, line, column, offset, length, endLine, endColumn, excerpt, suggestion
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let offset = try container.decode(Int.self, forKey: .offset)
        let length = try container.decode(Int.self, forKey: .length)
        let start = SourceLocation(
            line: try container.decode(Int.self, forKey: .line),
            column: try container.decode(Int.self, forKey: .column),
            offset: offset)
        let end = SourceLocation(
            line: try container.decodeIfPresent(Int.self, forKey: .endLine) ?? start.line,
            column: try container.decodeIfPresent(Int.self, forKey: .endColumn) ?? start.column, offset: offset + length
        )
        self.init(
            rule: try container.decode(String.self, forKey: .rule),
            category: try container.decode(FindingCategory.self, forKey: .category),
            severity: try container.decode(Diagnostic.Severity.self, forKey: .severity),
            message: try container.decode(String.self, forKey: .message), range: SourceRange(start, end),
            excerpt: try container.decode(String.self, forKey: .excerpt),
            suggestion: try container.decodeIfPresent(String.self, forKey: .suggestion))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(category, forKey: .category)
        try container.encode(severity, forKey: .severity)
        try container.encode(message, forKey: .message)
        try container.encode(range.start.line, forKey: .line)
        try container.encode(range.start.column, forKey: .column)
        try container.encode(range.start.offset, forKey: .offset)
        try container.encode(length, forKey: .length)
        try container.encode(range.end.line, forKey: .endLine)
        try container.encode(range.end.column, forKey: .endColumn)
        try container.encode(excerpt, forKey: .excerpt)
        try container.encode(suggestion, forKey: .suggestion)
    }
}
