import Foundation
import ReboundText
import ReboundTranscript
import Testing

@testable import ReboundReview

@Suite("review report")
struct ReviewReportTests {
    /// A finished session of `playbook` by `agent`, started at `started`, that spends the given
    /// seconds in each step in turn.
    static func summary(
        _ session: String, agent: String = "sam", playbook: String, started: String = "2026-11-03T09:00:00Z",
        steps: [(String, Int)]
    ) -> SessionSummary {
        let header = TranscriptHeader(
            session: session, agent: agent, playbook: .init(id: playbook, version: 1, sha256: ""), tool: "test",
            started: started, timeZone: "UTC")
        var events: [TranscriptEvent] = []
        var time = Timestamp.parse(started) ?? Date(timeIntervalSince1970: 0)
        for (step, seconds) in steps {
            events.append(
                TranscriptEvent(
                    seq: events.count + 1, time: Timestamp.utc(time), event: SessionEvent(.step, step: step)))
            time += Double(seconds)
        }
        events.append(
            TranscriptEvent(
                seq: events.count + 1, time: Timestamp.utc(time),
                event: SessionEvent(.done, step: steps.last?.0 ?? "", outcome: .resolved)))
        return SessionSummary(header: header, events: events, playbook: nil)
    }

    @Test("step times add up by playbook and step; ids with a slash that name two steps alike are one")
    func stepTimes() {
        var report = ReviewReport()
        report.add(Self.summary("a", playbook: "late", steps: [("own", 30), ("fix", 60), ("own", 10)]))
        report.add(Self.summary("b", playbook: "late", steps: [("fix", 20)]))
        report.add(Self.summary("c", playbook: "late/fix", steps: [("x", 5)]))
        report.add(Self.summary("d", playbook: "late", steps: [("fix/x", 7)]))
        report.add(Self.summary("e", playbook: "other", steps: []))
        let times = report.stepTimes.mapValues { [$0.seconds, $0.visits] }
        #expect(times == ["late/own": [40, 2], "late/fix": [80, 2], "late/fix/x": [12, 2]])
    }

    @Test("sessions are grouped by the week they started, named as week(of:) names it, unknown without a start")
    func weeks() {
        var report = ReviewReport()
        let starts = [
            "2026-11-02T00:00:00Z", "2026-11-08T23:59:59Z", "2026-11-09T00:00:00Z", "2026-11-03T12:00:00Z",
            "not a time",
        ]
        for (index, started) in starts.enumerated() {
            report.add(Self.summary("s\(index)", playbook: "late", started: started, steps: [("own", 1)]))
        }
        #expect(report.byWeek.mapValues(\.sessions) == ["2026-11-02": 3, "2026-11-09": 1, "unknown": 1])
        for started in starts {
            #expect(report.byWeek[ReviewReport.week(of: Timestamp.parse(started))] != nil)
        }
    }

    @Test("a session's notes count only when the filter admits it; adding says whether it did")
    func notesOfAdmittedSessions() {
        var filter = ReviewFilter()
        filter.agents = ["sam"]
        var report = ReviewReport(filter: filter)
        func note(_ session: String, _ kind: CoachNote.Kind) -> CoachNote {
            CoachNote(
                kind: kind, session: session, event: nil, score: kind == .score ? 70 : nil, author: "ann",
                time: "2026-11-04T10:00:00Z", text: "")
        }
        let admitted = report.add(
            Self.summary("a", playbook: "late", steps: [("own", 1)]), notes: [note("a", .note), note("a", .dispute)])
        let refused = report.add(
            Self.summary("b", agent: "kim", playbook: "late", steps: [("own", 1)]), notes: [note("b", .note)])
        #expect(admitted && !refused)
        #expect(report.notes == 1 && report.disputes == 1 && report.reviewed == ["a"] && report.allNotes.count == 2)
        #expect(report.openDisputes.count == 1)
    }
}
