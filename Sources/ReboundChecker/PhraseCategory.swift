/// What a group of phrases is for: findings of a category, or a marker a rule counts or
/// looks for. Phrase files name it on `category =` lines.
public enum PhraseCategory: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Matches are reported as findings of this category.
    case finding(FindingCategory)
    /// Matches are never reported themselves: a rule counts them or looks for them.
    case marker(Marker)

    /// The words and phrases rules count or look for.
    public enum Marker: String, Hashable, Sendable, CaseIterable {
        /// An apology; more than the limit per reply is a repeated apology.
        case apology = "apology-marker"
        /// Empathy ("sorry to hear"), not counted as an apology when used once.
        case empathy = "empathy-marker"
        /// An apology marked as a repeat ("apologies again"): the second the customer hears.
        case again = "again-marker"
        /// A day, date, time or duration, for `expect timeframe`.
        case timeframe
        /// A statement of what happens next, for `expect next-step`.
        case nextStep = "next-step"
        /// A rule applied in the customer's favour ("entitles you to a full refund"): a
        /// policy named in the same sentence is information, not quibbling.
        case grant = "grant-marker"
    }

    /// Every category a phrase file may name: the finding categories reported from phrases
    /// (not those worked out otherwise, such as repeated apologies), then the markers.
    public static let allCases: [PhraseCategory] =
        [.excuse, .blame, .nonApology, .policy, .repetition, .avoid].map(PhraseCategory.finding)
        + Marker.allCases.map(PhraseCategory.marker)

    /// The category a phrase file's `category =` line names, if any.
    public init?(name: String) {
        guard let category = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = category
    }

    /// The name phrase files use, such as `excuse` or `apology-marker`.
    public var name: String {
        switch self {
        case .finding(let category): category.rawValue
        case .marker(let marker): marker.rawValue
        }
    }

    public var description: String { name }
}
