import ReboundText

/// One line of a step (with the lines nested under it), in source order.
public enum StepItem: Sendable {
    case say(Say)
    case ask(Ask)
    case confirm(Confirm)
    case choose(Choice)
    case draft(Draft)
    case followUp(FollowUp)
    case redCarpet(RedCarpet)
    case cause(Cause)

    /// The item's first line.
    public var range: SourceRange {
        switch self {
        case .say(let item): item.range
        case .ask(let item): item.range
        case .confirm(let item): item.range
        case .choose(let item): item.range
        case .draft(let item): item.range
        case .followUp(let item): item.range
        case .redCarpet(let item): item.range
        case .cause(let item): item.range
        }
    }
}
