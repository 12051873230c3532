import ReboundLanguage
import ReboundText

/// How to check one reply: the playbook step's checks, the session so far, and what the
/// caller switched on or off.
public struct CheckOptions: Sendable {
    /// Apologies allowed in the reply (`limit apologies N`).
    public var apologyLimit = 1
    /// What the reply must contain (`expect …`).
    public var expectations: [Expectation] = []
    /// Answers captured so far, for `expect name` and `expect mention {value}`.
    public var values: [String: String] = [:]
    /// What went wrong, in words that finish "I'm sorry that …" (the draft's `failure`
    /// line with the captured values filled in): turns "sorry for any inconvenience" into
    /// an apology that names it.
    public var failure: String?
    /// The agent's previous reply in the same conversation, if any.
    public var previousReply: String?
    /// What the customer wrote (`/customer`): words of the reply that repeat four or more of
    /// theirs in a row are their words, not the agent's, as if quoted; and asking them for
    /// something they already gave says so.
    public var customerMessage: String?
    /// Rule codes or category names not to report (`allow`, `--disable`).
    public var silenced: Set<String> = []
    /// When set, only these categories are reported (`--only`).
    public var onlyCategories: Set<FindingCategory>?
    /// Which layers of the checker report the five core categories (`--layer`).
    public var layers: Layers = .both

    /// The checker's layers, for comparing them (`rebound lint --layer`).
    public enum Layers: String, CaseIterable, Sendable {
        /// The phrase lists alone.
        case phrase
        /// The learned layer alone (for the core categories; other rules still run).
        case model
        /// Both, the default: the model adds what the phrases miss.
        case both

        var usesPhrases: Bool { self != .model }
        var usesModel: Bool { self != .phrase }
    }

    public init() {}

    /// The checks a playbook's `draft` asks for, with the values captured so far.
    public init(draft: Draft, values: [String: String]) {
        apologyLimit = draft.apologyLimit?.value ?? 1
        expectations = draft.expectations.map(\.value)
        self.values = values
        silenced = Set(draft.allows.map(\.value))
        failure = draft.failure?.value.filledCompletely(with: values).map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 }
    }

    func isEnabled(_ descriptor: RuleDescriptor) -> Bool {
        if silenced.isEmpty && onlyCategories == nil { return true }
        return !silenced.contains(descriptor.code) && !silenced.contains(descriptor.category.rawValue)
            && (onlyCategories?.contains(descriptor.category) ?? true)
    }

    func isEnabled(_ finding: Finding) -> Bool {
        !silenced.contains(finding.rule) && !silenced.contains(finding.category.rawValue)
    }

    func expects(_ expectation: Expectation) -> Bool {
        expectations.contains(expectation)
    }
}
