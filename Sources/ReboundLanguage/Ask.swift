import ReboundText

/// `ask ID "Question" [matching /re/ [example "…"] | one of a, b | amount] [identifies customer]`:
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

    /// The value id the answer is kept under.
    public var id: Located<String>
    /// The question shown to the agent.
    public var question: Located<Text>
    /// What the answer must be; `nil` accepts any answer that is not empty.
    public var validation: Validation?
    /// An answer that passes, shown to the agent when one does not (`example "19:40"`),
    /// instead of the pattern itself.
    public var example: Located<String>?
    /// Where `identifies customer` was written: the answer is how the ledger knows
    /// the customer again.
    public var identifiesCustomer: SourceRange?
    /// The `ask` line.
    public var range: SourceRange
    /// Whether a `matching /…/` was written but could not be read: already reported, so
    /// checks of the example leave it alone.
    public var hasUnreadableValidation = false

    /// Whether the answer is the money at risk.
    public var isAmount: Bool {
        if case .amount = validation { true } else { false }
    }
}
