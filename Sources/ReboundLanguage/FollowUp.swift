import ReboundText

/// `follow-up in N days "…"`: a reminder scheduled when the session ends.
public struct FollowUp: Sendable {
    /// The unit of the delay.
    public enum Unit: String, Sendable, CaseIterable {
        case hours, days, weeks

        /// Every word that names a unit, singular or plural.
        private static let byWord: [String: Unit] = [
            "hour": .hours, "hours": .hours, "day": .days, "days": .days, "week": .weeks, "weeks": .weeks,
        ]

        /// The unit `word` names (`day` or `days`), if any.
        public init?(word: String) {
            guard let unit = Self.byWord[word] else { return nil }
            self = unit
        }

        /// The unit of a short delay (`24h`, `2d`, `1w`).
        public init?(letter: Character) {
            switch letter {
            case "h": self = .hours
            case "d": self = .days
            case "w": self = .weeks
            default: return nil
            }
        }
    }

    /// How many units after the end of the session.
    public var amount: Located<Int>
    /// Hours, days or weeks.
    public var unit: Unit
    /// What to follow up on.
    public var text: Located<Text>
    /// The `follow-up` line.
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
