import Foundation
import GRDB
import ReboundChecker
import ReboundLanguage
import ReboundReview
import ReboundTestSupport
import ReboundText
import ReboundTranscript
import Synchronization
import Testing

@testable import ReboundLedger

/// A finished session's record, as a transcript would give it.
func recovery(
    _ session: String, customer: String? = "jane@example.com", finished: String = "2026-11-20T10:00:00Z",
    outcome: Outcome = .resolved, amount: String? = "$100", cause: String? = "courier", agent: String = "pat",
    playbook: String = "late-delivery", followUps: [(String, Int)] = [("Check the parcel", 48)],
    redCarpet: Int? = nil
) -> RecoveryRecord {
    var events: [TranscriptEvent] = []
    func add(_ event: SessionEvent) {
        events.append(TranscriptEvent(seq: events.count + 1, time: finished, event: event))
    }
    add(SessionEvent(.step, step: "own", text: "Own"))
    if let customer { add(SessionEvent(.answer, step: "own", item: "email", text: customer, role: .customer)) }
    if let amount { add(SessionEvent(.answer, step: "own", item: "value", text: amount, role: .amount)) }
    if let cause { add(SessionEvent(.cause, step: "own", text: cause)) }
    for (text, hours) in followUps { add(SessionEvent(.followUp, step: "own", text: text, hours: hours)) }
    if let redCarpet { add(SessionEvent(.redCarpet, step: "own", text: "Free express", contacts: redCarpet)) }
    add(SessionEvent(.done, step: "own", outcome: outcome))
    let header = TranscriptHeader(
        session: session, agent: agent, playbook: .init(id: playbook, version: 1, sha256: ""), tool: "test",
        started: finished, timeZone: "UTC")
    return RecoveryRecord(header: header, events: events)!
}

func time(_ text: String) -> Date { Timestamp.parse(text)! }

@Suite("ledger storage")
struct LedgerStorageTests {
    @Test("a new file gets the whole schema, in WAL mode with foreign keys on")
    func create() throws {
        let directory = try LedgerDirectory()
        let ledger = try directory.open()
        #expect(try ledger.schemaVersion() == "v3")
        let (mode, foreignKeys) = try ledger.database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        #expect(try ledger.rowCounts().allSatisfy { $0.rows == 0 })
        // An empty file (say, made by `touch`) is an empty database and gets the schema too.
        let empty = directory.path + "/empty.sqlite"
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(try Ledger(path: empty).schemaVersion() == "v3")
    }

