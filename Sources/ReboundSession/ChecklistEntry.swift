/// A checklist item (`confirm`) as the agent left it: ticked, or skipped with a reason.
public struct ChecklistEntry: Equatable, Sendable {
    /// The id of the step the item belongs to.
    public let step: String
    /// The item's text, with values filled in.
    public let item: String
    /// Whether it was ticked (`true`) or skipped (`false`).
    public let ticked: Bool
}
