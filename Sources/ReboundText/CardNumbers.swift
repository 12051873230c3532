/// Payment card numbers in text: what a card network would accept, written in any of the
/// ways people and programs write one.
///
/// A card number is 13 to 19 digits that pass the Luhn check and start with a real issuer
/// prefix (Visa, Mastercard, American Express, Discover, Diners, JCB, UnionPay, Maestro,
/// Mir). Its digits may be of any script (fullwidth, Arabic-Indic, Devanagari,
/// mathematical) and grouped by spaces of any kind, tabs, line breaks, dots, slashes,
/// commas, underscores, dashes, soft hyphens, zero-width characters, combining marks or
/// `%20`. Numbers that are not cards are left alone: a 12-digit order number, a phone
/// number written with `+`, a number that fails Luhn or the issuer ranges.
public enum CardNumbers {
    /// One card number found: where it is, in UTF-8 bytes, and its last four digits.
    public struct Match: Equatable, Sendable {
        public let offset: Int
        public let length: Int
        public let lastFour: String
    }

    /// Whether UTF-8 text has enough digits for a card at all: 13 ASCII digits, or fewer
    /// with characters beyond ASCII that might be digits of another script. Most replies
    /// stop here, without decoding a character.
    public static func mayContain(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(mayContain)
    }

    static func mayContain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var candidates = 0
        for byte in bytes where (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte >= 0xC0 {
            candidates += 1
            if candidates >= 13 { return true }
        }
        return false
    }

    /// Every card number in the text, in order.
    public static func matches(in text: String) -> [Match] {
        var text = text
        guard text.withUTF8(mayContain) else { return [] }
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { digitValue($0) != nil }) else { return [] }
        var offsets = [0]
        offsets.reserveCapacity(scalars.count + 1)
        for scalar in scalars { offsets.append(offsets[offsets.count - 1] + UTF8.width(scalar)) }
        var matches: [Match] = []
        var index = 0
        while index < scalars.count {
            guard digitValue(scalars[index]) != nil, index == 0 || !continuesNumber(scalars, before: index),
                let (end, lastFour) = card(in: scalars, from: index)
            else {
                index += 1
                continue
            }
            matches.append(Match(offset: offsets[index], length: offsets[end] - offsets[index], lastFour: lastFour))
            index = end
        }
        return matches
    }

    /// The text with each card number replaced by `[card ending 1234]`.
    public static func redacting(_ text: String) -> String {
        let found = matches(in: text)
        guard !found.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var position = 0
        for match in found {
            result += bytes[position..<match.offset]
            result += "[card ending \(match.lastFour)]".utf8
            position = match.offset + match.length
        }
        result += bytes[position...]
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether the digit at `index` continues a number that started earlier: a digit, or
    /// `+` (a phone number), right before it.
    static func continuesNumber(_ scalars: [Unicode.Scalar], before index: Int) -> Bool {
        let previous = scalars[index - 1]
        return digitValue(previous) != nil || previous == "+"
    }

    /// The end of the longest card number starting at `start`, and its last four digits.
    static func card(in scalars: [Unicode.Scalar], from start: Int) -> (end: Int, lastFour: String)? {
        var digits: [Int] = []
        var ends: [Int] = []
        var index = start
        while index < scalars.count, digits.count < 19 {
            if let value = digitValue(scalars[index]) {
                digits.append(value)
                index += 1
                ends.append(index)
                continue
            }
            // Up to three separator characters between two digits.
            var next = index
            while next < scalars.count, next - index < 3 {
                if scalars[next] == "%", next + 2 < scalars.count, scalars[next + 1] == "2", scalars[next + 2] == "0" {
                    next += 3
                } else if isSeparator(scalars[next]) {
                    next += 1
                } else {
                    break
                }
            }
            guard next > index, next < scalars.count, digitValue(scalars[next]) != nil else { break }
            index = next
        }
        for count in stride(from: digits.count, through: 13, by: -1) {
            let candidate = digits.prefix(count)
            guard luhn(candidate), hasIssuerPrefix(candidate) else { continue }
            let end = ends[count - 1]
            if end < scalars.count, digitValue(scalars[end]) != nil { continue }
            return (end, candidate.suffix(4).map(String.init).joined())
        }
        return nil
    }

    /// Characters that group a card's digits.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x2E, 0x2F, 0x2C, 0x5F, 0x2D, 0xA0, 0xAD, 0x2007, 0x202F, 0x200B...0x200D,
            0x2060, 0xFEFF, 0x2010...0x2015, 0x2212, 0x3000:
            return true
        default:
            return scalar.properties.generalCategory == .nonspacingMark
                || scalar.properties.generalCategory == .enclosingMark
                || scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// A decimal digit of any script, as its value.
    public static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        if scalar.value >= 48 && scalar.value <= 57 { return Int(scalar.value) - 48 }
        guard scalar.value > 0x7F, scalar.properties.numericType == .decimal,
            let value = scalar.properties.numericValue
        else { return nil }
        return Int(value)
    }

    /// The issuer ranges of the card networks (their first digits).
    static func hasIssuerPrefix(_ digits: ArraySlice<Int>) -> Bool {
        func prefix(_ count: Int) -> Int { digits.prefix(count).reduce(0) { $0 * 10 + $1 } }
        switch digits.first {
        case 4: return true  // Visa
        case 5: return (50...58).contains(prefix(2))  // Mastercard 51–55, Maestro 50, 56–58
        case 2: return (2221...2720).contains(prefix(4)) || (2200...2204).contains(prefix(4))  // Mastercard, Mir
        case 3:
            let two = prefix(2)
            return two == 34 || two == 37 || two == 36 || two == 38 || two == 39  // Amex, Diners
                || (300...305).contains(prefix(3)) || (3528...3589).contains(prefix(4))  // Diners, JCB
        case 6: return [60, 62, 63, 64, 65, 67].contains(prefix(2))  // Discover, UnionPay, Maestro
        default: return false
        }
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
}
