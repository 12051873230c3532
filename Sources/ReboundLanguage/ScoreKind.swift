/// The kinds of scorecard items a playbook can weigh.
public enum ScoreKind: String, CaseIterable, Hashable, Sendable {
    /// A checklist item ticked rather than skipped.
    case checklist
    /// An `expect` met by the sent reply.
    case expectation
    /// No error-level finding sent without an override.
    case errors
    /// The apology limit kept.
    case apologies
    /// An outcome reached.
    case outcome
    /// A follow-up scheduled.
    case followUp = "follow-up"
}
