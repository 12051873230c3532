import Foundation

/// An amount of money as an agent types it: `129.99`, `$1,250`, `1.250,00 €`, `EUR 80`.
///
/// Kept in minor units (cents) so sums are exact; the currency is an ISO 4217 code when
/// one was given, as a code or a common symbol.
public struct MoneyAmount: Hashable, Sendable, CustomStringConvertible {
    /// The amount in hundredths of the currency unit.
    public var minorUnits: Int64
    /// `USD`, `EUR`…, or `nil` when the answer named no currency.
    public var currency: String?

    public init(minorUnits: Int64, currency: String?) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// The largest amount accepted: ten billion units, far above any order.
    static let maximumMinorUnits: Int64 = 1_000_000_000_000

    static let symbols: [String: String] = [
        "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF", "A$": "AUD",
        "C$": "CAD", "kr": "SEK", "zł": "PLN", "R$": "BRL", "dollar": "USD", "dollars": "USD", "euro": "EUR",
        "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    ]

    /// ISO 4217 codes of the currencies support teams meet most.
    static let codes: Set<String> = [
        "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "ISK", "PLN", "CZK", "HUF",
        "RON", "BGN", "INR", "CNY", "HKD", "SGD", "KRW", "TWD", "THB", "MYR", "IDR", "PHP", "VND", "ZAR", "NGN",
        "KES", "EGP", "MAD", "BRL", "MXN", "ARS", "CLP", "COP", "PEN", "TRY", "ILS", "AED", "SAR", "QAR", "UAH",
    ]

    /// Why an answer is not an amount.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Reads an amount: digits with `,` or `.` grouping and at most two decimals, and an
    /// optional currency code or symbol before or after it.
    public static func parse(_ text: String) -> Result<MoneyAmount, ParseError> {
        let hint = "write a number such as 129.99, with a currency if you like: $129.99, 129.99 EUR"
        func failure(_ reason: String) -> Result<MoneyAmount, ParseError> {
            .failure(ParseError(description: "'\(text)' is not an amount: \(reason); \(hint)"))
        }
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return failure("it is empty") }
        if rest.first == "-" || rest.first == "−" { return failure("money at risk cannot be negative") }
        var currency: String?
        // The currency may come first or last, with or without a space.
        let numberCharacters = Set("0123456789.,")
        guard rest.contains(where: \.isNumber) else { return failure("it has no number") }
        let leading = rest.prefix { !numberCharacters.contains($0) }
        let trailing = rest.reversed().prefix { !numberCharacters.contains($0) }
        for (marker, isLeading) in [(String(leading), true), (String(trailing.reversed()), false)] {
            let word = marker.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty else { continue }
            guard currency == nil, let code = currencyCode(word) else {
                return failure("'\(word)' is not a currency")
            }
            currency = code
            rest = isLeading ? rest.dropFirst(marker.count) : rest.dropLast(marker.count)
        }
        let digits = String(rest)
        guard digits.allSatisfy(numberCharacters.contains), let minor = minorUnits(of: digits) else {
            return failure("the digits and separators do not form a number")
        }
        guard minor <= maximumMinorUnits else { return failure("it is larger than any order") }
        return .success(MoneyAmount(minorUnits: minor, currency: currency))
    }

    /// `USD` for `usd`, `$` or `US$`; `nil` for anything else.
    public static func currencyCode(_ word: String) -> String? {
        if let code = symbols[word] ?? symbols[word.lowercased()] { return code }
        let upper = word.uppercased()
        return codes.contains(upper) ? upper : nil
    }

    /// `1,234.56`, `1.234,56`, `1234`, `12,5`: the value in hundredths, or `nil`.
    static func minorUnits(of digits: String) -> Int64? {
        let separators = digits.filter { $0 == "," || $0 == "." }
        var decimalSeparator: Character?
        if let last = separators.last {
            let usedOnce = separators.count { $0 == last } == 1
            let fractionLength =
                digits.count - 1
                - (digits.lastIndex(of: last).map { digits.distance(from: digits.startIndex, to: $0) } ?? 0)
            let mixed = separators.contains { $0 != last }
            if mixed {
                // `1,234.56` and `1.234,56`: the last separator marks the decimals.
                guard usedOnce else { return nil }
                decimalSeparator = last
            } else if usedOnce, fractionLength != 3 {
                // `12,5` and `12.50` have decimals; `1,234` groups thousands.
                decimalSeparator = last
            }
        }
        let parts = digits.split(separator: decimalSeparator ?? " ", omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isNumber), !whole.isEmpty || !fraction.isEmpty else {
            return nil
        }
        guard let groups = groupedDigits(whole) else { return nil }
        guard let units = Int64(groups.isEmpty ? "0" : groups),
            let cents = Int64(fraction.isEmpty ? "0" : fraction.padding(toLength: 2, withPad: "0", startingAt: 0))
        else { return nil }
        let (scaled, overflow) = units.multipliedReportingOverflow(by: 100)
        return overflow ? nil : scaled + cents
    }

    /// The whole part with its thousands separators removed, when they group by threes.
    static func groupedDigits(_ whole: Substring) -> String? {
        let separator = whole.first { $0 == "," || $0 == "." }
        guard let separator else { return whole.count <= 15 ? String(whole) : nil }
        let groups = whole.split(separator: separator, omittingEmptySubsequences: false)
        guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
            groups.allSatisfy({ $0.allSatisfy(\.isNumber) })
        else { return nil }
        return groups.joined()
    }

    /// `1250.00` for 125000 minor units: the plain form files and JSON carry.
    public static func decimal(_ minorUnits: Int64) -> String {
        let cents = minorUnits % 100
        return "\(minorUnits / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// `1,250.00 USD`, or `1,250.00` with no currency.
    public var description: String {
        let units = minorUnits / 100
        let cents = minorUnits % 100
        var grouped = ""
        for (index, digit) in String(units).reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let text = String(grouped.reversed()) + "." + (cents < 10 ? "0" : "") + String(cents)
        return currency.map { text + " " + $0 } ?? text
    }
}
