import ReboundText

/// `follow-up in N days "…"`: a reminder scheduled when the session ends.
public struct FollowUp: Sendable {
    /// The unit of the delay.
    public enum Unit: String, Sendable, CaseIterable {
        case hours, days, weeks
    }

    public var amount: Located<Int>
    public var unit: Unit
    public var text: Located<Text>
    public var range: SourceRange

    /// The delay in hours.
    public var hours: Int {
        switch unit {
        case .hours: amount.value
        case .days: amount.value * 24
        case .weeks: amount.value * 24 * 7
        }
    }
}
