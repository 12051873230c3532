import ReboundText

/// The values a place in a playbook may refer to as `{name}`, by the data flow that
/// `check` reports RB114 and RB115 from.
public struct ValueScope: Equatable, Sendable {
    /// Values asked on every path that reaches the place, in the order they are asked.
    public var asked: [String]
    /// Values asked on some path only (using one there is warned about, RB115).
    public var maybeAsked: [String]

    public init(asked: [String], maybeAsked: [String]) {
        self.asked = asked
        self.maybeAsked = maybeAsked
    }
}

extension Playbook {
    /// The values asked before the UTF-8 offset `offset` of the playbook's source.
    ///
    /// Runs the validator, so an editor's completion offers exactly what `check` accepts:
    /// a value is asked once the `ask` line (or the `choose` with its options) ends, and
    /// the header and unreachable steps see none.
    public func valueScope(at offset: Int) -> ValueScope {
        var validator = Validator(playbook: self)
        validator.run()
        guard let (index, flow) = validator.valueFlow,
            let stepNumber = steps.lastIndex(where: { $0.range.start.offset <= offset })
        else { return ValueScope(asked: [], maybeAsked: []) }
        var may = flow.mayIn[stepNumber]
        // What every path asks is also asked on some path, except at a step no path reaches,
        // whose "every path" is vacuously everything.
        var must = flow.mustIn[stepNumber]
        must.formIntersection(may)
        for item in steps[stepNumber].items where Self.extent(of: item).end.offset <= offset {
            if let defined = Validator.definition(in: item), let value = index[defined.value] {
                may.insert(value)
                must.insert(value)
            }
        }
        let names = index.sorted { $0.value < $1.value }
        return ValueScope(
            asked: names.filter { must.contains($0.value) }.map(\.key),
            maybeAsked: names.filter { may.contains($0.value) && !must.contains($0.value) }.map(\.key))
    }

    /// An item's lines: a `choose` with its options, any other item its own line.
    private static func extent(of item: StepItem) -> SourceRange {
        guard case .choose(let choice) = item, let last = choice.options.last else { return item.range }
        return choice.range.union(last.range)
    }
}
