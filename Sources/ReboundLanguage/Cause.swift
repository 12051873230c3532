import ReboundText

/// `cause "label"`: the root cause of the failure, for the prevention report.
public struct Cause: Sendable {
    /// The cause, as the prevention report groups it.
    public var label: Located<Text>
    /// The `cause` line.
    public var range: SourceRange
}
