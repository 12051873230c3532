import ReboundText

/// `red-carpet N "gesture"`: the customer's next N contacts get special care, and the
/// agent who takes each one is told what was promised.
public struct RedCarpet: Sendable {
    /// How many of the customer's next contacts get special care.
    public var contacts: Located<Int>
    /// What was promised, told to the agent who takes each contact.
    public var gesture: Located<Text>
    /// The `red-carpet` line.
    public var range: SourceRange
}
