/// A problem found in some input. Diagnostics are data; only the executable renders them.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, CaseIterable, Hashable, Sendable, Comparable {
        case error, warning, advice

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .advice: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public let code: DiagnosticCode
    public let range: SourceRange
    public let message: String
    /// A likely fix, phrased for the author: "did you mean 'reply'?".
    public let fixIt: String?
    /// The fix as edits an editor can apply, when it is mechanical (a did-you-mean, a
    /// missing line): empty when the author has to decide.
    public let edits: [SourceEdit]

    public var severity: Severity { code.severity }

    public init(
        _ code: DiagnosticCode, at range: SourceRange, _ message: String, fix fixIt: String? = nil,
        edits: [SourceEdit] = []
    ) {
        self.code = code
        self.range = range
        self.message = message
        self.fixIt = fixIt
        self.edits = edits
    }
}

/// One mechanical change to a source text: replace what `range` covers with `replacement`
/// (an empty range inserts).
public struct SourceEdit: Hashable, Sendable {
    public let range: SourceRange
    public let replacement: String

    public init(_ range: SourceRange, _ replacement: String) {
        self.range = range
        self.replacement = replacement
    }

    /// The keys of an edit's JSON object: `range` holds `line`, `column`, `endLine` and
    /// `endColumn` as a diagnostic does.
    public enum JSONKey: String, CaseIterable, Sendable {
        case range, replacement
    }

    /// The edit as one JSON object.
    public func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key(JSONKey.range)
        json.beginObject()
        json.field(Diagnostic.JSONKey.line, range.start.line)
        json.field(Diagnostic.JSONKey.column, range.start.column)
        json.field(Diagnostic.JSONKey.endLine, range.end.line)
        json.field(Diagnostic.JSONKey.endColumn, range.end.column)
        json.endObject()
        json.field(JSONKey.replacement, replacement)
        json.endObject()
    }
}

extension [SourceEdit] {
    /// The text with the edits applied (edits that overlap one before them are skipped).
    public func applied(to text: String) -> String {
        let edits = map {
            TextEdit(
                offset: $0.range.start.offset, length: $0.range.end.offset - $0.range.start.offset,
                replacement: $0.replacement)
        }
        return String(decoding: edits.applied(to: [UInt8](text.utf8)).bytes, as: UTF8.self)
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in reading order: by position, then by code.
    public func sortedBySource() -> [Diagnostic] {
        sorted {
            ($0.range.start.offset, $0.code.rawValue, $0.message)
                < ($1.range.start.offset, $1.code.rawValue, $1.message)
        }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}

extension Diagnostic {
    /// A diagnostic's keys, in the order written (`rebound check --format json`):
    /// `endColumn` is exclusive, `fix` is null when there is none, `edits` is the fix as
    /// edits (empty when it is not mechanical).
    public enum JSONKey: String, CaseIterable, Sendable {
        case line, column, endLine, endColumn, code, severity, message, fix, edits
    }

    /// Writes the diagnostic's members into the object being written.
    public func writeMembers(to json: inout JSONWriter) {
        json.field(JSONKey.line, range.start.line)
        json.field(JSONKey.column, range.start.column)
        json.field(JSONKey.endLine, range.end.line)
        json.field(JSONKey.endColumn, range.end.column)
        json.field(JSONKey.code, code.rawValue)
        json.field(JSONKey.severity, severity.rawValue)
        json.field(JSONKey.message, message)
        json.field(JSONKey.fix, fixIt)
        json.key(JSONKey.edits)
        json.raw("[")
        for (index, edit) in edits.enumerated() {
            if index > 0 { json.raw(",") }
            edit.write(to: &json)
        }
        json.raw("]")
    }
}
