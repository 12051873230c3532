/// What the agent does, one step at a time.
public enum SessionInput: Equatable, Sendable {
    /// An answer to an `ask`, an option for a `choose`, or `y` for a `confirm`.
    case answer(String)
    /// An answer the transcript records as accepted, replayed on resume: taken as it is,
    /// without checking it again. It may have been redacted before it was saved (a card
    /// number, a `--redact` pattern) or been accepted under older rules, and the session
    /// must not go back on it.
    case recordedAnswer(String)
    /// Skip a checklist item (`confirm`), with the reason the coach will read.
    case skip(reason: String)
    /// A draft (or revised draft) of the reply.
    case draft(String)
    /// Check the current draft again.
    case check
    /// Accept a finding of the current draft, with a reason: the finding of `rule` whose
    /// words are `excerpt`, or every finding of the rule when `excerpt` is `nil`. An
    /// accepted error no longer blocks sending; an accepted warning is acknowledged.
    case accept(rule: String, excerpt: String? = nil, reason: String)
    /// Send the current draft as the step's reply.
    case send
    /// Return to the previous question; answers become defaults and a draft is kept.
    case back
    /// Stop for now; the session can be resumed.
    case quit
    /// The customer's own words, pasted by the agent: kept in the transcript and given to
    /// the checker (their words echoed in a draft are theirs; what they gave need not be asked).
    case customerMessage(String)
}
