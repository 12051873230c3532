import Foundation
import PostgresNIO
import ReboundLanguage
import ReboundLedger
import ReboundReview
import ReboundText

extension PostgresLedger {
    public func contact(
        customer answer: String, session: String, playbook: String, agent: String, at time: Date
    ) throws(LedgerError) -> CustomerHistory? {
        guard let key = CustomerKey(answer) else { return nil }
        let now = Timestamp.utc(time)
        return try transaction { db in
            // The customer's row stays locked until this transaction ends, so contacts with
            // one customer are counted one agent at a time.
            let customerID = try Self.upsertCustomer(db, key: key, label: answer, seen: now)
            try db.query(
                """
                INSERT INTO contact (customer_id, session, playbook, agent, at) VALUES (\(customerID), \(session),
                    \(playbook), \(agent), \(now))
                ON CONFLICT (customer_id, session) DO NOTHING
                """)
            let earlier =
                try db.scalar(
                    "SELECT count(*) FROM contact WHERE customer_id = \(customerID) AND session <> \(session)",
                    as: Int64.self) ?? 0
            return CustomerHistory(
                key: key, label: answer, earlierContacts: Int(earlier),
                redCarpets: try Self.redCarpets(db, customer: customerID, session: session))
        }
    }

    /// The red carpets that cover `session`'s contact: each counts the customer's
    /// contacts since it was promised, this one included, in the order they were stored
    /// (which the customer's row lock makes the order agents reached the ledger), and
    /// covers the first N.
    static func redCarpets(_ db: PostgresSession, customer: Int64, session: String) throws -> [RedCarpetNotice] {
        try db.query(
            """
            SELECT r.gesture, r.contacts, r.session, r.created, v.playbook, v.cause, v.amount_minor, v.currency,
                (SELECT count(*) FROM contact c, contact this
                    WHERE this.customer_id = r.customer_id AND this.session = \(session)
                    AND c.customer_id = r.customer_id AND c.session <> r.session AND c.at >= r.created
                    AND c.id <= this.id) AS position
            FROM red_carpet r JOIN recovery v ON v.session = r.session
            WHERE r.customer_id = \(customer) AND r.session <> \(session)
            ORDER BY r.created, r.id
            """
        ).compactMap { row in
            let (gesture, contacts, promisedIn, created, playbook, cause, minor, currency, position) = try row.decode(
                (String, Int64, String, String, String, String?, Int64?, String?, Int64).self)
            guard (1...contacts).contains(position) else { return nil }
            return RedCarpetNotice(
                gesture: gesture, contact: Int(position), contacts: Int(contacts), session: promisedIn,
                playbook: playbook, cause: cause, amount: minor.map { MoneyAmount(minorUnits: $0, currency: currency) },
                created: created)
        }
    }

    static func upsertCustomer(_ db: PostgresSession, key: CustomerKey, label: String, seen: String) throws -> Int64 {
        let id = try db.scalar(
            """
            INSERT INTO customer (key, label, first_seen, last_seen) VALUES (\(key.value), \(label), \(seen), \(seen))
            ON CONFLICT (key) DO UPDATE SET label = excluded.label,
                last_seen = greatest(customer.last_seen, excluded.last_seen)
            RETURNING id
            """, as: Int64.self)
        guard let id else { throw LedgerError("the ledger returned no row for the customer it was given") }
        return id
    }

    @discardableResult
    public func record(_ recovery: RecoveryRecord) throws(LedgerError) -> RecordedRecovery {
        try transaction { db in
            var customerID: Int64?
            if let key = recovery.customerKey, let label = recovery.customer {
                let id = try Self.upsertCustomer(db, key: key, label: label, seen: recovery.finished)
                customerID = id
                try db.query(
                    """
                    INSERT INTO contact (customer_id, session, playbook, agent, at) VALUES (\(id),
                        \(recovery.session), \(recovery.playbook), \(recovery.agent), \(recovery.started))
                    ON CONFLICT (customer_id, session) DO NOTHING
                    """)
            }
            try db.query(
                """
                INSERT INTO recovery (session, customer_id, playbook, agent, started, finished, outcome,
                    amount_minor, currency, cause)
                VALUES (\(recovery.session), \(customerID), \(recovery.playbook), \(recovery.agent),
                    \(recovery.started), \(recovery.finished), \(recovery.outcome.rawValue),
                    \(recovery.amount?.minorUnits), \(recovery.amount?.currency), \(recovery.cause))
                ON CONFLICT (session) DO UPDATE SET customer_id = excluded.customer_id,
                    playbook = excluded.playbook, agent = excluded.agent, started = excluded.started,
                    finished = excluded.finished, outcome = excluded.outcome, amount_minor = excluded.amount_minor,
                    currency = excluded.currency, cause = excluded.cause
                """)
            for (index, followUp) in recovery.followUps.enumerated() {
                let ordinal = Int64(index + 1)
                try db.query(
                    """
                    INSERT INTO follow_up (session, ordinal, customer_id, agent, playbook, step, text, due)
                    VALUES (\(recovery.session), \(ordinal), \(customerID), \(recovery.agent), \(recovery.playbook),
                        \(followUp.step), \(followUp.text), \(followUp.due))
                    ON CONFLICT (session, ordinal) DO NOTHING
                    """)
            }
            if let customerID {
                for (index, redCarpet) in recovery.redCarpets.enumerated() {
                    let ordinal = Int64(index + 1)
                    let contacts = Int64(redCarpet.contacts)
                    try db.query(
                        """
                        INSERT INTO red_carpet (session, ordinal, customer_id, gesture, contacts, created)
                        VALUES (\(recovery.session), \(ordinal), \(customerID), \(redCarpet.gesture), \(contacts),
                            \(recovery.finished))
                        ON CONFLICT (session, ordinal) DO NOTHING
                        """)
                }
            }
            let followUps = try Self.followUps(
                db,
                PostgresQuery(
                    unsafeSQL: Self.followUpSelect + " WHERE f.session = $1 ORDER BY f.ordinal",
                    binds: Self.binds([recovery.session])))
            return RecordedRecovery(
                followUps: followUps, redCarpets: customerID == nil ? [] : recovery.redCarpets,
                redCarpetsWithoutCustomer: customerID == nil ? recovery.redCarpets.count : 0)
        }
    }

