import ReboundText

/// `avoid "phrase" because "reason"`.
public struct Avoid: Sendable {
    public var phrase: Located<String>
    public var reason: Located<String>
    public var range: SourceRange
}
