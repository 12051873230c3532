import ReboundReview
import ReboundTranscript
import Testing

@Suite("transcript times")
struct TranscriptTimeTests {
    static func header(started: String) -> TranscriptHeader {
        TranscriptHeader(
            session: "20261123-101500-a1b2c3", agent: "sam", playbook: .init(id: "demo", version: 1, sha256: ""),
            tool: "test", started: started, timeZone: "UTC")
    }

    static func lines(started: String, eventTime: String = "2026-11-23T10:16:00Z") -> [UInt8] {
        TranscriptCoding.encode(.header(header(started: started))) + [10]
            + TranscriptCoding.encode(
                .event(
                    TranscriptEvent(
                        seq: 1, time: eventTime, event: SessionEvent(.done, step: "a", outcome: .resolved))))
            + [10]
    }

    @Test(
        "a header whose start time does not exist is reported, and the transcript is not read",
        arguments: ["2026-02-31T10:00:00Z", "2026-11-23T10:00:00+25:00", "2026-11-23T24:00:00Z", "yesterday", ""])
    func badStart(started: String) {
        let decoded = TranscriptCoding.decode(Self.lines(started: started))
        #expect(decoded.header == nil)
        #expect(decoded.events.isEmpty)
        #expect(decoded.problems.map(\.description) == ["line 1: 'started' is not a valid time"])
    }

    @Test("a header with a valid start time in any zone is read")
    func goodStart() {
        for started in ["2024-02-29T23:59:59.999+14:00", "2026-11-23T10:00:00-05:30", "2026-11-23 10:00:00Z"] {
            let decoded = TranscriptCoding.decode(Self.lines(started: started))
            #expect(decoded.header?.started == started)
            #expect(decoded.problems.isEmpty)
        }
    }

    @Test("an event whose time does not exist is still read: replay and scorecards do not need its time")
    func badEventTime() {
        let decoded = TranscriptCoding.decode(
            Self.lines(started: "2026-11-23T10:15:00Z", eventTime: "2026-02-31T10:00:00Z"))
        #expect(decoded.problems.isEmpty)
        #expect(decoded.events.map(\.time) == ["2026-02-31T10:00:00Z"])
        let header = Self.header(started: "2026-11-23T10:15:00Z")
        #expect(RecoveryRecord(header: header, events: decoded.events) == nil, "but the ledger cannot date it")
        #expect(SessionSummary(header: header, events: decoded.events, playbook: nil).outcome == .resolved)
    }
}
