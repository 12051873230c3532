import PostgresNIO
import ReboundLedger

extension PostgresLedger {
    /// Rows as the CSV files have them, every column as text, in the SQLite ledger's order.
    static func exportSQL(_ table: LedgerTable) -> String {
        switch table {
        case .customers: "SELECT key, label, first_seen, last_seen FROM customer ORDER BY id"
        case .contacts:
            """
            SELECT c.key, t.session, t.playbook, t.agent, t.at FROM contact t JOIN customer c ON c.id = t.customer_id
            ORDER BY t.id
            """
        case .recoveries:
            """
            SELECT r.session, c.key, r.playbook, r.agent, r.started, r.finished, r.outcome, r.amount_minor::text,
                r.currency, r.cause
            FROM recovery r LEFT JOIN customer c ON c.id = r.customer_id ORDER BY r.finished, r.session
            """
        case .followUps:
            """
            SELECT f.id::text, f.session, f.ordinal::text, c.key, f.agent, f.playbook, f.step, f.text, f.due,
                f.status, f.completed, f.note, f.snoozes::text, f.completed_by
            FROM follow_up f LEFT JOIN customer c ON c.id = f.customer_id ORDER BY f.id
            """
        case .redCarpets:
            """
            SELECT r.session, r.ordinal::text, c.key, r.gesture, r.contacts::text, r.created
            FROM red_carpet r JOIN customer c ON c.id = r.customer_id ORDER BY r.id
            """
        }
    }

    public func export(_ table: LedgerTable) throws(LedgerError) -> String {
        try transaction { db in
            var text = table.csvHeader
            for row in try db.query(PostgresQuery(unsafeSQL: Self.exportSQL(table))) {
                let values: [LedgerValue] = try zip(row.makeRandomAccess(), table.columnNames).map { cell, name in
                    guard let field = try cell.decode(String?.self) else { return .null }
                    // Money is written in major units from its minor ones.
                    return name == "amount" ? Int64(field).map(LedgerValue.integer) ?? .text(field) : .text(field)
                }
                text += table.csvRow(values)
            }
            return text
        }
    }

    public func importTables(_ files: [LedgerImportFile]) throws(ImportFailure) -> ImportSummary {
        let checked = try LedgerTable.check(files)
        do {
            return try server.run { db in
                let summary = try LedgerTable.store(checked, into: PostgresImport(db: db))
                // Follow-ups keep their numbers: the next new one is numbered after them.
                try db.query(
                    """
                    SELECT setval(pg_get_serial_sequence('follow_up', 'id'), greatest((SELECT max(id) FROM follow_up), 1))
                    """)
                return summary
            }
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            throw ImportFailure(problems: [
                ImportProblem(
                    file: files.first?.name ?? location, line: 0, message: server.translate(error).description)
            ])
        }
    }
}

/// An import inside one PostgreSQL transaction.
struct PostgresImport: LedgerImportTransaction {
    let db: PostgresSession

    func customerID(key: String) throws -> Int64? {
        try db.scalar("SELECT id FROM customer WHERE key = \(key)", as: Int64.self)
    }

    func hasRecovery(session: String) throws -> Bool {
        try db.scalar("SELECT EXISTS (SELECT 1 FROM recovery WHERE session = \(session))", as: Bool.self) ?? false
    }

    func insert(_ table: LedgerTable, _ values: [LedgerValue]) throws -> Bool {
        var values = values
        let sql: String
        switch table {
        case .customers:
            sql = """
                INSERT INTO customer (key, label, first_seen, last_seen) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING
                """
        case .contacts:
            sql = """
                INSERT INTO contact (customer_id, session, playbook, agent, at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT DO NOTHING
                """
        case .recoveries:
            sql = """
                INSERT INTO recovery (session, customer_id, playbook, agent, started, finished, outcome, amount_minor,
                    currency, cause)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING
                """
        case .followUps:
            // A follow-up keeps its number unless another one already has it.
            if let id = values[0].integer,
                try db.scalar("SELECT EXISTS (SELECT 1 FROM follow_up WHERE id = \(id))", as: Bool.self) == true
            {
                values[0] = .null
            }
            sql = """
                INSERT INTO follow_up (id, session, ordinal, customer_id, agent, playbook, step, text, due, status,
                    completed, note, snoozes, completed_by)
                VALUES (coalesce($1, (SELECT coalesce(max(id), 0) + 1 FROM follow_up)), $2, $3, $4, $5, $6, $7, $8,
                    $9, $10, $11, $12, $13, $14)
                ON CONFLICT (session, ordinal) DO NOTHING
                """
        case .redCarpets:
            sql = """
                INSERT INTO red_carpet (session, ordinal, customer_id, gesture, contacts, created)
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
                """
        }
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .integer(let number): binds.append(number)
            case .null: binds.appendNull()
            }
        }
        return try db.changes(PostgresQuery(unsafeSQL: sql, binds: binds)) > 0
    }
}
