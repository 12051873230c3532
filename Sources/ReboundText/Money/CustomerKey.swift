/// How the ledger recognises a customer again: the answer to the playbook's
/// `identifies customer` question, normalised so that `Jane@Example.com ` and
/// `jane@example.com`, or `+44 20 7946 0018` and `+442079460018`, are one customer.
public struct CustomerKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String

    /// `nil` when the answer holds nothing to recognise anyone by.
    public init?(_ answer: String) {
        let words = answer.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return nil }
        let joined = words.joined(separator: " ")
        let phoneCharacters = Set("+0123456789-(). ")
        let digits = joined.filter(\.isASCII).filter(\.isNumber)
        if joined.allSatisfy(phoneCharacters.contains), digits.count >= 6 {
            value = (joined.hasPrefix("+") ? "+" : "") + digits
        } else {
            value = joined.lowercased()
        }
    }

    /// A key read back from the ledger, already normalised.
    public init(normalized: String) {
        value = normalized
    }

    public var description: String { value }

    public static func < (lhs: CustomerKey, rhs: CustomerKey) -> Bool { lhs.value < rhs.value }
}
