import ReboundText

/// `choose ID "…"` followed by `option` lines: captures the chosen option's id.
public struct Choice: Sendable {
    public var id: Located<String>
    public var question: Located<Text>
    public var options: [ChoiceOption] = []
    public var range: SourceRange
}

/// `option ID "Label" [-> STEP]`.
public struct ChoiceOption: Sendable {
    public var id: Located<String>
    public var label: Located<Text>
    public var target: Located<String>?
    public var range: SourceRange
}
