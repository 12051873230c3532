import ReboundText

/// How a step ends: `next STEP` or `done OUTCOME`.
public enum StepExit: Hashable, Sendable {
    case next(Located<String>)
    case done(Outcome)

    /// `next` or `done`.
    var keyword: String {
        switch self {
        case .next: "next"
        case .done: "done"
        }
    }
}
