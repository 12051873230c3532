/// A problem found in some input. Diagnostics are data; only the executable renders them.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Hashable, Sendable, Comparable, Codable {
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
