import ReboundText

/// A parsed recovery playbook. Every node keeps the source range it came from.
///
/// A playbook produced from text with errors holds as much as could be understood;
/// fields the text did not supply are `nil` or empty.
public struct Playbook: Sendable {
    /// The id on the `playbook` line, by which agents start it.
    public var id: Located<String>?
    /// The title on the `playbook` line.
    public var title: Located<Text>?
    /// The `version` line's number.
    public var version: Located<Int>?
    /// The `summary` line: when to use the playbook.
    public var summary: Located<Text>?
    /// The `tags` line's words, for finding the playbook.
    public var tags: [Located<String>] = []
    /// The `triggers` line: words and phrases a customer in this situation writes, for
    /// suggesting the playbook from the customer's message.
    public var triggers: [Located<String>] = []
    /// The steps, in source order; a session starts at the first.
    public var steps: [Step] = []
    /// How much each kind of scorecard item weighs for this playbook (`score KIND N`);
    /// kinds not given weigh 1.
    public var scoreWeights: [ScoreKind: Located<Int>] = [:]
    /// Comment lines, without the `#`, in source order.
    public var comments: [Located<String>] = []

    /// An empty playbook, for the parser to fill in.
    public init() {}

    /// The step with this id, if any.
    public func step(_ id: String) -> Step? {
        steps.first { $0.id.value == id }
    }
}
