import ReboundLanguage
import ReboundTranscript

/// How well a session followed its playbook, scored 0–100 from its transcript: each
/// checklist item ticked, each expectation met by the sent reply, no error-level finding
/// sent without an override, the apology limit kept, an outcome reached, and a follow-up
/// scheduled where the playbook has one.
public struct Scorecard: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public let kind: ScoreKind
        /// What the item says, made only when read: a review scores every session and shows
        /// the words of the few a coach scored item by item, and making them for every
        /// session was about a twentieth of a review.
        public var description: String { words.text }
        let words: Words
        public let met: Bool
        /// The transcript event it is about, if any.
        public let seq: Int?

        public static func == (lhs: Item, rhs: Item) -> Bool {
            lhs.kind == rhs.kind && lhs.met == rhs.met && lhs.seq == rhs.seq && lhs.description == rhs.description
        }
    }

    /// An item's words, as what they are made of.
    enum Words: Sendable {
        case ticked(String)
        case skipped(String, reason: String?)
        case gives(step: String, requirement: String)
        /// The rules of the error-level findings sent without an override, in the order found.
        case errors(step: String, unaccepted: [String])
        case apologies(step: String)
        case outcome(Outcome?)
        case followUp

        var text: String {
            switch self {
            case .ticked(let text): "ticked \"\(text)\""
            case .skipped(let text, let reason): "skipped \"\(text)\" (\(reason ?? "no reason"))"
            case .gives(let step, let requirement): "reply in '\(step)' gives \(requirement)"
            case .errors(let step, let unaccepted):
                unaccepted.isEmpty
                    ? "reply in '\(step)' sent without unexcused errors"
                    : "reply in '\(step)' sent with \(Set(unaccepted).sorted().joined(separator: ", ")) not overridden"
            case .apologies(let step): "reply in '\(step)' keeps the apology limit"
            case .outcome(let outcome): outcome.map { "reached an outcome (\($0.rawValue))" } ?? "reached an outcome"
            case .followUp: "scheduled a follow-up"
            }
        }
    }

    public let items: [Item]
    /// What each kind of item weighs (`score KIND N` in the playbook; 1 otherwise).
    public let weights: [ScoreKind: Int]

    /// The weight of met items out of all, 0–100, rounded; 100 when nothing weighs anything.
    public var score: Int {
        var total = 0
        var met = 0
        // A weight looked up once a run of items of one kind, not twice an item: a review scores
        // every session's thirty-odd items, and the lookups were a fiftieth of it.
        var kind: ScoreKind?
        var weight = 1
        for item in items {
            if item.kind != kind {
                kind = item.kind
                weight = weights[item.kind] ?? 1
            }
            total += weight
            if item.met { met += weight }
        }
        return total == 0 ? 100 : Int((Double(met) * 100 / Double(total)).rounded())
    }

    /// The scorecard with a coach's verdicts in place of the computed ones, item by item;
    /// a verdict for an item the card lacks is ignored.
    public func applying(_ verdicts: [CoachNote.ItemVerdict]) -> Scorecard {
        var items = self.items
        for (index, verdict) in Self.match(verdicts, to: items) {
            let item = items[index]
            items[index] = Item(kind: item.kind, words: item.words, met: verdict.met, seq: item.seq)
        }
        return Scorecard(items: items, weights: weights)
    }

    /// Which item each verdict is about: the item with the words the coach saw (the card can
    /// be numbered differently when it is computed without the playbook, or after the
    /// playbook changed), else the item with its number.
    public static func match(
        _ verdicts: [CoachNote.ItemVerdict], to items: [Item]
    ) -> [(index: Int, verdict: CoachNote.ItemVerdict)] {
        var taken = Set<Int>()
        var matched: [(Int, CoachNote.ItemVerdict)] = []
        for verdict in verdicts {
            let byWords = items.indices.first { !taken.contains($0) && items[$0].description == verdict.description }
            let byNumber =
                items.indices.contains(verdict.item - 1) && !taken.contains(verdict.item - 1) ? verdict.item - 1 : nil
            guard let index = byWords ?? (verdict.description.isEmpty ? byNumber : nil) else { continue }
            taken.insert(index)
            matched.append((index, verdict))
        }
        return matched
    }

    init(items: [Item], weights: [ScoreKind: Int]) {
        self.items = items
        self.weights = weights
    }

    /// The codes of the expectation rules and the requirement each stands for, in the order
    /// of their codes.
    static let expectations = [
        ("RB210", "a timeframe"), ("RB211", "a next step"), ("RB212", "the customer's name"),
        ("RB213", "the expected detail"),
    ]

    /// An accepted finding as one string: its rule, and its words when one finding was accepted.
    static func acceptanceKey(_ rule: String, _ excerpt: String?) -> String {
        excerpt.map { rule + "\u{1F}" + $0 } ?? rule
    }

    /// Scores a transcript; `playbook`, when known, says whether a follow-up was due.
    public init(events: some EventLog, playbook: Playbook?) {
        var items: [Item] = []
        var accepted: [String: Set<String>] = [:]
        // Field by field, only in the cases that read them: most events (says, answers)
        // count for nothing here, and a review's events decode a field only when it is read.
        for index in 0..<events.count {
            switch events.kind(at: index) {
            case .confirm:
                items.append(
                    Item(
                        kind: .checklist, words: .ticked(events.text(at: index) ?? ""), met: true,
                        seq: events.seq(at: index)))
            case .skip:
                items.append(
                    Item(
                        kind: .checklist,
                        words: .skipped(events.text(at: index) ?? "", reason: events.reason(at: index)),
                        met: false, seq: events.seq(at: index)))
            case .accept:
                // One finding (its rule and words), or every finding of the rule in older transcripts.
                accepted[events.step(at: index), default: []].insert(
                    Self.acceptanceKey(events.item(at: index) ?? "", events.text(at: index)))
            case .send:
                let seq = events.seq(at: index)
                let findings = events.findings(at: index) ?? []
                let step = events.step(at: index)
                for (code, requirement) in Self.expectations {
                    let missed = findings.contains { $0.rule == code }
                    let expected = missed || Self.stepExpects(code, step: step, playbook: playbook)
                    if expected {
                        items.append(
                            Item(
                                kind: .expectation, words: .gives(step: step, requirement: requirement), met: !missed,
                                seq: seq))
                    }
                }
                let unaccepted = findings.filter { finding in
                    let keys = accepted[step] ?? []
                    return finding.severity == .error && !keys.contains(Self.acceptanceKey(finding.rule, nil))
                        && !keys.contains(Self.acceptanceKey(finding.rule, finding.excerpt))
                }
                items.append(
                    Item(
                        kind: .errors, words: .errors(step: step, unaccepted: unaccepted.map(\.rule)),
                        met: unaccepted.isEmpty, seq: seq))
                let apologies = findings.contains { $0.category == .repeatedApology }
                items.append(
                    Item(kind: .apologies, words: .apologies(step: step), met: !apologies, seq: seq))
            default:
                break
            }
        }
        let done = (0..<events.count).last { events.kind(at: $0) == .done }
        items.append(
            Item(
                kind: .outcome, words: .outcome(done.flatMap(events.outcome(at:))), met: done != nil,
                seq: done.map(events.seq(at:))))
        // Only what the path taken asked for: a hand-off step with no follow-up costs nothing.
        let followUpDue =
            playbook.map { playbook in
                // Each run of one step's events once: hashing every event's step was a twentieth of a review.
                var visited = Set<String>()
                var previous: String?
                for index in 0..<events.count {
                    let step = events.step(at: index)
                    if step != previous { visited.insert(step) }
                    previous = step
                }
                return playbook.steps.contains { step in
                    visited.contains(step.id.value)
                        && step.items.contains { if case .followUp = $0 { true } else { false } }
                }
            } ?? false
        let followUp = (0..<events.count).first { events.kind(at: $0) == .followUp }
        if followUpDue || followUp != nil {
            items.append(
                Item(kind: .followUp, words: .followUp, met: followUp != nil, seq: followUp.map(events.seq(at:))))
        }
        self.items = items
        weights = playbook?.scoreWeights.mapValues(\.value) ?? [:]
    }

    /// Whether the draft of `step` expects what the rule checks.
    static func stepExpects(_ code: String, step: String, playbook: Playbook?) -> Bool {
        // The first step with the id, as `Playbook.step` finds it, read in place: copying the
        // step out of the playbook four times a reply was a twentieth of a review.
        guard let steps = playbook?.steps, let index = steps.firstIndex(where: { $0.id.value == step }) else {
            return false
        }
        for case .draft(let draft) in steps[index].items {
            for expectation in draft.expectations {
                switch (code, expectation.value) {
                case ("RB210", .timeframe), ("RB211", .nextStep), ("RB212", .name), ("RB213", .mention): return true
                default: continue
                }
            }
        }
        return false
    }
}
