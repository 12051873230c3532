import ReboundText

/// `choose ID "…"` followed by `option` lines: captures the chosen option's id.
public struct Choice: Sendable {
    /// The value id the chosen option's id is kept under.
    public var id: Located<String>
    /// The question shown to the agent.
    public var question: Located<Text>
    /// The `option` lines, in order.
    public var options: [ChoiceOption] = []
    /// The `choose` line.
    public var range: SourceRange
}

/// `option ID "Label" [as "phrase"] [-> STEP]`.
public struct ChoiceOption: Sendable {
    /// The id kept as the answer.
    public var id: Located<String>
    /// What the agent sees.
    public var label: Located<Text>
    /// How the option reads inside other text (`{remedy}` in a follow-up): the `as` phrase,
    /// else the label.
    public var phrase: Located<Text>?
    /// The step to go to when this option is chosen, if any.
    public var target: Located<String>?
    /// The `option` line.
    public var range: SourceRange
}
