import ReboundText

/// `avoid "phrase" because "reason"`.
public struct Avoid: Sendable {
    /// The words the reply must not use.
    public var phrase: Located<String>
    /// Why, shown to the agent with the finding.
    public var reason: Located<String>
    /// The `avoid` line.
    public var range: SourceRange
}
