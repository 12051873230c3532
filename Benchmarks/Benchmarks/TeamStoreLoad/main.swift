// Load on a ledger and transcript store from many agents at once, as `scripts/bench-team.sh`
// runs it: each worker holds its own store (its own connection, as each agent's chat
// process does) and times the operations an agent's chat makes.
//
//   TeamStoreLoad LEDGER [--transcripts URL] [--workers 50] [--operations 200] [--customers 100000]
import Foundation
import ReboundLedger
import ReboundPostgres
import Synchronization

struct Options {
    var ledger = ""
    var transcripts: String?
    var workers = 50
    var operations = 200
    var customers = 100_000

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            switch argument {
            case "--transcripts": transcripts = rest.popFirst()
            case "--workers": workers = Int(rest.popFirst() ?? "") ?? workers
            case "--operations": operations = Int(rest.popFirst() ?? "") ?? operations
            case "--customers": customers = Int(rest.popFirst() ?? "") ?? customers
            default: ledger = argument
            }
        }
    }
}

func milliseconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}

func summary(_ name: String, _ samples: [Double]) -> String {
    let sorted = samples.sorted()
    func at(_ fraction: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }
    return String(
        format: "%-28@ n=%6d  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %7.2f ms", name as NSString, sorted.count,
        at(0.5), at(0.95), at(0.99), sorted.last ?? 0)
}

let options = Options(CommandLine.arguments)
let identify = Mutex<[Double]>([])
let due = Mutex<[Double]>([])
let commit = Mutex<[Double]>([])
let failures = Mutex<[String]>([])
let started = DispatchTime.now()
DispatchQueue.concurrentPerform(iterations: options.workers) { worker in
    do {
        let store = try openLedger(options.ledger, busyTimeout: 30, environment: ProcessInfo.processInfo.environment)
        let transcripts = try options.transcripts.map {
            try PostgresTranscripts(url: $0, environment: ProcessInfo.processInfo.environment)
        }
        var generator = SystemRandomNumberGenerator()
        for operation in 0..<options.operations {
            let session = "bench-\(worker)-\(operation)-\(UInt32.random(in: 0...UInt32.max, using: &generator))"
            // Follow-ups due at the chat's start: the count and the first three.
            var start = DispatchTime.now()
            _ = try store.dueCount(before: "2026-12-01T00:00:00Z", agent: "agent\(worker % 500)")
            _ = try store.followUps(
                FollowUpFilter(scope: .due(before: "2026-12-01T00:00:00Z"), agent: "agent\(worker % 500)"), limit: 3)
            due.withLock { $0.append(milliseconds(since: start)) }
            // Identifying a customer: a contact counted, history and red carpets read.
            let customer = "cust\(Int.random(in: 1...options.customers, using: &generator))@example.com"
            start = DispatchTime.now()
            _ = try store.contact(customer: customer, session: session, playbook: "win-back", agent: "a", at: Date())
            identify.withLock { $0.append(milliseconds(since: start)) }
            // One transcript event stored (the header first, once per session).
            if let transcripts {
                let header = Array(
                    #"{"format":"rebound-transcript","version":1,"session":"\#(session)","agent":"a","playbook":{"id":"win-back","version":1,"sha256":""},"tool":"bench","started":"2026-11-29T10:00:00Z","timeZone":"UTC"}"#
                        .utf8)
                try transcripts.deliver(session: session, header: header, events: [])
                let line = Array(
                    #"{"seq":1,"time":"2026-11-29T10:00:01Z","kind":"step","step":"own","text":"Own the failure"}"#
                        .utf8)
                start = DispatchTime.now()
                try transcripts.deliver(session: session, header: nil, events: [(1, line)])
                commit.withLock { $0.append(milliseconds(since: start)) }
            }
        }
    } catch {
        failures.withLock { $0.append("worker \(worker): \(error)") }
    }
}
let seconds = milliseconds(since: started) / 1000
print(
    "\(options.workers) workers × \(options.operations) operations on \(options.ledger.contains("://") ? "PostgreSQL" : "SQLite") in \(String(format: "%.1f", seconds)) s"
)
print(summary("identify a customer", identify.withLock { $0 }))
print(summary("follow-ups due at start", due.withLock { $0 }))
if options.transcripts != nil { print(summary("event commit", commit.withLock { $0 })) }
for failure in failures.withLock({ $0 }) { print("failed: \(failure)") }
