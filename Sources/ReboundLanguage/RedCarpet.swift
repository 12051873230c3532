import ReboundText

/// `red-carpet N "gesture"`: the customer's next N contacts get special care, and the
/// agent who takes each one is told what was promised.
public struct RedCarpet: Sendable {
    public var contacts: Located<Int>
    public var gesture: Located<Text>
    public var range: SourceRange
}
