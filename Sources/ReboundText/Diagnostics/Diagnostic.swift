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

    public var severity: Severity { code.severity }

    public init(_ code: DiagnosticCode, at range: SourceRange, _ message: String, fix fixIt: String? = nil) {
        self.code = code
        self.range = range
        self.message = message
        self.fixIt = fixIt
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
    /// `endColumn` is exclusive, `fix` is null when there is none.
    public enum JSONKey: String, CaseIterable, Sendable {
        case line, column, endLine, endColumn, code, severity, message, fix
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
    }
}
