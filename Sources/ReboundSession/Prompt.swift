/// A request for input, with everything a terminal or a program needs to show it.
public struct Prompt: Equatable, Sendable {
    /// What kind of input the prompt wants.
    public enum Kind: String, Sendable {
        case ask, confirm, choose, draft
    }

    /// One option of a `choose`.
    public struct Option: Equatable, Sendable {
        /// The id the session keeps when the option is picked.
        public let id: String
        /// What the agent sees, with values filled in.
        public let label: String
    }

    /// The id of the step asking.
    public let step: String
    /// What kind of input is wanted.
    public let kind: Kind
    /// The value id for `ask` and `choose`.
    public let id: String?
    /// The question, checklist item or draft instruction, with values filled in.
    public let text: String
    /// The pattern an `ask` answer must match.
    public let pattern: String?
    /// An answer that passes the pattern, to show the agent (`example "19:40"`).
    public let example: String?
    /// The answers an `ask … one of` allows.
    public let allowed: [String]
    /// Whether an `ask … amount` wants money: a number with an optional currency.
    public let expectsAmount: Bool
    /// The options of a `choose`, in order (numbered from 1 for the agent).
    public let options: [Option]
    /// The earlier answer, after `back`: an empty answer keeps it.
    public let defaultAnswer: String?
}

extension Prompt {
    /// An `ask`: a value to type, perhaps matching a pattern, one of some answers, or an amount.
    static func ask(
        step: String, id: String, text: String, pattern: String? = nil, example: String? = nil, allowed: [String] = [],
        expectsAmount: Bool = false, defaultAnswer: String?
    ) -> Prompt {
        Prompt(
            step: step, kind: .ask, id: id, text: text, pattern: pattern, example: example, allowed: allowed,
            expectsAmount: expectsAmount, options: [], defaultAnswer: defaultAnswer)
    }

    /// A `confirm`: a checklist item to tick or skip.
    static func confirm(step: String, text: String) -> Prompt {
        Prompt(
            step: step, kind: .confirm, id: nil, text: text, pattern: nil, example: nil, allowed: [],
            expectsAmount: false,
            options: [], defaultAnswer: nil)
    }

    /// A `choose`: one of the options to pick.
    static func choose(step: String, id: String, text: String, options: [Option], defaultAnswer: String?) -> Prompt {
        Prompt(
            step: step, kind: .choose, id: id, text: text, pattern: nil, example: nil, allowed: [],
            expectsAmount: false,
            options: options, defaultAnswer: defaultAnswer)
    }

    /// A `draft`: a reply to write, check and send.
    static func draft(step: String, text: String) -> Prompt {
        Prompt(
            step: step, kind: .draft, id: nil, text: text, pattern: nil, example: nil, allowed: [],
            expectsAmount: false,
            options: [], defaultAnswer: nil)
    }
}
