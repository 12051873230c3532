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

    /// The step's `choose` whose options jump to other steps, if any.
    public var branch: Choice? {
        for case .choose(let choice) in items where choice.options.contains(where: { $0.target != nil }) {
            return choice
        }
        return nil
    }
}
