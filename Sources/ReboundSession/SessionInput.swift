/// What the agent does, one step at a time.
public enum SessionInput: Equatable, Sendable {
    /// An answer to an `ask`, an option for a `choose`, or `y` for a `confirm`.
    case answer(String)
    /// Skip a checklist item (`confirm`), with the reason the coach will read.
    case skip(reason: String)
    /// A draft (or revised draft) of the reply.
    case draft(String)
    /// Check the current draft again.
    case check
    /// Override an error-level finding of the current draft, with a reason.
    case accept(rule: String, reason: String)
    /// Send the current draft as the step's reply.
    case send
    /// Return to the previous step; earlier answers become defaults.
    case back
    /// Stop for now; the session can be resumed.
    case quit
}
