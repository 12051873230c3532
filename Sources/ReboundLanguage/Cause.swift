import ReboundText

/// `cause "label"`: the root cause of the failure, for the prevention report.
public struct Cause: Sendable {
    public var label: Located<Text>
    public var range: SourceRange
}
