import ReboundText

/// `draft "Instruction"` followed by the checks its reply must pass.
public struct Draft: Sendable {
    public var instruction: Located<Text>
    public var expectations: [Located<Expectation>] = []
    public var apologyLimit: Located<Int>?
    public var avoids: [Avoid] = []
    public var allows: [Located<String>] = []
    public var range: SourceRange
}