    public func hasRecovery(session: String) throws(LedgerError) -> Bool {
        try transaction { db in
            try db.scalar("SELECT EXISTS (SELECT 1 FROM recovery WHERE session = \(session))", as: Bool.self) ?? false
        }
    }

    // MARK: Follow-ups

    static let followUpSelect = """
        SELECT f.id, f.session, f.ordinal, c.label, f.agent, f.playbook, f.step, f.text, f.due, f.status,
            f.completed, f.note, f.snoozes, f.completed_by
        FROM follow_up f LEFT JOIN customer c ON c.id = f.customer_id
        """

    static func followUps(_ db: PostgresSession, _ query: PostgresQuery) throws -> [FollowUpItem] {
        try db.query(query).map { row in
            let cells = row.makeRandomAccess()
            let status = try cells[9].decode(String.self)
            return FollowUpItem(
                id: try cells[0].decode(Int64.self), session: try cells[1].decode(String.self),
                ordinal: Int(try cells[2].decode(Int64.self)), customer: try cells[3].decode(String?.self),
                agent: try cells[4].decode(String.self), playbook: try cells[5].decode(String.self),
                step: try cells[6].decode(String.self), text: try cells[7].decode(String.self),
                due: try cells[8].decode(String.self), status: FollowUpItem.Status(rawValue: status) ?? .open,
                completed: try cells[10].decode(String?.self), note: try cells[11].decode(String?.self),
                snoozes: Int(try cells[12].decode(Int64.self)), completedBy: try cells[13].decode(String?.self))
        }
    }

