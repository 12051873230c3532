import Foundation
import Testing

@testable import ReboundChecker
@testable import ReboundLanguage
@testable import ReboundReview
@testable import ReboundText
@testable import ReboundTranscript

@Suite("scorecards")
struct ScorecardTests {
    func event(_ seq: Int, _ event: SessionEvent) -> TranscriptEvent {
        TranscriptEvent(seq: seq, time: "t", event: event)
    }

    @Test("ticks, skips, expectations, overrides, apologies, outcome and follow-up are scored")
    func items() throws {
        let excuse = try #require(sharedChecker.check("Sorry. Sorry again.").first { $0.rule == "RB203" })
        var blocking = CheckOptions()
        blocking.expectations = [.timeframe]
        let missingTimeframe = try #require(sharedChecker.check("Hi.", options: blocking).first)
        let events = [
            event(1, SessionEvent(.confirm, step: "a", text: "read the thread")),
            event(2, SessionEvent(.skip, step: "a", text: "called them", reason: "no number")),
            event(
                3, SessionEvent(.send, step: "b", text: "Sorry. Sorry again.", findings: [excuse, missingTimeframe])),
            event(4, SessionEvent(.done, step: "b", outcome: .resolved)),
        ]
        let card = Scorecard(events: events, playbook: nil)
        #expect(card.items.map(\.met) == [true, false, false, true, false, true])
        #expect(card.items.map(\.description)[2] == "reply in 'b' gives a timeframe")
        #expect(card.score == 50)
        #expect(Scorecard(events: [], playbook: nil).items.map(\.met) == [false])
    }

    @Test("an error-level finding counts as excused only with an override in its step")
    func overrides() throws {
        let playbook = Playbook.check(
            demoHeader
                + "step b \"B\"\n  draft \"Write.\"\n    avoid \"per our policy\" because \"x\"\n  done resolved\n"
        ).playbook
        guard case .draft(let draft) = playbook.steps[0].items[0] else {
            Issue.record("expected a draft")
            return
        }
        let checker = sharedChecker.adding(avoids: draft.avoids)
        let findings = checker.check("Per our policy, no.").filter { $0.severity == .error }
        #expect(!findings.isEmpty)
        let unexcused = Scorecard(events: [event(1, SessionEvent(.send, step: "b", findings: findings))], playbook: nil)
        #expect(unexcused.items.first?.met == false)
        let excused = Scorecard(
            events: [
                event(1, SessionEvent(.accept, step: "b", item: "RB207", reason: "asked")),
                event(2, SessionEvent(.send, step: "b", findings: findings)),
            ], playbook: nil)
        #expect(excused.items.first?.met == true)
    }

    @Test("each item's words, made when read, say what it is about; rules sent unexcused are listed once, in order")
    func words() throws {
        let found = try #require(sharedChecker.check("Sorry. Sorry again.").first)
        func error(_ rule: String) -> Finding {
            Finding(
                rule: rule, category: .excuse, severity: .error, message: found.message, range: found.range,
                excerpt: found.excerpt, suggestion: nil)
        }
        let events = [
            event(1, SessionEvent(.confirm, step: "a", text: "read the thread")),
            event(2, SessionEvent(.skip, step: "a", text: "called them", reason: "no number")),
            event(3, SessionEvent(.skip, step: "a", text: "wrote")),
            event(4, SessionEvent(.send, step: "b", findings: [error("RB207"), error("RB100"), error("RB207")])),
            event(5, SessionEvent(.send, step: "c", findings: [])),
            event(6, SessionEvent(.followUp, step: "c", text: "call")),
            event(7, SessionEvent(.done, step: "c", outcome: .resolved)),
        ]
        #expect(
            Scorecard(events: events, playbook: nil).items.map(\.description) == [
                "ticked \"read the thread\"", "skipped \"called them\" (no number)", "skipped \"wrote\" (no reason)",
                "reply in 'b' sent with RB100, RB207 not overridden", "reply in 'b' keeps the apology limit",
                "reply in 'c' sent without unexcused errors", "reply in 'c' keeps the apology limit",
                "reached an outcome (resolved)", "scheduled a follow-up",
            ])
        #expect(Scorecard(events: [], playbook: nil).items.map(\.description) == ["reached an outcome"])
    }
}

@Suite("scorecard weights")
struct ScorecardWeightTests {
    @Test("score lines weigh item kinds; a weight of 0 leaves a kind out")
    func weights() throws {
        let (playbook, diagnostics) = Playbook.check(
            demoHeader + "score checklist 3\nscore outcome 0\nstep a \"A\"\n  confirm \"C\"\n  done resolved\n")
        #expect(diagnostics.isEmpty)
        #expect(playbook.scoreWeights[.checklist]?.value == 3)
        let events = [
            TranscriptEvent(seq: 1, time: "t", event: SessionEvent(.skip, step: "a", text: "C", reason: "r")),
            TranscriptEvent(seq: 2, time: "t", event: SessionEvent(.done, step: "a", outcome: .resolved)),
        ]
        #expect(Scorecard(events: events, playbook: playbook).score == 0)
        #expect(Scorecard(events: events, playbook: nil).score == 50)
    }

    @Test("score lines are checked: unknown kinds, repeats, bad weights, after the first step")
    func diagnostics() {
        let codes = Playbook.check(
            demoHeader
                + "score checklst 2\nscore errors 2\nscore errors 3\nscore outcome -1\nstep a \"A\"\n  done resolved\nscore apologies 1\n"
        ).diagnostics.map(\.code)
        #expect(codes == [.expectedArgument, .duplicateHeader, .invalidNumber, .misplacedLine])
    }
}

@Suite("session summaries")
struct SessionSummaryTests {
    @Test("transcript times parse exactly, with fractions and offsets")
    func times() throws {
        let formatter = ISO8601DateFormatter()
        for text in [
            "2026-11-23T10:15:00Z", "1999-12-31T23:59:59+01:00", "2024-02-29T00:00:00-05:30", "1970-01-01T00:00:00Z",
        ] {
            #expect(Timestamp.parse(text) == formatter.date(from: text), "\(text)")
        }
        let fractional = try #require(Timestamp.parse("2026-11-23T10:15:00.250Z"))
        #expect(fractional.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) == 0.25)
        #expect(Timestamp.parse("2026-13-01T00:00:00Z") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }
}

@Suite("calibration arithmetic")
struct CalibrationArithmeticTests {
    @Test("Cohen's kappa: full agreement 1, chance-level agreement 0, none when chance explains all")
    func kappa() {
        #expect(Calibration.kappa(both: 5, neither: 5, firstOnly: 0, secondOnly: 0) == 1)
        // Each coach passes half, independently: half agree by chance, and half do.
        #expect(Calibration.kappa(both: 1, neither: 1, firstOnly: 1, secondOnly: 1) == 0)
        #expect(Calibration.kappa(both: 8, neither: 0, firstOnly: 0, secondOnly: 0) == nil)
        #expect(Calibration.kappa(both: 0, neither: 0, firstOnly: 0, secondOnly: 0) == nil)
        let value = Calibration.kappa(both: 4, neither: 1, firstOnly: 1, secondOnly: 2) ?? 0
        #expect(abs(value - 1.0 / 7.0) < 1e-9)
    }
}
