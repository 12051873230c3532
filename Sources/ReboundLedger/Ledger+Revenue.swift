import Foundation
import GRDB
import ReboundLanguage
import ReboundText

/// Money at risk and what became of it, by playbook, cause and outcome, with the causes
/// that keep coming back.
///
/// Money is counted once per failure, not once per session: sessions with the same
/// customer and cause, each finished within `RevenueReport.episodeWindow` of the one
/// before, are one recovery, whose money at risk is the latest session's amount and
/// whose fate (recovered, lost) is the latest session's outcome. A customer worth 12,500 a
/// year who is won back in two sessions is 12,500 at risk, not 25,000.
public struct RevenueReport: Equatable, Sendable {
    /// Sums for one group, per currency (`""` when the answers named none).
    public struct Totals: Equatable, Sendable {
        public var sessions = 0
        /// Sessions that gave an amount.
        public var withAmount = 0
        /// Sessions by the currency of their amount; `""` for sessions without one. The
        /// values add up to `sessions`, so a spreadsheet can sum them.
        public var sessionsByCurrency: [String: Int] = [:]
        /// All money at risk.
        public var atRisk: [String: Int64] = [:]
        /// Money at risk in sessions resolved.
        public var recovered: [String: Int64] = [:]
        /// Money at risk in sessions lost.
        public var lost: [String: Int64] = [:]

        mutating func add(_ row: RevenueRow, countsMoney: Bool) {
            sessions += 1
            let currency = row.amountMinor == nil ? "" : row.currency ?? ""
            sessionsByCurrency[currency, default: 0] += 1
            guard let amount = row.amountMinor else { return }
            withAmount += 1
            guard countsMoney else { return }
            atRisk[currency, default: 0] += amount
            if row.outcome == .resolved { recovered[currency, default: 0] += amount }
            if row.outcome == .lost { lost[currency, default: 0] += amount }
        }
    }

    /// A root cause seen in more than one session.
    public struct RecurringCause: Equatable, Sendable {
        public var cause: String
        public var sessions: Int
        public var customers: Int
        public var playbooks: [String]
        public var first: String
        public var last: String
        public var atRisk: [String: Int64]
    }

    /// Sessions further apart than this (by when they finished) are separate failures of
    /// the same customer and cause, each with its own money.
    public static let episodeWindow: TimeInterval = 90 * 86_400

    public var overall = Totals()
    public var byPlaybook: [String: Totals] = [:]
    /// By cause; sessions that named none are under `""`.
    public var byCause: [String: Totals] = [:]
    public var byOutcome: [Outcome: Totals] = [:]
    /// Most frequent first.
    public var recurring: [RecurringCause] = []
    /// Customers with more than one failure in the period, as the agent last typed them.
    public var repeatCustomers: [String] = []
    /// Sessions with an amount whose money a later session of the same customer and cause
    /// counts instead.
    public var amountsCountedLater = 0

    public init() {}

