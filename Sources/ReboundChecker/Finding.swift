import ReboundText

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
    /// A better way to say it, when there is one, fitted to this reply.
    public let suggestion: String?
    /// The rewrite that fixes it, when one can be worked out from the reply (a byte range
    /// of the reply and its replacement); `nil` when fixing it needs the agent's judgement.
    public let fix: TextEdit?
    /// Which layer of the checker found it.
    public let source: Source
    /// For the learned layer: how sure the model is, a probability from 0 to 1.
    public let score: Double?

    /// The checker's two layers.
    public enum Source: String, CaseIterable, Hashable, Sendable {
        /// The phrase lists and the rules built on them: exact spans, specific messages.
        case phrase
        /// The learned sentence classifier (`ReplyModel`): paraphrases no list anticipates.
        case model
    }

    /// Length of the range in UTF-8 bytes.
    public var length: Int { range.end.offset - range.start.offset }

    public init(
        rule: String, category: FindingCategory, severity: Diagnostic.Severity, message: String,
        range: SourceRange, excerpt: String, suggestion: String?, fix: TextEdit? = nil, source: Source = .phrase,
        score: Double? = nil
    ) {
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
        self.range = range
        self.excerpt = excerpt
        self.suggestion = suggestion
        self.fix = fix
        self.source = source
        self.score = score
    }
}

extension Finding {
    /// A finding's keys, in the order written. `rebound lint`, transcripts, the chat
    /// protocol and review all read and write findings through these.
    public enum JSONKey: String, CaseIterable, Sendable {
        case rule, category, severity, message, line, column, offset, length, endLine, endColumn, excerpt, suggestion
        case fix, source, score
    }

    /// Writes the finding's members into the object being written: every key present,
    /// `suggestion`, `fix` and `score` null when there is none.
    public func writeMembers(to json: inout JSONWriter) {
        json.field(JSONKey.rule, rule)
        json.field(JSONKey.category, category.rawValue)
        json.field(JSONKey.severity, severity.rawValue)
        json.field(JSONKey.message, message)
        json.field(JSONKey.line, range.start.line)
        json.field(JSONKey.column, range.start.column)
        json.field(JSONKey.offset, range.start.offset)
        json.field(JSONKey.length, length)
        json.field(JSONKey.endLine, range.end.line)
        json.field(JSONKey.endColumn, range.end.column)
        json.field(JSONKey.excerpt, excerpt)
        json.field(JSONKey.suggestion, suggestion)
        json.key(JSONKey.fix)
        if let fix { fix.write(to: &json) } else { json.raw("null") }
        json.field(JSONKey.source, source.rawValue)
        json.key(JSONKey.score)
        if let score { json.raw(Self.threeDecimals(score)) } else { json.raw("null") }
    }

    /// A probability as JSON with three decimals, `0.873`, the same on every platform.
    static func threeDecimals(_ value: Double) -> String {
        let thousandths = Int((min(max(value, 0), 1) * 1000).rounded())
        return "\(thousandths / 1000)." + String(thousandths % 1000).leftPadded(to: 3)
    }

    /// The finding as one JSON object.
    public func write(to json: inout JSONWriter) {
        json.beginObject()
        writeMembers(to: &json)
        json.endObject()
    }

    /// A finding from its JSON object. `endLine`, `endColumn`, `fix`, `source` and `score`
    /// may be absent (older transcripts): the end is then on the start's line and column, and the
    /// finding came from the phrase layer.
    public init(json value: JSON.Value) throws(JSON.SchemaError) {
        let line = try value.requiredInt(JSONKey.line)
        let column = try value.requiredInt(JSONKey.column)
        let offset = try value.requiredInt(JSONKey.offset)
        let length = try value.requiredInt(JSONKey.length)
        guard offset >= 0, length >= 0 else { throw JSON.SchemaError("a finding's offset and length are negative") }
        let start = SourceLocation(line: line, column: column, offset: offset)
        let end = SourceLocation(
            line: value.int(JSONKey.endLine) ?? line, column: value.int(JSONKey.endColumn) ?? column,
            offset: offset + length)
        self.init(
            rule: try value.requiredString(JSONKey.rule),
            category: try value.required(JSONKey.category, as: FindingCategory.self),
            severity: try value.required(JSONKey.severity, as: Diagnostic.Severity.self),
            message: try value.requiredString(JSONKey.message), range: SourceRange(start, end),
            excerpt: try value.requiredString(JSONKey.excerpt), suggestion: value.string(JSONKey.suggestion),
            fix: try Self.fix(in: value),
            source: try value.optional(JSONKey.source, as: Source.self) ?? .phrase, score: value.double(JSONKey.score))
    }
}

extension Finding {
    /// The `fix` member of a finding's JSON object: absent or null for none.
    private static func fix(in value: JSON.Value) throws(JSON.SchemaError) -> TextEdit? {
        guard let fix = value[JSONKey.fix] else { return nil }
        if case .null = fix { return nil }
        return try TextEdit(json: fix)
    }
}

extension [Finding] {
    /// The findings as one JSON array, as lint, transcripts and the protocol write them.
    public func write(to json: inout JSONWriter) {
        json.raw("[")
        for (index, finding) in enumerated() {
            if index > 0 { json.raw(",") }
            finding.write(to: &json)
        }
        json.raw("]")
    }
}
