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
    public internal(set) var suggestion: String?
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
        // Each member taken once, by its name: looking every key up in the object compared
        // strings for a tenth of a large review.
        var members = Members<JSON.Value>()
        if case .object(let pairs) = value {
            for (key, value) in pairs { members.take(Self.keys[JSON.Name(key)], value) }
        }
        try self.init(members)
    }

    /// The findings of the array at `reader` (`JSON.Reader.atArray`), each taken member by
    /// member as `init(json:)` takes them, without a tree. Malformed JSON throws at once; a
    /// finding the schema refuses is a failure returned once the whole array is read, so
    /// that a later member with the same key can still replace it (the last one counts).
    public static func readArray(
        from reader: inout JSON.Reader, depth: Int
    ) throws(JSON.ParseError) -> Result<[Finding], JSON.SchemaError> {
        var findings: [Finding] = []
        var refusal: JSON.SchemaError?
        // Looked up once, not once for each member: a static is a guarded load every time.
        let keys = Self.keys
        guard try reader.beginArray(depth: depth) else { return .success(findings) }
        repeat {
            var members = Members<JSON.Value>()
            if reader.atObject {
                try reader.forEachMember(depth: depth + 1) { name, reader throws(JSON.ParseError) in
                    members.take(keys[name], try reader.value(depth: depth + 2))
                }
            } else {
                // Read for its syntax only: what is not an object is no finding.
                _ = try reader.value(depth: depth + 1)
            }
            if refusal == nil {
                do throws(JSON.SchemaError) {
                    findings.append(try Finding(members))
                } catch {
                    refusal = error
                }
            }
        } while try reader.nextElement()
        return refusal.map { .failure($0) } ?? .success(findings)
    }

    /// Reads the findings array at `reader` (`JSON.Reader.atArray`) as `readArray` reads it,
    /// refusing the same text and the same findings, without making them: how many are
    /// warnings or errors, or `nil` when `readArray` would return a failure. A review
    /// counts a draft's findings by severity and reads no more of them.
    public static func checkArray(from reader: inout JSON.Reader, depth: Int) throws(JSON.ParseError) -> Int? {
        var warningsAndErrors = 0
        var accepted = true
        let keys = Self.keys
        guard try reader.beginArray(depth: depth) else { return 0 }
        repeat {
            var members = Members<Range<Int>>()
            if reader.atObject {
                try reader.forEachMember(depth: depth + 1) { name, reader throws(JSON.ParseError) in
                    members.take(keys[name], try reader.skipValue(depth: depth + 2))
                }
            } else {
                // Read for its syntax only: what is not an object is no finding.
                try reader.skipValue(depth: depth + 1)
            }
            if accepted {
                if let severity = members.severity(in: reader) {
                    if severity != .advice { warningsAndErrors += 1 }
                } else {
                    accepted = false
                }
            }
        } while try reader.nextElement()
        return accepted ? warningsAndErrors : nil
    }

    private init(_ members: Members<JSON.Value>) throws(JSON.SchemaError) {
        let line = try members.line.requiredInt(JSONKey.line)
        let column = try members.column.requiredInt(JSONKey.column)
        let offset = try members.offset.requiredInt(JSONKey.offset)
        let length = try members.length.requiredInt(JSONKey.length)
        guard offset >= 0, length >= 0 else { throw JSON.SchemaError("a finding's offset and length are negative") }
        let start = SourceLocation(line: line, column: column, offset: offset)
        let end = SourceLocation(
            line: members.endLine.int ?? line, column: members.endColumn.int ?? column, offset: offset + length)
        self.init(
            rule: try members.rule.requiredString(JSONKey.rule),
            category: try members.category.required(JSONKey.category, as: FindingCategory.self),
            severity: try members.severity.required(JSONKey.severity, as: Diagnostic.Severity.self),
            message: try members.message.requiredString(JSONKey.message), range: SourceRange(start, end),
            excerpt: try members.excerpt.requiredString(JSONKey.excerpt), suggestion: members.suggestion.string,
            fix: try Self.fix(members.fix),
            source: try members.source.optional(JSONKey.source, as: Source.self) ?? .phrase,
            score: members.score.double)
    }

    private static let keys = JSON.Keys<JSONKey>()

    /// A finding's members by key, the last of each key (the one the object's subscript finds):
    /// their values when a finding is made, where they are when `checkArray` checks one.
    private struct Members<Value> {
        var rule, category, severity, message, line, column, offset, length, endLine, endColumn: Value?
        var excerpt, suggestion, fix, source, score: Value?

        mutating func take(_ key: JSONKey?, _ value: Value) {
            switch key {
            case .rule?: rule = value
            case .category?: category = value
            case .severity?: severity = value
            case .message?: message = value
            case .line?: line = value
            case .column?: column = value
            case .offset?: offset = value
            case .length?: length = value
            case .endLine?: endLine = value
            case .endColumn?: endColumn = value
            case .excerpt?: excerpt = value
            case .suggestion?: suggestion = value
            case .fix?: fix = value
            case .source?: source = value
            case .score?: score = value
            case nil: break
            }
        }

        /// Of the members' places: the severity, when `init(_:)` would accept the finding;
        /// `nil` when it would refuse it.
        func severity(in reader: JSON.Reader) -> Diagnostic.Severity? where Value == Range<Int> {
            guard let line, reader.integer(at: line) != nil, let column, reader.integer(at: column) != nil,
                let offset = offset.flatMap(reader.integer(at:)), offset >= 0,
                let length = length.flatMap(reader.integer(at:)), length >= 0,
                let rule, reader.isString(at: rule), let message, reader.isString(at: message), let excerpt,
                reader.isString(at: excerpt),
                let category = category.flatMap(reader.string(at:)), FindingCategory(rawValue: category) != nil,
                let severity = severity.flatMap(reader.string(at:)).flatMap(Diagnostic.Severity.init(rawValue:))
            else { return nil }
            if let source, !reader.isNull(at: source) {
                guard let name = reader.string(at: source), Source(rawValue: name) != nil else { return nil }
            }
            if let fix, !reader.isNull(at: fix) {
                guard let value = reader.value(at: fix), (try? TextEdit(json: value)) != nil else { return nil }
            }
            return severity
        }
    }
}

extension Finding {
    /// The `fix` member of a finding's JSON object: absent or null for none.
    private static func fix(_ fix: JSON.Value?) throws(JSON.SchemaError) -> TextEdit? {
        guard let fix else { return nil }
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
