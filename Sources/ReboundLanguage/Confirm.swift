import ReboundText

/// `confirm "…"`: a checklist item the agent ticks, or skips with a reason.
public struct Confirm: Sendable {
    /// The checklist item.
    public var text: Located<Text>
    /// The `confirm` line.
    public var range: SourceRange
}
