/// The categories of what the reply checker reports. These names are part of the JSON
/// contract with integrations and never change.
public enum FindingCategory: String, CaseIterable, Hashable, Sendable {
    /// Explaining the failure away.
    case excuse
    /// Pointing at someone else, or at the customer.
    case blame
    /// More apologies than the limit, in one reply or in consecutive replies.
    case repeatedApology = "repeated-apology"
    /// Conditional, generic or passive apologies.
    case nonApology = "non-apology"
    /// Quibbling over policy or terms.
    case policy
    /// A phrase the playbook's step forbids (`avoid`).
    case avoid
    /// Something the playbook's step expects is missing (`expect`).
    case expectation
    /// Asking the customer to repeat what they already told us.
    case repetition
    /// Something private in the reply: a whole payment card number.
    case privacy
}
