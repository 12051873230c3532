import Foundation
import GRDB
import ReboundLanguage

/// Money at risk and what became of it, by playbook, cause and outcome, with the causes
/// that keep coming back.
public struct RevenueReport: Equatable, Sendable {
    /// Sums for one group, per currency (`""` when the answers named none).
    public struct Totals: Equatable, Sendable {
        public var sessions = 0
        /// Sessions that gave an amount.
        public var withAmount = 0
        /// All money at risk.
        public var atRisk: [String: Int64] = [:]
        /// Money at risk in sessions resolved.
        public var recovered: [String: Int64] = [:]
        /// Money at risk in sessions lost.
        public var lost: [String: Int64] = [:]

        mutating func add(outcome: Outcome, sessions count: Int, withAmount amounts: Int, sum: Int64, currency: String)
        {
            sessions += count
            withAmount += amounts
            guard amounts > 0 else { return }
            atRisk[currency, default: 0] += sum
            if outcome == .resolved { recovered[currency, default: 0] += sum }
            if outcome == .lost { lost[currency, default: 0] += sum }
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

        public init(
            cause: String, sessions: Int, customers: Int, playbooks: [String], first: String, last: String,
            atRisk: [String: Int64]
        ) {
            self.cause = cause
            self.sessions = sessions
            self.customers = customers
            self.playbooks = playbooks
            self.first = first
            self.last = last
            self.atRisk = atRisk
        }
    }

    public var overall = Totals()
    public var byPlaybook: [String: Totals] = [:]
    /// By cause; sessions that named none are under `""`.
    public var byCause: [String: Totals] = [:]
    public var byOutcome: [Outcome: Totals] = [:]
    /// Most frequent first.
    public var recurring: [RecurringCause] = []
    /// Customers with more than one failure in the period.
    public var repeatCustomers = 0

    public init() {}

    /// Adds one group of recoveries (same playbook, cause, outcome and currency) to every
    /// total it belongs to. `cause` is `""` when the sessions named none.
    public mutating func add(
        playbook: String, cause: String, outcome: Outcome, currency: String, sessions: Int, withAmount: Int,
        total: Int64
    ) {
        func add(_ totals: inout RevenueReport.Totals) {
            totals.add(outcome: outcome, sessions: sessions, withAmount: withAmount, sum: total, currency: currency)
        }
        add(&overall)
        add(&byPlaybook[playbook, default: .init()])
        add(&byCause[cause, default: .init()])
        add(&byOutcome[outcome, default: .init()])
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

    var condition: (sql: String, arguments: StatementArguments) {
        var clauses = ["1"]
        var arguments: StatementArguments = []
        if let since {
            clauses.append("finished >= ?")
            arguments += [since]
        }
        if let until {
            clauses.append("finished < ?")
            arguments += [until]
        }
        if let agent {
            clauses.append("agent = ?")
            arguments += [agent]
        }
        if let playbook {
            clauses.append("playbook = ?")
            arguments += [playbook]
        }
        return (clauses.joined(separator: " AND "), arguments)
    }
}

extension Ledger {
    /// Aggregates in SQLite, so the report costs one pass over the recoveries.
    public func revenueReport(_ filter: RevenueFilter) throws(LedgerError) -> RevenueReport {
        let (condition, arguments) = filter.condition
        return try read { db in
            var report = RevenueReport()
            let groups = try Row.fetchAll(
                db,
                sql: """
                    SELECT playbook, coalesce(cause, '') AS cause, outcome, coalesce(currency, '') AS currency,
                        count(*) AS sessions, count(amountMinor) AS amounts, coalesce(sum(amountMinor), 0) AS total
                    FROM recovery WHERE \(condition)
                    GROUP BY playbook, cause, outcome, currency
                    """, arguments: arguments)
            for row in groups {
                guard let outcome = Outcome(rawValue: row["outcome"]) else { continue }
                report.add(
                    playbook: row["playbook"], cause: row["cause"], outcome: outcome, currency: row["currency"],
                    sessions: row["sessions"], withAmount: row["amounts"], total: row["total"])
            }
            let recurring = try Row.fetchAll(
                db,
                sql: """
                    SELECT cause, count(*) AS sessions, count(DISTINCT customerId) AS customers,
                        group_concat(DISTINCT playbook) AS playbooks, min(finished) AS first, max(finished) AS last
                    FROM recovery WHERE cause IS NOT NULL AND \(condition)
                    GROUP BY cause HAVING count(*) > 1
                    ORDER BY sessions DESC, cause
                    """, arguments: arguments)
            report.recurring = recurring.map { row in
                let cause: String = row["cause"]
                let playbooks: String = row["playbooks"]
                return RevenueReport.RecurringCause(
                    cause: cause, sessions: row["sessions"], customers: row["customers"],
                    playbooks: playbooks.split(separator: ",").map(String.init).sorted(), first: row["first"],
                    last: row["last"], atRisk: report.byCause[cause]?.atRisk ?? [:])
            }
            report.repeatCustomers =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (SELECT customerId FROM recovery
                            WHERE customerId IS NOT NULL AND \(condition) GROUP BY customerId HAVING count(*) > 1)
                        """, arguments: arguments) ?? 0
            return report
        }
    }
}
