import Foundation
import GRDB
import ReboundText

/// A follow-up the agent promised: what to do, for whom, and when.
public struct FollowUpItem: Equatable, Sendable, Decodable, FetchableRecord {
    public enum Status: String, Sendable, Decodable, CaseIterable {
        case open, done
    }

    public var id: Int64
    public var session: String
    public var ordinal: Int
    /// The customer as the agent last typed them, if the session identified one.
    public var customer: String?
    public var agent: String
    public var playbook: String
    public var step: String
    public var text: String
    /// UTC.
    public var due: String
    public var status: Status
    public var completed: String?
    public var note: String?
    public var snoozes: Int
    /// Who marked it done: the agent who promised it, or a colleague who took it over.
    public var completedBy: String?

    public init(
        id: Int64, session: String, ordinal: Int, customer: String?, agent: String, playbook: String, step: String,
        text: String, due: String, status: Status, completed: String?, note: String?, snoozes: Int,
        completedBy: String? = nil
    ) {
        self.completedBy = completedBy
        self.id = id
        self.session = session
        self.ordinal = ordinal
        self.customer = customer
        self.agent = agent
        self.playbook = playbook
        self.step = step
        self.text = text
        self.due = due
        self.status = status
        self.completed = completed
        self.note = note
        self.snoozes = snoozes
    }

    static let select = """
        SELECT f.id, f.session, f.ordinal, c.label AS customer, f.agent, f.playbook, f.step, f.text, f.due, f.status,
            f.completed, f.note, f.snoozes, f.completedBy
        FROM followUp f LEFT JOIN customer c ON c.id = f.customerId
        """
}

/// Which follow-ups to list.
public struct FollowUpFilter: Sendable {
    public enum Scope: Sendable {
        /// Open ones due before `dueBefore`: today's and overdue.
        case due(before: String)
        /// Every open one.
        case open
        /// Open and done.
        case all
    }

    public var scope: Scope
    public var agent: String?

    public init(scope: Scope, agent: String? = nil) {
        self.scope = scope
        self.agent = agent
    }
}

extension Ledger {
    public func followUps(_ filter: FollowUpFilter, limit: Int?) throws(LedgerError) -> [FollowUpItem] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        switch filter.scope {
        case .due(let before):
            conditions.append("f.status = 'open' AND f.due < ?")
            arguments += [before]
        case .open: conditions.append("f.status = 'open'")
        case .all: break
        }
        if let agent = filter.agent {
            conditions.append("f.agent = ?")
            arguments += [agent]
        }
        var sql = FollowUpItem.select
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY f.due, f.id"
        if let limit { sql += " LIMIT \(limit)" }
        return try read { db in try FollowUpItem.fetchAll(db, sql: sql, arguments: arguments) }
    }

    public func dueCount(before: String, agent: String?) throws(LedgerError) -> Int {
        // Two statements, so that SQLite can use the per-agent index.
        try read { db in
            if let agent {
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM followUp WHERE agent = ? AND status = 'open' AND due < ?",
                    arguments: [agent, before]) ?? 0
            } else {
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM followUp WHERE status = 'open' AND due < ?", arguments: [before])
                    ?? 0
            }
        }
    }

    @discardableResult
    public func complete(_ id: Int64, note: String, by agent: String, at time: Date) throws(LedgerError) -> FollowUpItem
    {
        try changeOpenFollowUp(id) { db in
            try db.execute(
                sql: "UPDATE followUp SET status = 'done', completed = ?, note = ?, completedBy = ? WHERE id = ?",
                arguments: [Timestamp.utc(time), note, agent, id])
        }
    }

    @discardableResult
    public func snooze(_ id: Int64, days: Int, at time: Date) throws(LedgerError) -> FollowUpItem {
        let now = Timestamp.utc(time)
        return try changeOpenFollowUp(id) { db in
            let due = try String.fetchOne(db, sql: "SELECT due FROM followUp WHERE id = ?", arguments: [id]) ?? now
            let from = Timestamp.parse(max(due, now)) ?? time
            try db.execute(
                sql: "UPDATE followUp SET due = ?, snoozes = snoozes + 1 WHERE id = ?",
                arguments: [Timestamp.utc(from + Double(days) * 86_400), id])
        }
    }

    private func changeOpenFollowUp(
        _ id: Int64, _ change: (Database) throws -> Void
    ) throws(LedgerError)
        -> FollowUpItem
    {
        try write { db in
            guard
                let item = try FollowUpItem.fetchOne(db, sql: FollowUpItem.select + " WHERE f.id = ?", arguments: [id])
            else {
                throw LedgerError(unknownFollowUp: id)
            }
            guard item.status == .open else {
                throw LedgerError("follow-up #\(id) is already done (\(item.completed ?? "earlier"))")
            }
            try change(db)
            guard
                let changed = try FollowUpItem.fetchOne(
                    db, sql: FollowUpItem.select + " WHERE f.id = ?", arguments: [id])
            else { throw LedgerError("follow-up #\(id) disappeared while it was being changed") }
            return changed
        }
    }
}
