import ReboundText

/// Removes payment card numbers (`CardNumbers`) and configured patterns from text before
/// it is stored: a card becomes `[card ending 1234]`, each extra pattern's matches
/// `[redacted]`.
public struct Redactor: Sendable {
    private let patterns: [PatternBox]

    /// Fails with the pattern's problem when one does not compile.
    public init(patterns: [String] = []) throws {
        self.patterns = try patterns.map { PatternBox(regex: try Regex($0)) }
    }

    public func redact(_ text: String) -> String {
        var result = CardNumbers.redacting(text)
        for pattern in patterns {
            result = result.replacing(pattern.regex, with: "[redacted]")
        }
        return result
    }
}

/// Swift's `Regex` is not `Sendable`; the redactor only reads it.
private struct PatternBox: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
}
