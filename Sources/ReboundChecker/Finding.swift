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

extension Finding {
    /// A finding's keys, in the order written. `rebound lint`, transcripts, the chat
    /// protocol and review all read and write findings through these.
    public enum JSONKey: String, CaseIterable, Sendable {
        case rule, category, severity, message, line, column, offset, length, endLine, endColumn, excerpt, suggestion
    }

    /// Writes the finding's members into the object being written: every key present,
    /// `suggestion` null when there is none.
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
    }

    /// The finding as one JSON object.
    public func write(to json: inout JSONWriter) {
        json.beginObject()
        writeMembers(to: &json)
        json.endObject()
    }

    /// A finding from its JSON object. `endLine` and `endColumn` may be absent (older
    /// transcripts): the end is then on the start's line and column.
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
            excerpt: try value.requiredString(JSONKey.excerpt), suggestion: value.string(JSONKey.suggestion))
    }
}