    /// Text values as bindings for a query built from parts.
    static func binds(_ values: [String]) -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { binds.append(value) }
        return binds
    }

    public func followUps(_ filter: FollowUpFilter, limit: Int?) throws(LedgerError) -> [FollowUpItem] {
        var conditions: [String] = []
        var values: [String] = []
        switch filter.scope {
        case .due(let before):
            values.append(before)
            conditions.append("f.status = 'open' AND f.due < $\(values.count)")
        case .open: conditions.append("f.status = 'open'")
        case .all: break
        }
        if let agent = filter.agent {
            values.append(agent)
            conditions.append("f.agent = $\(values.count)")
        }
        var sql = Self.followUpSelect
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY f.due, f.id"
        if let limit { sql += " LIMIT \(max(0, limit))" }
        let query = PostgresQuery(unsafeSQL: sql, binds: Self.binds(values))
        return try transaction { db in try Self.followUps(db, query) }
    }

    public func dueCount(before: String, agent: String?) throws(LedgerError) -> Int {
        try transaction { db in
            let count: Int64?
            if let agent {
                count = try db.scalar(
                    """
                    SELECT count(*) FROM follow_up WHERE agent = \(agent) AND status = 'open' AND due < \(before)
                    """, as: Int64.self)
            } else {
                count = try db.scalar(
                    "SELECT count(*) FROM follow_up WHERE status = 'open' AND due < \(before)", as: Int64.self)
            }
            return Int(count ?? 0)
        }
    }

    @discardableResult
    public func complete(_ id: Int64, note: String, by agent: String, at time: Date) throws(LedgerError) -> FollowUpItem
    {
        let completed = Timestamp.utc(time)
        return try changeOpenFollowUp(id) { db in
            try db.query(
                """
                UPDATE follow_up SET status = 'done', completed = \(completed), note = \(note), completed_by = \(agent)
                WHERE id = \(id)
                """)
        }
    }

    @discardableResult
    public func snooze(_ id: Int64, days: Int, at time: Date) throws(LedgerError) -> FollowUpItem {
        let now = Timestamp.utc(time)
        return try changeOpenFollowUp(id) { db in
            let due = try db.scalar("SELECT due FROM follow_up WHERE id = \(id)", as: String.self) ?? now
            let from = Timestamp.parse(max(due, now)) ?? time
            let moved = Timestamp.utc(from + Double(days) * 86_400)
            try db.query("UPDATE follow_up SET due = \(moved), snoozes = snoozes + 1 WHERE id = \(id)")
        }
    }

    /// Locks the follow-up's row, checks it is open, changes it and returns it changed:
    /// of two agents closing it at once, the second waits, then finds it done.
    private func changeOpenFollowUp(
        _ id: Int64, _ change: (PostgresSession) throws -> Void
    ) throws(LedgerError) -> FollowUpItem {
        try transaction { db in
            let select = Self.followUpSelect + " WHERE f.id = $1"
            var binds = PostgresBindings(capacity: 1)
            binds.append(id)
            guard
                try db.scalar(
                    "SELECT status FROM follow_up WHERE id = \(id) FOR UPDATE", as: String.self) != nil,
                let item = try Self.followUps(db, PostgresQuery(unsafeSQL: select, binds: binds)).first
            else { throw LedgerError(unknownFollowUp: id) }
            guard item.status == .open else {
                throw LedgerError("follow-up #\(id) is already done (\(item.completed ?? "earlier"))")
            }
            try change(db)
            guard let changed = try Self.followUps(db, PostgresQuery(unsafeSQL: select, binds: binds)).first else {
                throw LedgerError("follow-up #\(id) disappeared while it was being changed")
            }
            return changed
        }
    }

    // MARK: Reports and tables

    /// The filter as a WHERE condition on `recovery r`, with `$1`… placeholders, and its values.
    static func condition(_ filter: RevenueFilter) -> (sql: String, binds: PostgresBindings) {
        let comparisons = filter.comparisons
        let clauses = ["true"] + comparisons.enumerated().map { "\($1.column) \($1.operation) $\($0 + 1)" }
        return (clauses.joined(separator: " AND "), binds(comparisons.map(\.value)))
    }

    public func revenueReport(_ filter: RevenueFilter) throws(LedgerError) -> RevenueReport {
        let (condition, binds) = Self.condition(filter)
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT r.session, r.playbook, r.cause, r.outcome, r.customer_id, c.label, r.finished, r.amount_minor,
                    r.currency
                FROM recovery r LEFT JOIN customer c ON c.id = r.customer_id
                WHERE \(condition)
                """, binds: binds)
        return try transaction { db in
            let rows = try db.query(query).compactMap { row -> RevenueRow? in
                let (session, playbook, cause, outcome, customer, label, finished, minor, currency) = try row.decode(
                    (String, String, String?, String, Int64?, String?, String, Int64?, String?).self)
                guard let outcome = Outcome(rawValue: outcome) else { return nil }
                return RevenueRow(
                    session: session, playbook: playbook, cause: cause, outcome: outcome, customer: customer,
                    customerLabel: label, finished: finished, amountMinor: minor, currency: currency)
            }
            return RevenueReport(rows)
        }
    }

    public func firstContactRows(_ filter: RevenueFilter) throws(LedgerError) -> [FirstContactRow] {
        let (condition, binds) = Self.condition(filter)
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT r.session, r.agent, r.playbook, r.outcome, r.customer_id, c.label, r.cause, r.finished,
                    (SELECT min(k.at) FROM contact k
                     WHERE k.customer_id = r.customer_id AND k.at > r.finished AND k.session <> r.session)
                FROM recovery r LEFT JOIN customer c ON c.id = r.customer_id
                WHERE \(condition)
                """, binds: binds)
        return try transaction { db in
            try db.query(query).compactMap { row -> FirstContactRow? in
                let (session, agent, playbook, outcome, customer, label, cause, finished, next) = try row.decode(
                    (String, String, String, String, Int64?, String?, String?, String, String?).self)
                guard let outcome = Outcome(rawValue: outcome) else { return nil }
                return FirstContactRow(
                    session: session, agent: agent, playbook: playbook, outcome: outcome, customer: customer,
                    customerLabel: label, cause: cause, finished: finished, nextContact: next)
            }
        }
    }

    /// The PostgreSQL table behind each ledger table.
    static func tableName(_ table: LedgerTable) -> String {
        switch table {
        case .customers: "customer"
        case .contacts: "contact"
        case .recoveries: "recovery"
        case .followUps: "follow_up"
        case .redCarpets: "red_carpet"
        }
    }

    public func rowCounts() throws(LedgerError) -> [(table: LedgerTable, rows: Int)] {
        try transaction { db in
            try LedgerTable.allCases.map { table in
                let count = try db.scalar(
                    PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(Self.tableName(table))"), as: Int64.self)
                return (table, Int(count ?? 0))
            }
        }
    }
}