    /// The report of these recoveries, oldest first or in any order.
    public init(_ rows: [RevenueRow]) {
        let ordered = rows.sorted { ($0.finished, $0.session) < ($1.finished, $1.session) }
        // For each customer and cause, the last session of the current episode and when
        // it finished: a session continuing an episode takes over its money.
        var episodes: [String: (index: Int, finished: Date)] = [:]
        var countsMoney = [Bool](repeating: true, count: ordered.count)
        for (index, row) in ordered.enumerated() where row.amountMinor != nil {
            guard let customer = row.customer else { continue }
            let key = "\(customer)\u{0}\(row.cause ?? "")"
            let finished = Timestamp.parse(row.finished) ?? .distantPast
            if let episode = episodes[key], finished.timeIntervalSince(episode.finished) <= Self.episodeWindow {
                countsMoney[episode.index] = false
                amountsCountedLater += 1
            }
            episodes[key] = (index, finished)
        }
        var causes:
            [String: (sessions: Int, customers: Set<Int64>, playbooks: Set<String>, first: String, last: String)] =
                [:]
        var failures: [Int64: (label: String, count: Int)] = [:]
        for (row, counts) in zip(ordered, countsMoney) {
            overall.add(row, countsMoney: counts)
            byPlaybook[row.playbook, default: Totals()].add(row, countsMoney: counts)
            byCause[row.cause ?? "", default: Totals()].add(row, countsMoney: counts)
            byOutcome[row.outcome, default: Totals()].add(row, countsMoney: counts)
            if let cause = row.cause {
                var entry = causes[cause] ?? (0, [], [], row.finished, row.finished)
                entry.sessions += 1
                if let customer = row.customer { entry.customers.insert(customer) }
                entry.playbooks.insert(row.playbook)
                entry.last = row.finished
                causes[cause] = entry
            }
            if let customer = row.customer {
                failures[customer, default: (row.customerLabel ?? "", 0)].count += 1
                failures[customer]?.label = row.customerLabel ?? ""
            }
        }
        recurring = causes.filter { $0.value.sessions > 1 }.map { cause, entry in
            RecurringCause(
                cause: cause, sessions: entry.sessions, customers: entry.customers.count,
                playbooks: entry.playbooks.sorted(), first: entry.first, last: entry.last,
                atRisk: byCause[cause]?.atRisk ?? [:])
        }.sorted { ($1.sessions, $0.cause) < ($0.sessions, $1.cause) }
        repeatCustomers = failures.values.filter { $0.count > 1 }.map(\.label).sorted()
    }
}

/// One recovery as the revenue report reads it.
public struct RevenueRow: Equatable, Sendable {
    public var session: String
    public var playbook: String
    public var cause: String?
    public var outcome: Outcome
    /// The customer's row id, when the session identified one.
    public var customer: Int64?
    public var customerLabel: String?
    /// UTC.
    public var finished: String
    public var amountMinor: Int64?
    public var currency: String?

    public init(
        session: String, playbook: String, cause: String?, outcome: Outcome, customer: Int64?, customerLabel: String?,
        finished: String, amountMinor: Int64?, currency: String?
    ) {
        self.session = session
        self.playbook = playbook
        self.cause = cause
        self.outcome = outcome
        self.customer = customer
        self.customerLabel = customerLabel
        self.finished = finished
        self.amountMinor = amountMinor
        self.currency = currency
    }
}

/// Which recoveries a report covers.
public struct RevenueFilter: Sendable {
    /// UTC bounds on when the session finished: `since` included, `until` excluded.
    public var since: String?
    public var until: String?
    public var agent: String?
    public var playbook: String?

    public init(since: String? = nil, until: String? = nil, agent: String? = nil, playbook: String? = nil) {
        self.since = since
        self.until = until
        self.agent = agent
        self.playbook = playbook
    }

    /// The filter as comparisons on the `recovery` table (aliased `r`), each with the
    /// value to bind; every store writes them in its own placeholder syntax.
    public var comparisons: [(column: String, operation: String, value: String)] {
        [
            ("r.finished", ">=", since), ("r.finished", "<", until), ("r.agent", "=", agent),
            ("r.playbook", "=", playbook),
        ]
        .compactMap { column, operation, value in value.map { (column, operation, $0) } }
    }

    var condition: (sql: String, arguments: StatementArguments) {
        let comparisons = comparisons
        return (
            (["1"] + comparisons.map { "\($0.column) \($0.operation) ?" }).joined(separator: " AND "),
            StatementArguments(comparisons.map(\.value))
        )
    }
}

extension Ledger {
    public func revenueReport(_ filter: RevenueFilter) throws(LedgerError) -> RevenueReport {
        let (condition, arguments) = filter.condition
        return try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.session, r.playbook, r.cause, r.outcome, r.customerId, c.label, r.finished,
                        r.amountMinor, r.currency
                    FROM recovery r LEFT JOIN customer c ON c.id = r.customerId WHERE \(condition)
                    """, arguments: arguments)
            var recoveries: [RevenueRow] = []
            while let row = try rows.next() {
                guard let outcome = Outcome(rawValue: row[3]) else { continue }
                recoveries.append(
                    RevenueRow(
                        session: row[0], playbook: row[1], cause: row[2], outcome: outcome, customer: row[4],
                        customerLabel: row[5], finished: row[6], amountMinor: row[7], currency: row[8]))
            }
            return RevenueReport(recoveries)
        }
    }
}
