/// A request for input, with everything a terminal or a program needs to show it.
public struct Prompt: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case ask, confirm, choose, draft
    }

    public struct Option: Equatable, Sendable {
        public let id: String
        public let label: String
    }

    public let step: String
    public let kind: Kind
    /// The value id for `ask` and `choose`.
    public let id: String?
    /// The question, checklist item or draft instruction, with values filled in.
    public let text: String
    /// The pattern an `ask` answer must match.
    public let pattern: String?
    /// The answers an `ask … one of` allows.
    public let allowed: [String]
    /// Whether an `ask … amount` wants money: a number with an optional currency.
    public let expectsAmount: Bool
    public let options: [Option]
    /// The earlier answer, after `back`: an empty answer keeps it.
    public let defaultAnswer: String?
}
