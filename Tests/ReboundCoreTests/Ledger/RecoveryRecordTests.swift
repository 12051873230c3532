import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundReview
import ReboundSession
import ReboundText
import ReboundTranscript
import Testing

/// What a session leaves for the ledger: the engine's events, and the record read from them.
@Suite("recovery records")
struct RecoveryRecordTests {
    static let playbook: Playbook = {
        let (playbook, diagnostics) = Playbook.check(
            demoHeader + """
                step own "Own"
                  ask email "Email?" identifies customer
                  ask value "Order value?" amount
                  choose root "Root?"
                    option courier "Courier" -> courier
                    option stock "Stock" -> stock

                step courier "Courier"
                  cause "courier"
                  follow-up in 2 days "Chase the courier for {email}"
                  red-carpet 2 "Free express"
                  next close

                step stock "Stock"
                  cause "stock"
                  follow-up in 1 week "Check stock"
                  next close

                step close "Close"
                  follow-up in 3 hours "Call back"
                  confirm "Checked"
                  done resolved
                """)
        precondition(!diagnostics.hasErrors, "\(diagnostics)")
        return playbook
    }()

    func events(_ actions: [SessionAction]) -> [SessionEvent] {
        actions.compactMap { if case .record(let event) = $0 { event } else { nil } }
    }

    @Test("the identifying answer is announced at once; amounts are validated; roles are recorded")
    func engine() {
        var (session, _) = Session.start(Self.playbook, checker: SharedChecker(sharedChecker))
        let identified = session.handle(.answer("Jane@Example.com"))
        #expect(identified.contains(.identified(customer: "Jane@Example.com")))
        #expect(events(identified).first?.role == .customer)
        #expect(session.currentPrompt?.expectsAmount == true)
        let refused = session.handle(.answer("a lot"))
        #expect(
            refused.contains { if case .rejected(let text) = $0 { text.contains("is not an amount") } else { false } })
        #expect(events(refused).map(\.kind) == [.invalidAnswer])
        let accepted = session.handle(.answer("$1,250"))
        #expect(events(accepted).first?.role == .amount)
        #expect(session.values["value"] == "$1,250", "the answer is kept as typed for {value}")
        let courier = events(session.handle(.answer("courier")))
        #expect(courier.map(\.kind).contains(.redCarpet))
        let red = courier.first { $0.kind == .redCarpet }
        #expect(red?.contacts == 2 && red?.text == "Free express")
        #expect(courier.first { $0.kind == .cause }?.text == "courier")
        #expect(courier.first { $0.kind == .followUp }?.text == "Chase the courier for Jane@Example.com")
    }

    /// Runs inputs and timestamps every event a minute apart from 10:00 UTC.
    func transcript(_ inputs: [SessionInput]) -> (TranscriptHeader, [TranscriptEvent]) {
        var (session, actions) = Session.start(Self.playbook, checker: SharedChecker(sharedChecker))
        var recorded = events(actions)
        for input in inputs {
            actions = session.handle(input)
            recorded += events(actions)
        }
        let header = TranscriptHeader(
            session: "s1", agent: "pat", playbook: .init(id: "demo", version: 1, sha256: ""), tool: "test",
            started: "2026-11-20T10:00:00Z", timeZone: "UTC")
        let lines = recorded.enumerated().map { index, event in
            TranscriptEvent(
                seq: index + 1, time: "2026-11-20T10:\(index < 10 ? "0" : "")\(index):00Z", event: event)
        }
        return (header, lines)
    }

    @Test(
        "only the path finally taken counts: going back (past a step that asks nothing) drops what the abandoned steps promised"
    )
    func back() throws {
        let (header, lines) = transcript([
            .answer("Jane@Example.com"), .answer("nonsense"), .answer("$1,250"), .answer("courier"), .back,
            .answer("stock"), .answer("y"),
        ])
        let backs = lines.filter { $0.event.kind == .back }
        #expect(
            backs.map(\.event.item) == ["own"],
            "back from close returns to the choice, past courier, which asks nothing")
        let record = try #require(RecoveryRecord(header: header, events: lines))
        let done = try #require(lines.last)
        #expect(done.event.kind == .done)
        #expect(record.outcome == .resolved)
        #expect(record.customer == "Jane@Example.com" && record.customerKey?.value == "jane@example.com")
        #expect(record.amount == MoneyAmount(minorUnits: 125_000, currency: "USD"))
        #expect(record.cause == "stock")
        #expect(record.redCarpets.isEmpty, "the courier step was left with /back")
        let finished = try #require(Timestamp.parse(done.time))
        #expect(record.finished == Timestamp.utc(finished))
        #expect(
            record.followUps == [
                .init(step: "stock", text: "Check stock", due: Timestamp.utc(finished + 7 * 86_400)),
                .init(step: "close", text: "Call back", due: Timestamp.utc(finished + 3 * 3_600)),
            ])
    }

    @Test("the courier path keeps its red carpet and cause; an unfinished session gives no record")
    func courier() throws {
        let (header, lines) = transcript([
            .answer("jane@example.com"), .answer("99 EUR"), .answer("courier"), .answer("y"),
        ])
        let record = try #require(RecoveryRecord(header: header, events: lines))
        #expect(record.redCarpets == [.init(step: "courier", gesture: "Free express", contacts: 2)])
        #expect(record.cause == "courier")
        #expect(record.followUps.map(\.step) == ["courier", "close"])
        #expect(RecoveryRecord(header: header, events: Array(lines.dropLast())) == nil)
    }

    @Test("roles and red-carpet sizes survive the transcript, and Foundation reads the same fields")
    func transcriptRoundTrip() throws {
        let (header, lines) = transcript([.answer("jane@example.com"), .answer("99 EUR"), .answer("courier")])
        var bytes = TranscriptCoding.encode(.header(header)) + [10]
        for line in lines { bytes += TranscriptCoding.encode(.event(line)) + [10] }
        let decoded = TranscriptCoding.decode(bytes)
        #expect(decoded.problems.isEmpty)
        #expect(decoded.events == lines)
        // An independent reader sees standard JSON with the same flat fields.
        let viaFoundation = try lines.map {
            try #require(
                JSONSerialization.jsonObject(with: Data(TranscriptCoding.encode(.event($0)))) as? [String: Any])
        }
        #expect(viaFoundation.map { $0["seq"] as? Int } == lines.map(\.seq))
        #expect(viaFoundation.map { $0["role"] as? String } == lines.map { $0.event.role?.rawValue })
        #expect(viaFoundation.map { $0["contacts"] as? Int } == lines.map(\.event.contacts))
        #expect(lines.contains { $0.event.role == .amount } && lines.contains { $0.event.contacts == 2 })
    }
}
