import Foundation
import GRDB
import ReboundLanguage
import ReboundReview
import ReboundText

/// What the ledger knows about a customer when a session identifies them.
public struct CustomerHistory: Equatable, Sendable {
    public var key: CustomerKey
    /// The answer as typed this time.
    public var label: String
    /// Sessions with this customer before this one.
    public var earlierContacts: Int
    /// Red carpets that cover this contact.
    public var redCarpets: [RedCarpetNotice]

    public init(key: CustomerKey, label: String, earlierContacts: Int, redCarpets: [RedCarpetNotice]) {
        self.key = key
        self.label = label
        self.earlierContacts = earlierContacts
        self.redCarpets = redCarpets
    }
}

/// A red carpet that covers the current contact: contact `contact` of `contacts`.
public struct RedCarpetNotice: Equatable, Sendable {
    public var gesture: String
    public var contact: Int
    public var contacts: Int
    /// The session whose failure the red carpet makes up for.
    public var session: String
    public var playbook: String
    public var cause: String?
    public var amount: MoneyAmount?
    /// When the red carpet was promised (UTC).
    public var created: String

    public init(
        gesture: String, contact: Int, contacts: Int, session: String, playbook: String, cause: String?,
        amount: MoneyAmount?, created: String
    ) {
        self.gesture = gesture
        self.contact = contact
        self.contacts = contacts
        self.session = session
        self.playbook = playbook
        self.cause = cause
        self.amount = amount
        self.created = created
    }
}

/// What `Ledger.record` stored.
public struct RecordedRecovery: Equatable, Sendable {
    public var followUps: [FollowUpItem]
    public var redCarpets: [RecoveryRecord.RedCarpet]
    /// Red carpets promised when no customer was identified, which cannot be kept.
    public var redCarpetsWithoutCustomer: Int

    public init(
        followUps: [FollowUpItem], redCarpets: [RecoveryRecord.RedCarpet], redCarpetsWithoutCustomer: Int
    ) {
        self.followUps = followUps
        self.redCarpets = redCarpets
        self.redCarpetsWithoutCustomer = redCarpetsWithoutCustomer
    }
}

