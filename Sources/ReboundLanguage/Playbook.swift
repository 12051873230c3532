import ReboundText

/// A parsed recovery playbook. Every node keeps the source range it came from.
///
/// A playbook produced from text with errors holds as much as could be understood;
/// fields the text did not supply are `nil` or empty.
public struct Playbook: Sendable {
    public var id: Located<String>?
    public var title: Located<Text>?
    public var version: Located<Int>?
    public var summary: Located<Text>?
    public var tags: [Located<String>] = []
    public var steps: [Step] = []
    /// How much each kind of scorecard item weighs for this playbook (`score KIND N`);
    /// kinds not given weigh 1.
    public var scoreWeights: [ScoreKind: Located<Int>] = [:]
    /// Comment lines, without the `#`, in source order.
    public var comments: [Located<String>] = []

    public init() {}

    /// The step with this id, if any.
    public func step(_ id: String) -> Step? {
        steps.first { $0.id.value == id }
    }
}
