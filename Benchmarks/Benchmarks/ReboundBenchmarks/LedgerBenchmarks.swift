import Benchmark
import Foundation
import ReboundLedger

/// A ledger of 100,000 customers with 1,000,000 contacts, 100,000 recoveries and
/// follow-ups and 10,000 red carpets, built once through CSV import and kept in the
/// temporary directory between runs (building it is timed and printed).
let bigLedger: Ledger = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-bench-ledger-v3.sqlite").path
    if FileManager.default.fileExists(atPath: path) { return try! Ledger(path: path) }
    let customers = 100_000
    func customer(_ index: Int) -> String { "aa\(100_000 + index)" }
    var files: [(LedgerTable, String, [UInt8])] = []
    var text = "key,label,first_seen,last_seen\n"
    for index in 0..<customers {
        text += "\(customer(index)),Customer \(index),2026-01-01T00:00:00Z,2026-11-01T00:00:00Z\n"
    }
    files.append((.customers, "customers.csv", Array(text.utf8)))
    text = "customer,session,playbook,agent,at\n"
    for contact in 0..<(customers * 10) {
        let day = 1 + contact % 28
        text +=
            "\(customer(contact % customers)),h\(contact),late-delivery,a\(contact % 50),2026-10-\(day < 10 ? "0" : "")\(day)T10:00:00Z\n"
    }
    files.append((.contacts, "contacts.csv", Array(text.utf8)))
    text = "session,customer,playbook,agent,started,finished,outcome,amount,currency,cause\n"
    let outcomes = ["resolved", "resolved", "escalated", "pending", "lost"]
    for index in 0..<customers {
        text +=
            "r\(index),\(customer(index)),late-delivery,a\(index % 50),2026-10-20T10:00:00Z,2026-10-20T10:10:00Z,"
            + "\(outcomes[index % 5]),\(index % 997).50,USD,cause \(index % 40)\n"
    }
    files.append((.recoveries, "recoveries.csv", Array(text.utf8)))
    text = "id,session,ordinal,customer,agent,playbook,step,text,due,status,completed,note,snoozes\n"
    for index in 0..<customers {
        let open = index % 3 == 0
        text +=
            "\(index + 1),r\(index),1,\(customer(index)),a\(index % 50),late-delivery,close,Check order \(index),"
            + "2026-11-\(10 + index % 20)T10:00:00Z,\(open ? "open" : "done"),\(open ? "" : "2026-11-01T10:00:00Z"),,0\n"
    }
    files.append((.followUps, "follow-ups.csv", Array(text.utf8)))
    text = "session,ordinal,customer,gesture,contacts,created\n"
    for index in stride(from: 0, to: customers, by: 10) {
        text += "r\(index),1,\(customer(index)),Free express shipping,3,2026-10-29T00:00:00Z\n"
    }
    files.append((.redCarpets, "red-carpets.csv", Array(text.utf8)))
    let ledger = try! Ledger(path: path)
    let start = Date()
    let summary = try! ledger.importTables(files)
    let rows = summary.added.values.reduce(0, +)
    let seconds = Date().timeIntervalSince(start)
    print("built the benchmark ledger: \(rows) rows imported in \(String(format: "%.1f", seconds)) s")
    return ledger
}()

func ledgerBenchmarks() {
    // What the chat does when an answer identifies a customer: count the contact, find
    // red carpets that cover it. Every tenth customer has one.
    Benchmark(
        "ledger: identify a customer (100k customers, 1M contacts)",
        configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 5_000)
    ) { benchmark in
        let ledger = bigLedger
        var session = Int.random(in: 0..<1_000_000_000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            session += 1
            let history = try! ledger.contact(
                customer: "AA\(100_000 + session % 100_000)", session: "bench-\(session)", playbook: "win-back",
                agent: "bench", at: Date())
            blackHole(history)
        }
    }

    // What the chat does at start: the agent's follow-ups due today or overdue.
    Benchmark(
        "ledger: follow-ups due at chat start (100k follow-ups)",
        configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 5_000)
    ) { benchmark in
        let ledger = bigLedger
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let due = try! ledger.dueCount(before: "2026-11-23T00:00:00Z", agent: "a7")
            let first = try! ledger.followUps(
                FollowUpFilter(scope: .due(before: "2026-11-23T00:00:00Z"), agent: "a7"), limit: 3)
            blackHole((due, first))
        }
    }

    Benchmark(
        "ledger: open and check the schema",
        configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 2_000)
    ) { benchmark in
        let path = bigLedger.path
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try! Ledger(path: path))
        }
    }

    Benchmark(
        "ledger: revenue report over 100k recoveries",
        configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 50)
    ) { benchmark in
        let ledger = bigLedger
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try! ledger.revenueReport())
        }
    }
}
