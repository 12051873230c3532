import Foundation
import ReboundText

/// Which sessions a coach should read next: a sample weighted toward the sessions most
/// likely to need coaching (low scores, findings in sent replies, overridden warnings,
/// skipped items, unfinished sessions) and away from sessions a coach already noted.
public enum ReviewQueue {
    public struct Pick: Sendable {
        public let summary: SessionSummary
        public let weight: Double
        /// Why it weighs what it does, in a few words each ("score 58", "2 overrides").
        public let reasons: [String]
        public let reviewed: Bool
    }

    /// Sessions a coach has already noted weigh this much less.
    static let reviewedFactor = 0.05

    /// A session's weight: 1, plus a point for every 10 points below 100, two for each
    /// finding in a sent reply, three for each override, one for each skipped item and
    /// one when it is unfinished.
    public static func weight(of summary: SessionSummary, reviewed: Bool) -> (weight: Double, reasons: [String]) {
        var weight = 1.0
        var reasons: [String] = []
        if summary.finished {
            if summary.score < 100 {
                weight += Double(100 - summary.score) / 10
                reasons.append("score \(summary.score)")
            }
        } else {
            weight += 1
            reasons.append("unfinished")
        }
        let findings = summary.sentFindings.values.reduce(0, +)
        if findings > 0 {
            weight += 2 * Double(findings)
            reasons.append("\(findings) finding\(findings == 1 ? "" : "s") sent")
        }
        if !summary.overrides.isEmpty {
            weight += 3 * Double(summary.overrides.count)
            reasons.append("\(summary.overrides.count) override\(summary.overrides.count == 1 ? "" : "s")")
        }
        if !summary.skips.isEmpty {
            weight += Double(summary.skips.count)
            reasons.append("\(summary.skips.count) skipped")
        }
        if reviewed {
            weight *= reviewedFactor
            reasons.append("already reviewed")
        }
        return (weight, reasons)
    }

    /// `count` sessions drawn without replacement, each with probability in proportion to
    /// its weight (Efraimidis and Spirakis: the largest `log(u) / weight`), the same for
    /// the same seed. Most needing review first.
    public static func sample(
        _ sessions: [SessionSummary], reviewed: Set<String>, count: Int, seed: UInt64
    ) -> [Pick] {
        var generator = SplitMix(seed: seed)
        let keyed = sessions.map { summary -> (key: Double, pick: Pick) in
            let isReviewed = reviewed.contains(summary.session)
            let (weight, reasons) = Self.weight(of: summary, reviewed: isReviewed)
            // A uniform number in (0, 1]: never 0, whose logarithm is minus infinity.
            let uniform = Double((generator.next() >> 11) + 1) / Double(1 << 53)
            return (
                log(uniform) / weight, Pick(summary: summary, weight: weight, reasons: reasons, reviewed: isReviewed)
            )
        }
        return keyed.sorted { $0.key > $1.key }.prefix(max(0, count)).map(\.pick).sorted { $0.weight > $1.weight }
    }

    /// The sessions no coach has noted yet, most needing review first.
    public static func unreviewed(_ sessions: [SessionSummary], reviewed: Set<String>) -> [Pick] {
        sessions.filter { !reviewed.contains($0.session) }.map { summary in
            let (weight, reasons) = Self.weight(of: summary, reviewed: false)
            return Pick(summary: summary, weight: weight, reasons: reasons, reviewed: false)
        }.sorted { ($0.weight, $1.summary.started) > ($1.weight, $0.summary.started) }
    }
}
