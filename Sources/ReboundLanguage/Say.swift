import ReboundText

/// `say TEXT`: guidance shown to the agent.
public struct Say: Sendable {
    /// The guidance.
    public var text: Located<Text>
    /// The `say` line.
    public var range: SourceRange
}
