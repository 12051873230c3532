/// Removes payment card numbers and configured patterns from text before it is stored.
///
/// A card number is 12 to 19 digits, optionally grouped by single spaces or dashes, that
/// passes the Luhn check; it becomes `[card ending 1234]`. Each extra pattern's matches
/// become `[redacted]`.
public struct Redactor: Sendable {
    private let patterns: [PatternBox]

    /// Fails with the pattern's problem when one does not compile.
    public init(patterns: [String] = []) throws {
        self.patterns = try patterns.map { PatternBox(regex: try Regex($0)) }
    }

    public func redact(_ text: String) -> String {
        var result = Self.redactCards(text)
        for pattern in patterns {
            result = result.replacing(pattern.regex, with: "[redacted]")
        }
        return result
    }

    static func redactCards(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { ("0"..."9").contains($0) }) else { return text }
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard isDigit(scalars[index]), index == 0 || !isDigit(scalars[index - 1]),
                let end = cardEnd(scalars, from: index)
            else {
                output.append(scalars[index])
                index += 1
                continue
            }
            let digits = scalars[index..<end].filter(isDigit)
            output.append(
                contentsOf: "[card ending \(String(String.UnicodeScalarView(digits.suffix(4))))]".unicodeScalars)
            index = end
        }
        return String(output)
    }

    /// The end of the longest Luhn-valid run of 12–19 digits (single spaces or dashes
    /// between them allowed) starting at `start`, not followed by another digit.
    private static func cardEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var digits: [Int] = []
        var ends: [Int] = []
        var index = start
        while index < scalars.count, digits.count < 19 {
            if isDigit(scalars[index]) {
                digits.append(Int(scalars[index].value) - 48)
                index += 1
                ends.append(index)
            } else if (scalars[index] == " " || scalars[index] == "-"), index + 1 < scalars.count,
                isDigit(scalars[index + 1]), !digits.isEmpty
            {
                index += 1
            } else {
                break
            }
        }
        for count in stride(from: digits.count, through: 12, by: -1) where luhn(digits.prefix(count)) {
            let end = ends[count - 1]
            if end < scalars.count, isDigit(scalars[end]) { continue }
            return end
        }
        return nil
    }

    static func luhn(_ digits: ArraySlice<Int>) -> Bool {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            if position % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 48 && scalar.value <= 57
    }
}

/// Swift's `Regex` is not `Sendable`; the redactor only reads it.
private struct PatternBox: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
}
