import ReboundText

/// `ask ID "Question" [matching /re/ | one of a, b | amount] [identifies customer]`:
/// captures a value.
public struct Ask: Sendable {
    /// What an answer must be to be accepted.
    public enum Validation: Sendable {
        /// The whole answer must match this regular expression.
        case pattern(Located<String>)
        /// The answer must be one of these words.
        case oneOf([Located<String>])
        /// The answer is money at risk: a number with an optional currency.
        case amount
    }

    public var id: Located<String>
    public var question: Located<Text>
    public var validation: Validation?
    /// Where `identifies customer` was written: the answer is how the ledger knows
    /// the customer again.
    public var identifiesCustomer: SourceRange?
    public var range: SourceRange

    /// Whether the answer is the money at risk.
    public var isAmount: Bool {
        if case .amount = validation { true } else { false }
    }
}
