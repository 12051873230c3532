import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundText
import ReboundTranscript
import Testing

@testable import ReboundReview

@Suite("review queue")
struct ReviewQueueTests {
    /// A finished session with `findings` excuses in its one sent reply, or an unfinished one.
    static func summary(_ session: String, findings: Int, finished: Bool = true) -> SessionSummary {
        var events: [TranscriptEvent] = []
        func add(_ event: SessionEvent) {
            events.append(TranscriptEvent(seq: events.count + 1, time: "2026-11-20T10:00:00Z", event: event))
        }
        add(SessionEvent(.step, step: "own", text: "Own"))
        var sent = SessionEvent(.send, step: "own", text: "Hi.")
        sent.findings = (0..<findings).map { index -> Finding in
            let start = SourceLocation(line: 1, column: 1 + index, offset: index)
            let end = SourceLocation(line: 1, column: 2 + index, offset: index + 1)
            return Finding(
                rule: "RB201", category: .excuse, severity: .warning, message: "An excuse.",
                range: SourceRange(start, end), excerpt: "x", suggestion: nil)
        }
        add(sent)
        if finished { add(SessionEvent(.done, step: "own", outcome: .resolved)) }
        let header = TranscriptHeader(
            session: session, agent: "sam", playbook: .init(id: "p", version: 1, sha256: ""), tool: "test",
            started: "2026-11-20T10:00:00Z", timeZone: "UTC")
        return SessionSummary(header: header, events: events, playbook: nil)
    }

    @Test("the same seed picks the same sessions; sessions with findings are picked far more often than clean ones")
    func weighted() {
        let sessions = (0..<40).map { Self.summary("s\($0)", findings: $0 < 5 ? 4 : 0) }
        let once = ReviewQueue.sample(sessions, reviewed: [], count: 5, seed: 42).map(\.summary.session)
        #expect(once == ReviewQueue.sample(sessions, reviewed: [], count: 5, seed: 42).map(\.summary.session))
        var flaggedPicks = 0
        for seed in 1...200 {
            flaggedPicks += ReviewQueue.sample(sessions, reviewed: [], count: 5, seed: UInt64(seed)).count {
                $0.summary.sentFindings.values.reduce(0, +) > 0
            }
        }
        // 5 of 40 sessions have findings (an eighth); weighted, they fill most of each sample.
        #expect(flaggedPicks > 200 * 5 / 2, "\(flaggedPicks)")
    }

    @Test("reviewed sessions are left for last; unfinished ones count; the unreviewed list leaves noted ones out")
    func reviewed() {
        let sessions = [
            Self.summary("noted", findings: 6), Self.summary("clean", findings: 0),
            Self.summary("open", findings: 0, finished: false),
        ]
        let picks = ReviewQueue.sample(sessions, reviewed: ["noted"], count: 3, seed: 1)
        #expect(Set(picks.map(\.summary.session)) == ["noted", "clean", "open"])
        #expect(picks.first { $0.summary.session == "noted" }?.reasons.last == "already reviewed")
        #expect(picks.first { $0.summary.session == "open" }?.reasons == ["unfinished"])
        #expect(ReviewQueue.unreviewed(sessions, reviewed: ["noted"]).map(\.summary.session) == ["open", "clean"])
        #expect(ReviewQueue.sample(sessions, reviewed: [], count: 0, seed: 1).isEmpty)
    }
}
