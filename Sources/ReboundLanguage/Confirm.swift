import ReboundText

/// `confirm "…"`: a checklist item the agent ticks, or skips with a reason.
public struct Confirm: Sendable {
    public var text: Located<Text>
    public var range: SourceRange
}
