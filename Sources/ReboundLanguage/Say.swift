import ReboundText

/// `say TEXT`: guidance shown to the agent.
public struct Say: Sendable {
    public var text: Located<Text>
    public var range: SourceRange
}
