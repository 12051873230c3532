import ReboundText

/// `draft "Instruction"` followed by the checks its reply must pass.
public struct Draft: Sendable {
    /// What the agent is asked to write.
    public var instruction: Located<Text>
    /// What the reply must contain (`expect`).
    public var expectations: [Located<Expectation>] = []
    /// Apologies allowed in the reply (`limit apologies N`); one when not given.
    public var apologyLimit: Located<Int>?
    /// Phrases the reply must not use (`avoid`).
    public var avoids: [Avoid] = []
    /// What went wrong, in words that finish "I'm sorry that …" (`failure`): turns a
    /// generic apology in the reply into one that names it, and fits suggestions to the case.
    public var failure: Located<Text>?
    /// Checker categories and rule codes not reported for this reply (`allow`).
    public var allows: [Located<String>] = []
    /// The `draft` line.
    public var range: SourceRange
}
