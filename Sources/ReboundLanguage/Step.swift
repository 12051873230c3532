import ReboundText

/// `step ID "Title"` and the items under it, up to the next step.
public struct Step: Sendable {
    /// The id that `next` and options jump to.
    public var id: Located<String>
    /// The title shown when the step starts.
    public var title: Located<Text>
    /// The step's lines, in source order.
    public var items: [StepItem] = []
    /// `next` or `done`, if the step has one; when it has both, the first.
    public var exit: Located<StepExit>?
    /// Whether a `next` or `done` line was there but could not be read; flow checks
    /// then give the step the benefit of the doubt instead of piling up errors.
    public var hasUnreadableExit = false
    /// The `step` line.
    public var range: SourceRange

    /// A step with no items yet.
    public init(id: Located<String>, title: Located<Text>, range: SourceRange) {
        self.id = id
        self.title = title
        self.range = range
    }

    /// Where the step's last line ends (its last item, option or draft check), for an edit
    /// that adds a line to the step.
    public var lastLineEnd: SourceLocation {
        var end = range.end
        func extend(_ other: SourceRange) { end = max(end, other.end) }
        for item in items {
            extend(item.range)
            switch item {
            case .choose(let choice): choice.options.forEach { extend($0.range) }
            case .draft(let draft):
                draft.expectations.forEach { extend($0.range) }
                draft.avoids.forEach { extend($0.range) }
                draft.allows.forEach { extend($0.range) }
                draft.apologyLimit.map { extend($0.range) }
                draft.failure.map { extend($0.range) }
            default: break
            }
        }
        exit.map { extend($0.range) }
        return end
    }

    /// The step's `choose` whose options jump to other steps, if any.
    public var branch: Choice? {
        for case .choose(let choice) in items where choice.options.contains(where: { $0.target != nil }) {
            return choice
        }
        return nil
    }
}
