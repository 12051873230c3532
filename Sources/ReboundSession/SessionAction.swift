import ReboundChecker
import ReboundLanguage
import ReboundTranscript

/// What the front end should show or do next.
public enum SessionAction: Equatable, Sendable {
    /// Guidance from a `say` line of a step.
    case say(step: String, text: String)
    /// Ask for input.
    case prompt(Prompt)
    /// The last input was not accepted, and why; the same prompt stands.
    case rejected(String)
    /// Findings for the current draft.
    case findings([Finding])
    /// A finding was accepted; `overrides` when it was an error that blocked sending (a
    /// warning never blocks: accepting it only acknowledges it).
    case accepted(rule: String, excerpt: String?, overrides: Bool)
    /// Something that happened, for the transcript.
    case record(SessionEvent)
    /// The answer that identifies the customer was given: the front end looks the
    /// customer up (red carpet, earlier failures).
    case identified(customer: String)
    /// The session reached `done`.
    case finished(Outcome)
}
