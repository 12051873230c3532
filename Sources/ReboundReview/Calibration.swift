import ReboundLanguage

/// How far coaches agree when they score the same sessions item by item: per pair of
/// coaches (percent agreement and Cohen's kappa over the items both scored), per kind of
/// item, the spread of their overall scores per session, and the items they split on.
public struct Calibration: Sendable {
    public struct Pair: Sendable {
        public let first: String
        public let second: String
        /// Items both coaches scored.
        public let items: Int
        public let agreed: Int
        /// Cohen's kappa, or `nil` when chance alone explains the verdicts (both coaches
        /// gave every item the same verdict).
        public let kappa: Double?

        public var percent: Double { items == 0 ? 0 : Double(agreed) * 100 / Double(items) }
    }

    public struct KindAgreement: Sendable {
        public let kind: ScoreKind
        /// Verdict pairs compared (an item scored by three coaches makes three pairs).
        public let comparisons: Int
        public let agreed: Int

        public var percent: Double { comparisons == 0 ? 0 : Double(agreed) * 100 / Double(comparisons) }
    }

    public struct Spread: Sendable {
        public let session: String
        public let agent: String
        public let playbook: String
        /// Each coach's overall score, by coach name.
        public let scores: [(coach: String, score: Int)]

        public var range: Int { (scores.map(\.score).max() ?? 0) - (scores.map(\.score).min() ?? 0) }
    }

    public struct Split: Sendable {
        public let session: String
        public let item: Int
        public let description: String
        public let verdicts: [(coach: String, met: Bool, comment: String?)]
    }

    public let coaches: [String]
    public let pairs: [Pair]
    public let kinds: [KindAgreement]
    /// Sessions scored by two coaches or more, widest spread first.
    public let spreads: [Spread]
    public let splits: [Split]

    /// From the sessions reviewed and every note on them: each coach's latest score of a
    /// session counts.
    public init(sessions: [SessionSummary], notes: [CoachNote]) {
        var latest: [String: [String: CoachNote]] = [:]
        for note in notes where note.kind == .score { latest[note.session, default: [:]][note.author] = note }
        let summaries = Dictionary(sessions.map { ($0.session, $0) }, uniquingKeysWith: { first, _ in first })
        var pairCounts: [String: (items: Int, both: Int, neither: Int, firstOnly: Int, secondOnly: Int)] = [:]
        var kindCounts: [ScoreKind: (Int, Int)] = [:]
        var spreads: [Spread] = []
        var splits: [Split] = []
        var coaches: Set<String> = []
        for (session, byCoach) in latest.sorted(by: { $0.key < $1.key }) where byCoach.count >= 2 {
            guard let summary = summaries[session] else { continue }
            let scored = byCoach.sorted { $0.key < $1.key }
            coaches.formUnion(byCoach.keys)
            spreads.append(
                Spread(
                    session: session, agent: summary.agent, playbook: summary.playbook,
                    scores: scored.map { ($0.key, $0.value.score ?? 0) }))
            let items = summary.scorecard?.items ?? []
            let matched = scored.map { coach, note in
                (
                    coach,
                    Dictionary(Scorecard.match(note.items, to: items).map { ($0.index, $0.verdict) }) { first, _ in
                        first
                    }
                )
            }
            for (index, item) in items.enumerated() {
                let verdicts = matched.compactMap { coach, byItem in
                    byItem[index].map { (coach, $0.met, $0.comment) }
                }
                guard verdicts.count >= 2 else { continue }
                if Set(verdicts.map(\.1)).count > 1 {
                    splits.append(
                        Split(session: session, item: index + 1, description: item.description, verdicts: verdicts))
                }
                for a in verdicts.indices {
                    for b in verdicts.indices where b > a {
                        let key = verdicts[a].0 + "\u{1F}" + verdicts[b].0
                        var counts = pairCounts[key] ?? (0, 0, 0, 0, 0)
                        counts.items += 1
                        switch (verdicts[a].1, verdicts[b].1) {
                        case (true, true): counts.both += 1
                        case (false, false): counts.neither += 1
                        case (true, false): counts.firstOnly += 1
                        case (false, true): counts.secondOnly += 1
                        }
                        pairCounts[key] = counts
                        let (compared, agreed) = kindCounts[item.kind] ?? (0, 0)
                        kindCounts[item.kind] = (compared + 1, agreed + (verdicts[a].1 == verdicts[b].1 ? 1 : 0))
                    }
                }
            }
        }
        self.coaches = coaches.sorted()
        pairs = pairCounts.sorted { $0.key < $1.key }.map { key, counts in
            let names = key.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            return Pair(
                first: names[0], second: names[1], items: counts.items, agreed: counts.both + counts.neither,
                kappa: Self.kappa(
                    both: counts.both, neither: counts.neither, firstOnly: counts.firstOnly,
                    secondOnly: counts.secondOnly))
        }
        kinds = ScoreKind.allCases.compactMap { kind in
            kindCounts[kind].map { KindAgreement(kind: kind, comparisons: $0.0, agreed: $0.1) }
        }
        self.spreads = spreads.sorted { ($1.range, $0.session) < ($0.range, $1.session) }
        self.splits = splits
    }

    /// Cohen's kappa for two raters' pass/fail verdicts on the same items: agreement beyond
    /// what their own pass rates would give by chance. `nil` when chance agreement is total.
    public static func kappa(both: Int, neither: Int, firstOnly: Int, secondOnly: Int) -> Double? {
        let total = Double(both + neither + firstOnly + secondOnly)
        guard total > 0 else { return nil }
        let observed = Double(both + neither) / total
        let firstPass = Double(both + firstOnly) / total
        let secondPass = Double(both + secondOnly) / total
        let chance = firstPass * secondPass + (1 - firstPass) * (1 - secondPass)
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }
}