    @Test("many openers of a new file at once: one creates it, none fails")
    func concurrentCreation() throws {
        for _ in 0..<5 {
            let directory = try LedgerDirectory()
            let path = directory.ledgerPath
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 16) { _ in
                do {
                    _ = try Ledger(path: path).followUps(FollowUpFilter(scope: .all))
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
        }
    }

    @Test("a ledger at the previous schema version is migrated with its rows kept")
    func migrateFromV1() throws {
        let directory = try LedgerDirectory()
        let old = try DatabaseQueue(path: directory.ledgerPath)
        try Ledger.migrator.migrate(old, upTo: "v1")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO customer (key, label, firstSeen, lastSeen) VALUES ('jane@example.com', 'Jane', 'a', 'b');
                    INSERT INTO recovery (session, customerId, playbook, agent, started, finished, outcome)
                        VALUES ('s1', 1, 'late-delivery', 'pat', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', 'resolved');
                    INSERT INTO followUp (session, ordinal, customerId, agent, playbook, step, text, due)
                        VALUES ('s1', 1, 1, 'pat', 'late-delivery', 'close', 'Call Jane', '2026-11-03T10:00:00Z');
                    """)
        }
        try old.close()
        let ledger = try directory.open()
        #expect(try ledger.schemaVersion() == "v3")
        let items = try ledger.followUps(FollowUpFilter(scope: .all))
        #expect(items.map(\.text) == ["Call Jane"])
        #expect(items.first?.snoozes == 0)
        #expect(items.first?.customer == "Jane")
        // v2's table works on the migrated file.
        try ledger.record(recovery("s2", redCarpet: 2))
        #expect(try ledger.rowCounts().first { $0.table == .redCarpets }?.rows == 1)
    }

    @Test("a file from a newer rebound, a file that is not a database, and bad places are refused in one line")
    func refusals() throws {
        let directory = try LedgerDirectory()
        let newer = try DatabaseQueue(path: directory.path + "/newer.sqlite")
        try newer.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1'), ('v2'), ('v9')")
        }
        try newer.close()
        #expect(
            throws: LedgerError(
                "\(directory.path)/newer.sqlite was written by a newer version of rebound; upgrade rebound to use it")
        ) {
            try Ledger(path: directory.path + "/newer.sqlite")
        }
        try Data("hello, not a database".utf8).write(to: URL(fileURLWithPath: directory.path + "/text.sqlite"))
        #expect(throws: LedgerError("\(directory.path)/text.sqlite is not a Rebound ledger (not an SQLite database)")) {
            try Ledger(path: directory.path + "/text.sqlite")
        }
        let missing = directory.path + "/no/such/ledger.sqlite"
        #expect(
            throws: LedgerError(
                "cannot open the ledger \(missing): the directory \(directory.path)/no/such does not exist")
        ) {
            try Ledger(path: missing)
        }
        #expect(throws: LedgerError("cannot open the ledger \(directory.path): it is a directory")) {
            try Ledger(path: directory.path)
        }
        let created = try Ledger(path: missing, createDirectory: true)
        #expect(FileManager.default.fileExists(atPath: created.path))
    }

    @Test("read-only places are refused before SQLite gets a vaguer error", .enabled(if: getuid() != 0))
    func readOnly() throws {
        let directory = try LedgerDirectory()
        _ = try directory.open()
        chmod(directory.ledgerPath, 0o444)
        #expect(throws: LedgerError("cannot open the ledger \(directory.ledgerPath): the file is read-only")) {
            try directory.open()
        }
        let locked = try LedgerDirectory()
        chmod(locked.path, 0o500)
        #expect(
            throws: LedgerError(
                "cannot open the ledger \(locked.ledgerPath): the directory \(locked.path) is read-only")
        ) {
            try locked.open()
        }
    }

    @Test("a write blocked by another connection's lock waits, then fails with a clear message and changes nothing")
    func locked() throws {
        let directory = try LedgerDirectory()
        let ledger = try Ledger(path: directory.ledgerPath, busyTimeout: 0.3)
        let other = try DatabaseQueue(path: directory.ledgerPath)
        let started = Date()
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            #expect(
                throws: LedgerError(
                    "the ledger \(directory.ledgerPath) is locked by another process; try again in a moment")
            ) {
                try ledger.record(recovery("s1"))
            }
            try db.execute(sql: "ROLLBACK")
        }
        #expect(Date().timeIntervalSince(started) >= 0.3, "it waited for the busy timeout")
        try ledger.record(recovery("s1"))
        #expect(try ledger.hasRecovery(session: "s1"))
    }
}

@Suite("ledger follow-ups")
struct LedgerFollowUpTests {
    @Test(
        "follow-ups are due from the session's end; due, open and all list the right ones, oldest first",
        arguments: StoreKind.available)
    func listing(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        let first = try ledger.record(recovery("s1", followUps: [("Call in two days", 48), ("Call in a week", 168)]))
        #expect(first.followUps.map(\.due) == ["2026-11-22T10:00:00Z", "2026-11-27T10:00:00Z"])
        try ledger.record(recovery("s2", agent: "sam", followUps: [("Sam's call", 24)]))
        let dueBy23 = try ledger.followUps(FollowUpFilter(scope: .due(before: "2026-11-23T00:00:00Z")))
        #expect(dueBy23.map(\.text) == ["Sam's call", "Call in two days"])
        #expect(try ledger.dueCount(before: "2026-11-23T00:00:00Z", agent: "pat") == 1)
        #expect(try ledger.followUps(FollowUpFilter(scope: .open, agent: "pat")).count == 2)
        // A colleague closes pat's follow-up: who did it is kept.
        try ledger.complete(first.followUps[0].id, note: "Parcel arrived", by: "kim", at: time("2026-11-22T11:00:00Z"))
        #expect(try ledger.followUps(FollowUpFilter(scope: .open)).map(\.text) == ["Sam's call", "Call in a week"])
        let all = try ledger.followUps(FollowUpFilter(scope: .all, agent: "pat"))
        #expect(all.first?.status == .done && all.first?.note == "Parcel arrived")
        #expect(all.first?.completed == "2026-11-22T11:00:00Z")
        #expect(all.first?.completedBy == "kim" && all.first?.agent == "pat")
        #expect(all.last?.completedBy == nil)
        // It travels in the CSV export, and an export made before the column existed imports.
        let export = try ledger.export(.followUps)
        #expect(export.hasPrefix(LedgerTable.followUps.csvHeader))
        #expect(export.contains(",kim\r\n"))
    }

    @Test("recording a session again adds nothing and keeps done follow-ups done", arguments: StoreKind.available)
    func idempotent(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        let record = recovery("s1", redCarpet: 3)
        let first = try ledger.record(record)
        try ledger.complete(first.followUps[0].id, note: "done", by: "pat", at: time("2026-11-21T10:00:00Z"))
        try ledger.record(record)
        let counts = Dictionary(uniqueKeysWithValues: try ledger.rowCounts().map { ($0.table, $0.rows) })
        #expect(counts == [.customers: 1, .contacts: 1, .recoveries: 1, .followUps: 1, .redCarpets: 1])
        #expect(try ledger.followUps(FollowUpFilter(scope: .all)).first?.status == .done)
    }

    @Test(
        "snoozing moves the due time from the due time, or from now when overdue; unknown and done ones are refused",
        arguments: StoreKind.available)
    func snooze(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        let id = try ledger.record(recovery("s1")).followUps[0].id  // due 2026-11-22T10:00Z
        let early = try ledger.snooze(id, days: 2, at: time("2026-11-21T08:00:00Z"))
        #expect(early.due == "2026-11-24T10:00:00Z" && early.snoozes == 1)
        let late = try ledger.snooze(id, days: 1, at: time("2026-11-30T09:30:00Z"))
        #expect(late.due == "2026-12-01T09:30:00Z" && late.snoozes == 2)
        try ledger.complete(id, note: "ok", by: "pat", at: time("2026-12-01T10:00:00Z"))
        #expect(throws: LedgerError("follow-up #\(id) is already done (2026-12-01T10:00:00Z)")) {
            try ledger.snooze(id, days: 1, at: Date())
        }
        let unknown = #expect(throws: LedgerError.self) { try ledger.complete(999, note: "x", by: "pat", at: Date()) }
        #expect(unknown?.description == "no follow-up #999" && unknown?.isUnknownFollowUp == true)
    }
}

@Suite("ledger red carpets")
struct LedgerRedCarpetTests {
    @Test(
        "a red carpet covers the customer's next N contacts, counts each session once, then expires",
        arguments: StoreKind.available)
    func contacts(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        // The session that promised it identified the customer first; its own contact does not count.
        #expect(
            try ledger.contact(
                customer: "Jane@Example.com", session: "s1", playbook: "late-delivery", agent: "pat",
                at: time("2026-11-20T09:50:00Z"))?.redCarpets == [])
        try ledger.record(recovery("s1", customer: "Jane@Example.com", amount: "€80", redCarpet: 2))
        func contact(_ session: String, _ at: String, as answer: String = "jane@example.com") throws -> [Int] {
            try ledger.contact(customer: answer, session: session, playbook: "win-back", agent: "sam", at: time(at))?
                .redCarpets.map(\.contact) ?? []
        }
        #expect(try contact("s2", "2026-11-25T10:00:00Z", as: " JANE@example.com") == [1])
        #expect(try contact("s2", "2026-11-25T10:05:00Z") == [1], "the same session again is the same contact")
        #expect(try contact("s3", "2026-11-26T10:00:00Z") == [2])
        #expect(try contact("s4", "2026-11-27T10:00:00Z") == [], "two contacts used: the red carpet has expired")
        #expect(try contact("s2", "2026-11-28T10:00:00Z") == [1], "a resumed session keeps its place")
        let history = try #require(
            try ledger.contact(
                customer: "jane@example.com", session: "s3", playbook: "win-back", agent: "sam",
                at: time("2026-11-26T10:00:00Z")))
        #expect(history.earlierContacts == 3)
        let notice = try #require(history.redCarpets.first)
        #expect(
            notice
                == RedCarpetNotice(
                    gesture: "Free express", contact: 2, contacts: 2, session: "s1", playbook: "late-delivery",
                    cause: "courier", amount: MoneyAmount(minorUnits: 8_000, currency: "EUR"),
                    created: "2026-11-20T10:00:00Z"))
        #expect(try contact("s9", "2026-11-29T10:00:00Z", as: "someone@else.com") == [])
    }

    @Test("a red carpet promised without a customer is reported, not stored", arguments: StoreKind.available)
    func withoutCustomer(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        let stored = try ledger.record(recovery("s1", customer: nil, redCarpet: 2))
        #expect(stored.redCarpets.isEmpty && stored.redCarpetsWithoutCustomer == 1)
        #expect(stored.followUps.count == 1, "follow-ups do not need a customer")
    }
}

@Suite("ledger revenue report")
struct LedgerRevenueTests {
    @Test(
        "money at risk, recovered and lost, by playbook, cause and outcome, per currency; causes that recur",
        arguments: StoreKind.available)
    func report(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        try ledger.record(recovery("s1", customer: "a@x.com", outcome: .resolved, amount: "$100", cause: "courier"))
        try ledger.record(recovery("s2", customer: "b@x.com", outcome: .lost, amount: "$1,000.50", cause: "courier"))
        try ledger.record(
            recovery("s3", customer: "a@x.com", outcome: .resolved, amount: "€20", cause: "stock", playbook: "win-back")
        )
        try ledger.record(recovery("s4", customer: nil, outcome: .pending, amount: nil, cause: nil))
        try ledger.record(
            recovery(
                "s5", customer: "c@x.com", finished: "2026-12-05T10:00:00Z", outcome: .escalated, amount: "5",
                cause: "courier", agent: "sam"))
        let report = try ledger.revenueReport()
        #expect(report.overall.sessions == 5 && report.overall.withAmount == 4)
        #expect(report.overall.atRisk == ["USD": 110_050, "EUR": 2_000, "": 500])
        #expect(report.overall.recovered == ["USD": 10_000, "EUR": 2_000])
        #expect(report.overall.lost == ["USD": 100_050])
        #expect(report.byPlaybook["win-back"]?.atRisk == ["EUR": 2_000])
        #expect(report.byCause["courier"]?.sessions == 3)
        #expect(report.byCause[""]?.sessions == 1)
        #expect(report.byOutcome[.pending]?.withAmount == 0)
        #expect(report.recurring.map(\.cause) == ["courier"])
        let courier = try #require(report.recurring.first)
        #expect(courier.sessions == 3 && courier.customers == 3 && courier.playbooks == ["late-delivery"])
        #expect(courier.first == "2026-11-20T10:00:00Z" && courier.last == "2026-12-05T10:00:00Z")
        #expect(report.repeatCustomers == ["a@x.com"])

        let november = try ledger.revenueReport(RevenueFilter(until: "2026-12-01T00:00:00Z"))
        #expect(november.overall.sessions == 4)
        let sam = try ledger.revenueReport(RevenueFilter(agent: "sam"))
        #expect(sam.overall.atRisk == ["": 500] && sam.recurring.isEmpty)
    }
}

@Suite("ledger revenue counted once")
struct LedgerRevenueEpisodeTests {
    @Test(
        "one customer and cause won back over two sessions is one recovery: the latest amount and outcome count, once",
        arguments: StoreKind.available)
    func episodes(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        // The same customer and cause twice within 90 days: the second session's money stands.
        try ledger.record(
            recovery(
                "w1", customer: "acme", finished: "2026-11-01T10:00:00Z", outcome: .pending, amount: "$12,500",
                cause: "delivery", playbook: "win-back"))
        try ledger.record(
            recovery(
                "w2", customer: "acme", finished: "2026-11-20T10:00:00Z", outcome: .resolved, amount: "$12,500",
                cause: "delivery", playbook: "win-back"))
        // The same customer, another cause: a failure of its own.
        try ledger.record(
            recovery(
                "w3", customer: "acme", finished: "2026-11-21T10:00:00Z", outcome: .lost, amount: "$300",
                cause: "billing"))
        // The same customer and cause again, long after: a new failure.
        try ledger.record(
            recovery(
                "w4", customer: "acme", finished: "2027-06-01T10:00:00Z", outcome: .resolved, amount: "$12,000",
                cause: "delivery", playbook: "win-back"))
        // Two sessions without a customer are never merged.
        try ledger.record(recovery("w5", customer: nil, outcome: .lost, amount: "$50", cause: "delivery"))
        try ledger.record(recovery("w6", customer: nil, outcome: .lost, amount: "$50", cause: "delivery"))
        let report = try ledger.revenueReport()
        #expect(report.overall.sessions == 6 && report.overall.withAmount == 6)
        #expect(report.amountsCountedLater == 1)
        #expect(report.overall.atRisk == ["USD": 1_250_000 + 30_000 + 1_200_000 + 10_000])
        #expect(report.overall.recovered == ["USD": 1_250_000 + 1_200_000])
        #expect(report.overall.lost == ["USD": 30_000 + 10_000])
        #expect(report.byOutcome[.pending]?.sessions == 1 && report.byOutcome[.pending]?.atRisk == [:])
        #expect(report.byPlaybook["win-back"]?.atRisk == ["USD": 2_450_000])
        #expect(report.byCause["delivery"]?.sessionsByCurrency == ["USD": 5])
        #expect(report.repeatCustomers == ["acme"])
    }
}

/// First-contact resolution from the ledger's contacts, on every kind of store.
@Suite("first-contact resolution")
struct FirstContactTests {
    @Test(
        "a resolved session counts when its customer does not come back within the window; shared causes are named",
        arguments: StoreKind.available)
    func firstContact(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        func session(
            _ id: String, _ customer: String?, at start: String, finished: String, outcome: Outcome = .resolved,
            cause: String? = "courier", agent: String = "pat"
        ) throws {
            if let customer {
                _ = try ledger.contact(
                    customer: customer, session: id, playbook: "late-delivery", agent: agent, at: time(start))
            }
            try ledger.record(
                recovery(id, customer: customer, finished: finished, outcome: outcome, cause: cause, agent: agent))
        }
        try session("s1", "jane@example.com", at: "2026-11-01T09:00:00Z", finished: "2026-11-01T10:00:00Z")
        // Jane is back four days later: s1 did not resolve it at the first contact.
        try session("s2", "jane@example.com", at: "2026-11-05T09:00:00Z", finished: "2026-11-05T10:00:00Z")
        try session("s3", "bob@example.com", at: "2026-11-02T09:00:00Z", finished: "2026-11-02T10:00:00Z")
        try session(
            "s4", "carl@example.com", at: "2026-11-03T09:00:00Z", finished: "2026-11-03T10:00:00Z", cause: "billing",
            agent: "lee")
        // Carl's next contact is 17 days later, in a session still open.
        _ = try ledger.contact(
            customer: "carl@example.com", session: "s7", playbook: "win-back", agent: "lee",
            at: time("2026-11-20T09:00:00Z"))
        try session("s5", nil, at: "2026-11-04T09:00:00Z", finished: "2026-11-04T10:00:00Z")
        try session(
            "s6", "dora@example.com", at: "2026-11-04T09:00:00Z", finished: "2026-11-04T10:00:00Z",
            outcome: .escalated)

        let week = try ledger.firstContactReport(RevenueFilter(), days: 7)
        #expect(week.overall.resolved == 4 && week.overall.cameBack == 1 && week.overall.unidentified == 1)
        #expect(week.overall.percent == 75)
        #expect(week.byAgent["pat"]?.resolved == 3 && week.byAgent["pat"]?.cameBack == 1)
        #expect(week.byAgent["lee"]?.percent == 100)
        #expect(week.returns.map(\.session) == ["s1"])
        #expect(week.returns.first?.customer == "jane@example.com")
        #expect(week.sharedCauses.map(\.cause) == ["courier"])
        #expect(
            week.sharedCauses.first?.customers == 3 && week.sharedCauses.first?.sessions == 4, "jane twice, bob, dora")
        let month = try ledger.firstContactReport(RevenueFilter(), days: 30)
        #expect(month.overall.cameBack == 2 && month.byAgent["lee"]?.percent == 0)
        let lee = try ledger.firstContactReport(RevenueFilter(agent: "lee"), days: 7)
        #expect(lee.overall.resolved == 1 && lee.byAgent.keys.sorted() == ["lee"])
    }
}

@Suite("ledger CSV import")
struct LedgerImportTests {
    static let header = "session,customer,playbook,agent,started,finished,outcome,amount,currency,cause\r\n"

    @Test(
        "an amount typed with its currency fills an empty currency column; a different one is refused",
        arguments: StoreKind.available)
    func currency(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        let good = Self.header + "s1,,p,pat,2026-11-20T10:00:00+01:00,2026-11-20T10:05:00Z,lost,\"€1.250,00\",,\r\n"
        let summary = try ledger.importTables([csv(.recoveries, "good.csv", good)])
        #expect(summary.added == [.recoveries: 1])
        let exported = try ledger.export(.recoveries)
        #expect(exported.contains("s1,,p,pat,2026-11-20T09:00:00Z,2026-11-20T10:05:00Z,lost,1250.00,EUR,\r\n"))
        let bad = Self.header + "s2,,p,pat,2026-11-20T10:00:00Z,2026-11-20T10:05:00Z,lost,$5,EUR,\r\n"
        #expect {
            try ledger.importTables([csv(.recoveries, "bad.csv", bad)])
        } throws: { error in
            (error as? ImportFailure)?.problems
                == [
                    ImportProblem(
                        file: "bad.csv", line: 2, message: "column 'currency': 'EUR' does not match the amount's USD")
                ]
        }
    }

    @Test(
        "a follow-ups file exported before 'completed_by' existed imports; with the column it round-trips",
        arguments: StoreKind.available)
    func followUpsWithoutCloser(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        let recoveries = Self.header + "s1,,p,pat,2026-11-20T10:00:00Z,2026-11-20T10:05:00Z,resolved,,,\r\n"
        let old =
            "id,session,ordinal,customer,agent,playbook,step,text,due,status,completed,note,snoozes\r\n"
            + "1,s1,1,,pat,p,own,Call back,2026-11-22T10:00:00Z,done,2026-11-21T10:00:00Z,Called,0\r\n"
        let summary = try ledger.importTables([
            csv(.recoveries, "recoveries.csv", recoveries), csv(.followUps, "follow-ups.csv", old),
        ])
        #expect(summary.added[.followUps] == 1)
        let item = try #require(try ledger.followUps(FollowUpFilter(scope: .all)).first)
        #expect(item.status == .done && item.completedBy == nil)
        let missingOther = "id,session,ordinal,customer,agent,playbook,step,text,due,status,completed,note\r\n"
        #expect(throws: ImportFailure.self) { try ledger.importTables([csv(.followUps, "f.csv", missingOther)]) }
    }

    @Test(
        "cells that would run as spreadsheet formulas are exported with a quote, and import restores them",
        arguments: StoreKind.available)
    func formulaCells(_ kind: StoreKind) throws {
        let rows =
            Self.header
            + "s1,,p,=HYPERLINK(\"\"http://evil\"\"),2026-11-20T09:00:00Z,2026-11-20T10:05:00Z,lost,12.50,EUR,-2+3+cmd|' /C calc'!A0\r\n"
        let firstFixture = try StoreFixture(kind)
        let first = firstFixture.store
        _ = try first.importTables([csv(.recoveries, "r.csv", rows)])
        let exported = try first.export(.recoveries)
        #expect(exported.contains(",\"'=HYPERLINK("))
        #expect(exported.contains(",12.50,EUR,'-2+3+cmd|' /C calc'!A0\r\n"))
        let secondFixture = try StoreFixture(kind)
        let second = secondFixture.store
        _ = try second.importTables([csv(.recoveries, "r.csv", exported)])
        #expect(try second.export(.recoveries) == exported)
    }

    @Test(
        "escapes, huge fields and path-like session ids are refused on their line; nothing is imported",
        arguments: StoreKind.available)
    func hostileRows(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        let huge = String(repeating: "x", count: 20_000_000)
        let rows =
            Self.header
            + "s1,,p,al\u{1B}]0;x\u{07},2026-11-20T09:00:00Z,2026-11-20T10:05:00Z,lost,,,\r\n"
            + "../outside/victim,,p,pat,2026-11-20T09:00:00Z,2026-11-20T10:05:00Z,lost,,,\r\n"
            + "s3,,p,pat,2026-11-20T09:00:00Z,2026-11-20T10:05:00Z,lost,,,\(huge)\r\n"
            + "s4,,p,pat,2026-11-20T09:00:00Z,2026-11-20T10:05:00Z,lost,,,\"two\nlines\"\r\n"
        #expect {
            try ledger.importTables([csv(.recoveries, "r.csv", rows)])
        } throws: { error in
            (error as? ImportFailure)?.problems.map(\.message)
                == [
                    "column 'agent': it holds the control character U+001B",
                    "column 'session': '../outside/victim' is not a session id (letters, digits, - and _, such as 20261123-101500-a1b2c3)",
                    "column 'cause': it holds 20000000 bytes; a field holds at most 10000",
                ]
        }
    }

    @Test(
        "imported customer keys are normalised as the chat's are, so the chat finds them",
        arguments: StoreKind.available)
    func keys(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        let customers =
            "key,label,first_seen,last_seen\r\n Jane@Example.COM ,Jane,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z\r\n"
        let contacts = "customer,session,playbook,agent,at\r\nJANE@example.com,s0,p,pat,2026-01-01T00:00:00Z\r\n"
        _ = try ledger.importTables([
            csv(.customers, "c.csv", customers), csv(.contacts, "t.csv", contacts),
        ])
        let history = try ledger.contact(
            customer: "jane@example.com", session: "s1", playbook: "p", agent: "pat", at: time("2026-02-01T00:00:00Z"))
        #expect(history?.earlierContacts == 1)
    }

    @Test("a wrong header, an empty file and a broken quote are reported on their line", arguments: StoreKind.available)
    func malformedFiles(_ kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let ledger = fixture.store
        let cases: [(String, ImportProblem)] = [
            (
                "key,name\r\n",
                ImportProblem(
                    file: "f.csv", line: 1, message: "the header must be key,label,first_seen,last_seen for customers")
            ),
            (
                "",
                ImportProblem(
                    file: "f.csv", line: 1, message: "empty file; expected a header: key,label,first_seen,last_seen")
            ),
            (
                "key,label,first_seen,last_seen\r\n\"jo,Jo,x,y\r\n",
                ImportProblem(file: "f.csv", line: 2, message: "a quoted field is never closed")
            ),
        ]
        for (text, problem) in cases {
            #expect {
                try ledger.importTables([csv(.customers, "f.csv", text)])
            } throws: { error in
                (error as? ImportFailure)?.problems == [problem]
            }
        }
        #expect(try ledger.rowCounts().allSatisfy { $0.rows == 0 })
    }
}

@Suite("ledger stores")
struct LedgerStoreAvailabilityTests {
    @Test("CI runs every store test against a real PostgreSQL server, not only SQLite")
    func postgresWhenRequired() {
        if ProcessInfo.processInfo.environment["REBOUND_REQUIRE_POSTGRES"] != nil {
            #expect(StoreKind.available.contains(.postgresql), "REBOUND_TEST_POSTGRES names no server")
        }
    }
}
