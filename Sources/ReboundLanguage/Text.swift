import ReboundText

/// Text that may refer to captured values as `{name}`.
public struct Text: Hashable, Sendable, CustomStringConvertible {
    /// A run of literal text or one `{name}` reference.
    public enum Segment: Hashable, Sendable {
        case literal(String)
        case value(Located<String>)
    }

    /// The literal runs and references, in order.
    public var segments: [Segment]

    /// Text made of these segments.
    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Every `{name}` in the text, in order.
    public var references: [Located<String>] {
        segments.compactMap {
            if case .value(let name) = $0 { name } else { nil }
        }
    }

    /// Whether the text holds nothing but white space (a reference is not blank).
    public var isBlank: Bool {
        segments.allSatisfy {
            if case .literal(let text) = $0 { text.allSatisfy(\.isWhitespace) } else { false }
        }
    }

    /// The text with its references filled in from `values`; one with no value yet stays `{name}`.
    public func filled(with values: [String: String]) -> String {
        segments.map {
            switch $0 {
            case .literal(let literal): literal
            case .value(let name): values[name.value] ?? "{\(name.value)}"
            }
        }.joined()
    }

    /// The text with every reference filled in, or `nil` while one has no value: words meant
    /// for the customer never carry a `{name}`.
    public func filledCompletely(with values: [String: String]) -> String? {
        references.allSatisfy { values[$0.value] != nil } ? filled(with: values) : nil
    }

    /// The text as written, with `{name}` references in place.
    public var description: String {
        segments.map {
            switch $0 {
            case .literal(let text): text
            case .value(let name): "{\(name.value)}"
            }
        }.joined()
    }
}
