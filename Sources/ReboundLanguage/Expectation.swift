import ReboundText

/// What a reply must contain: `expect mention {value} | timeframe | next-step | name`.
public enum Expectation: Hashable, Sendable {
    case mention(Located<String>)
    case timeframe
    case nextStep
    case name

    /// The word used in the language.
    public var keyword: String {
        switch self {
        case .mention: "mention"
        case .timeframe: "timeframe"
        case .nextStep: "next-step"
        case .name: "name"
        }
    }
}
