import ReboundChecker

/// The reply being written at a draft prompt, between the first draft and `send`.
struct WorkingDraft: Sendable {
    /// The latest text.
    var text: String
    /// What the checker found in `text`.
    var findings: [Finding]
    /// Rules whose error-level findings the agent accepted with a reason (`/accept`).
    var accepted: Set<String> = []
}
