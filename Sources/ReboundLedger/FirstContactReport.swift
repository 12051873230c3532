import Foundation
import GRDB
import ReboundLanguage
import ReboundText

/// First-contact resolution: of the sessions that ended `resolved` for a known customer,
/// the share after which that customer did not come back within `days` (no contact in
/// another session), by agent and by playbook; and the root causes that recur across
/// customers, which no single agent can fix.
public struct FirstContactReport: Equatable, Sendable {
    public struct Totals: Equatable, Sendable {
        /// Resolved sessions whose customer is known.
        public var resolved = 0
        /// Of those, sessions whose customer came back within the window.
        public var cameBack = 0
        /// Resolved sessions with no customer identified: whether they came back is unknown.
        public var unidentified = 0

        /// The share resolved at the first contact, 0–100; `nil` when nothing was resolved.
        public var percent: Double? { resolved == 0 ? nil : Double(resolved - cameBack) * 100 / Double(resolved) }

        mutating func add(_ row: FirstContactRow, cameBack back: Bool) {
            guard row.outcome == .resolved else { return }
            guard row.customer != nil else {
                unidentified += 1
                return
            }
            resolved += 1
            if back { cameBack += 1 }
        }
    }

    /// A cause named for more than one customer.
    public struct SharedCause: Equatable, Sendable {
        public var cause: String
        public var customers: Int
        public var sessions: Int
        public var playbooks: [String]
    }

    /// A resolved session whose customer came back within the window.
    public struct Return: Equatable, Sendable {
        public var session: String
        public var agent: String
        public var playbook: String
        public var customer: String
        public var finished: String
        public var cameBack: String
    }

    public let days: Int
    public var overall = Totals()
    public var byAgent: [String: Totals] = [:]
    public var byPlaybook: [String: Totals] = [:]
    /// Most customers first.
    public var sharedCauses: [SharedCause] = []
    /// Oldest first.
    public var returns: [Return] = []

    public init(_ rows: [FirstContactRow], days: Int) {
        self.days = days
        var causes: [String: (customers: Set<Int64>, sessions: Int, playbooks: Set<String>)] = [:]
        for row in rows.sorted(by: { ($0.finished, $0.session) < ($1.finished, $1.session) }) {
            let back = Self.cameBack(row, within: days)
            overall.add(row, cameBack: back)
            byAgent[row.agent, default: Totals()].add(row, cameBack: back)
            byPlaybook[row.playbook, default: Totals()].add(row, cameBack: back)
            if back, row.outcome == .resolved, let next = row.nextContact {
                returns.append(
                    Return(
                        session: row.session, agent: row.agent, playbook: row.playbook,
                        customer: row.customerLabel ?? "", finished: row.finished, cameBack: next))
            }
            if let cause = row.cause, let customer = row.customer {
                var entry = causes[cause] ?? ([], 0, [])
                entry.customers.insert(customer)
                entry.sessions += 1
                entry.playbooks.insert(row.playbook)
                causes[cause] = entry
            }
        }
        sharedCauses = causes.filter { $0.value.customers.count > 1 }.map {
            SharedCause(
                cause: $0.key, customers: $0.value.customers.count, sessions: $0.value.sessions,
                playbooks: $0.value.playbooks.sorted())
        }.sorted { ($1.customers, $1.sessions, $0.cause) < ($0.customers, $0.sessions, $1.cause) }
    }

    /// Whether the customer had a contact in another session within `days` of this one's end.
    static func cameBack(_ row: FirstContactRow, within days: Int) -> Bool {
        guard let next = row.nextContact.flatMap(Timestamp.parse), let finished = Timestamp.parse(row.finished) else {
            return false
        }
        return next.timeIntervalSince(finished) <= Double(days) * 86_400
    }
}

/// One recovery as the first-contact report reads it: who, how it ended, and the
/// customer's next contact in another session after it finished, if any.
public struct FirstContactRow: Equatable, Sendable {
    public var session: String
    public var agent: String
    public var playbook: String
    public var outcome: Outcome
    public var customer: Int64?
    public var customerLabel: String?
    public var cause: String?
    /// UTC.
    public var finished: String
    /// UTC; the customer's first contact after `finished` in another session.
    public var nextContact: String?

    public init(
        session: String, agent: String, playbook: String, outcome: Outcome, customer: Int64?, customerLabel: String?,
        cause: String?, finished: String, nextContact: String?
    ) {
        self.session = session
        self.agent = agent
        self.playbook = playbook
        self.outcome = outcome
        self.customer = customer
        self.customerLabel = customerLabel
        self.cause = cause
        self.finished = finished
        self.nextContact = nextContact
    }
}

extension Ledger {
    public func firstContactRows(_ filter: RevenueFilter) throws(LedgerError) -> [FirstContactRow] {
        let (condition, arguments) = filter.condition
        return try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.session, r.agent, r.playbook, r.outcome, r.customerId, c.label, r.cause, r.finished,
                        (SELECT MIN(k.at) FROM contact k
                         WHERE k.customerId = r.customerId AND k.at > r.finished AND k.session <> r.session)
                    FROM recovery r LEFT JOIN customer c ON c.id = r.customerId WHERE \(condition)
                    """, arguments: arguments)
            var result: [FirstContactRow] = []
            while let row = try rows.next() {
                guard let outcome = Outcome(rawValue: row[3]) else { continue }
                result.append(
                    FirstContactRow(
                        session: row[0], agent: row[1], playbook: row[2], outcome: outcome, customer: row[4],
                        customerLabel: row[5], cause: row[6], finished: row[7], nextContact: row[8]))
            }
            return result
        }
    }
}