extension Ledger {
    public func contact(
        customer answer: String, session: String, playbook: String, agent: String, at time: Date
    ) throws(LedgerError) -> CustomerHistory? {
        guard let key = CustomerKey(answer) else { return nil }
        let now = Timestamp.utc(time)
        return try write { db in
            let customerID = try Self.upsertCustomer(db, key: key, label: answer, seen: now)
            try db.execute(
                sql: """
                    INSERT INTO contact (customerId, session, playbook, agent, at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (customerId, session) DO NOTHING
                    """, arguments: [customerID, session, playbook, agent, now])
            let earlier =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM contact WHERE customerId = ? AND session <> ?",
                    arguments: [customerID, session]) ?? 0
            return CustomerHistory(
                key: key, label: answer, earlierContacts: earlier,
                redCarpets: try Self.redCarpets(db, customer: customerID, session: session))
        }
    }

    /// The red carpets that cover `session`'s contact: each counts the customer's
    /// contacts since it was promised, this one included, and covers the first N. Contacts
    /// count in the order they were stored (one writer at a time), not by their clock
    /// times: an agent whose clock ran ahead, or who waited for the lock, must not take a
    /// place another agent was already given.
    static func redCarpets(_ db: Database, customer: Int64, session: String) throws -> [RedCarpetNotice] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.gesture, r.contacts, r.session, r.created, v.playbook, v.cause, v.amountMinor, v.currency,
                    (SELECT count(*) FROM contact c, contact this
                        WHERE this.customerId = r.customerId AND this.session = ?
                        AND c.customerId = r.customerId AND c.session <> r.session AND c.at >= r.created
                        AND c.id <= this.id) AS position
                FROM redCarpet r JOIN recovery v ON v.session = r.session
                WHERE r.customerId = ? AND r.session <> ?
                ORDER BY r.created, r.id
                """, arguments: [session, customer, session])
        return rows.compactMap { row in
            let position: Int = row["position"]
            let contacts: Int = row["contacts"]
            guard (1...contacts).contains(position) else { return nil }
            let minor: Int64? = row["amountMinor"]
            return RedCarpetNotice(
                gesture: row["gesture"], contact: position, contacts: contacts, session: row["session"],
                playbook: row["playbook"], cause: row["cause"],
                amount: minor.map { MoneyAmount(minorUnits: $0, currency: row["currency"]) }, created: row["created"])
        }
    }

    static func upsertCustomer(_ db: Database, key: CustomerKey, label: String, seen: String) throws -> Int64 {
        let id = try Int64.fetchOne(
            db,
            sql: """
                INSERT INTO customer (key, label, firstSeen, lastSeen) VALUES (?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET label = excluded.label, lastSeen = max(lastSeen, excluded.lastSeen)
                RETURNING id
                """, arguments: [key.value, label, seen, seen])
        guard let id else { throw LedgerError("the ledger returned no row for the customer it was given") }
        return id
    }

    @discardableResult
    public func record(_ recovery: RecoveryRecord) throws(LedgerError) -> RecordedRecovery {
        try write { db in
            var customerID: Int64?
            if let key = recovery.customerKey, let label = recovery.customer {
                let id = try Self.upsertCustomer(db, key: key, label: label, seen: recovery.finished)
                customerID = id
                try db.execute(
                    sql: """
                        INSERT INTO contact (customerId, session, playbook, agent, at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (customerId, session) DO NOTHING
                        """, arguments: [id, recovery.session, recovery.playbook, recovery.agent, recovery.started])
            }
            try db.execute(
                sql: """
                    INSERT INTO recovery (session, customerId, playbook, agent, started, finished, outcome,
                        amountMinor, currency, cause)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (session) DO UPDATE SET customerId = excluded.customerId,
                        playbook = excluded.playbook, agent = excluded.agent, started = excluded.started,
                        finished = excluded.finished, outcome = excluded.outcome, amountMinor = excluded.amountMinor,
                        currency = excluded.currency, cause = excluded.cause
                    """,
                arguments: [
                    recovery.session, customerID, recovery.playbook, recovery.agent, recovery.started,
                    recovery.finished, recovery.outcome.rawValue, recovery.amount?.minorUnits,
                    recovery.amount?.currency, recovery.cause,
                ])
            for (ordinal, followUp) in recovery.followUps.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO followUp (session, ordinal, customerId, agent, playbook, step, text, due)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (session, ordinal) DO NOTHING
                        """,
                    arguments: [
                        recovery.session, ordinal + 1, customerID, recovery.agent, recovery.playbook, followUp.step,
                        followUp.text, followUp.due,
                    ])
            }
            if let customerID {
                for (ordinal, redCarpet) in recovery.redCarpets.enumerated() {
                    try db.execute(
                        sql: """
                            INSERT INTO redCarpet (session, ordinal, customerId, gesture, contacts, created)
                            VALUES (?, ?, ?, ?, ?, ?)
                            ON CONFLICT (session, ordinal) DO NOTHING
                            """,
                        arguments: [
                            recovery.session, ordinal + 1, customerID, redCarpet.gesture, redCarpet.contacts,
                            recovery.finished,
                        ])
                }
            }
            let followUps = try FollowUpItem.fetchAll(
                db, sql: FollowUpItem.select + " WHERE f.session = ? ORDER BY f.ordinal", arguments: [recovery.session])
            return RecordedRecovery(
                followUps: followUps, redCarpets: customerID == nil ? [] : recovery.redCarpets,
                redCarpetsWithoutCustomer: customerID == nil ? recovery.redCarpets.count : 0)
        }
    }

    public func hasRecovery(session: String) throws(LedgerError) -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM recovery WHERE session = ?)", arguments: [session])
                ?? false
        }
    }
}
