import Foundation
import GRDB
import ReboundLanguage
import ReboundText

/// The ledger's tables as CSV files, for spreadsheets and for moving a ledger: rows name
/// customers by key and sessions by id, never by internal row numbers.
public enum LedgerTable: String, CaseIterable, Sendable {
    case customers, contacts, recoveries
    case followUps = "follow-ups"
    case redCarpets = "red-carpets"

    enum Kind {
        case text, optionalText, time, optionalTime, outcome, status, money, currency
        /// A session id: letters, digits, `-` and `_`, as the chat makes them.
        case session
        /// A customer key: the customers table's own, or one a row refers to.
        case key, customer, optionalCustomer
        case count(ClosedRange<Int>)
    }

    /// The SQLite table.
    var sqlName: String {
        switch self {
        case .customers: "customer"
        case .contacts: "contact"
        case .recoveries: "recovery"
        case .followUps: "followUp"
        case .redCarpets: "redCarpet"
        }
    }

    /// The columns, in file order, with what each must hold.
    var columns: [(name: String, kind: Kind)] {
        switch self {
        case .customers: [("key", .key), ("label", .text), ("first_seen", .time), ("last_seen", .time)]
        case .contacts:
            [("customer", .customer), ("session", .session), ("playbook", .text), ("agent", .text), ("at", .time)]
        case .recoveries:
            [
                ("session", .session), ("customer", .optionalCustomer), ("playbook", .text), ("agent", .text),
                ("started", .time), ("finished", .time), ("outcome", .outcome), ("amount", .money),
                ("currency", .currency), ("cause", .optionalText),
            ]
        case .followUps:
            [
                ("id", .count(1...Int.max)), ("session", .session), ("ordinal", .count(1...10_000)),
                ("customer", .optionalCustomer), ("agent", .text), ("playbook", .text), ("step", .text),
                ("text", .text), ("due", .time), ("status", .status), ("completed", .optionalTime),
                ("note", .optionalText), ("snoozes", .count(0...100_000)),
            ]
        case .redCarpets:
            [
                ("session", .session), ("ordinal", .count(1...10_000)), ("customer", .customer), ("gesture", .text),
                ("contacts", .count(1...100)), ("created", .time),
            ]
        }
    }

    /// Rows as the file has them: every column as text.
    var exportSQL: String {
        switch self {
        case .customers: "SELECT key, label, firstSeen, lastSeen FROM customer ORDER BY id"
        case .contacts:
            "SELECT c.key, t.session, t.playbook, t.agent, t.at FROM contact t JOIN customer c ON c.id = t.customerId ORDER BY t.id"
        case .recoveries:
            """
            SELECT r.session, c.key, r.playbook, r.agent, r.started, r.finished, r.outcome, r.amountMinor, r.currency,
                r.cause
            FROM recovery r LEFT JOIN customer c ON c.id = r.customerId ORDER BY r.finished, r.session
            """
        case .followUps:
            """
            SELECT f.id, f.session, f.ordinal, c.key, f.agent, f.playbook, f.step, f.text, f.due, f.status,
                f.completed, f.note, f.snoozes
            FROM followUp f LEFT JOIN customer c ON c.id = f.customerId ORDER BY f.id
            """
        case .redCarpets:
            """
            SELECT r.session, r.ordinal, c.key, r.gesture, r.contacts, r.created
            FROM redCarpet r JOIN customer c ON c.id = r.customerId ORDER BY r.id
            """
        }
    }

    /// Adds one validated row; `false` when a row with the same identity is there already.
    func insert(_ db: Database, _ values: [DatabaseValueConvertible?]) throws -> Bool {
        let sql: String
        switch self {
        case .customers:
            sql = "INSERT INTO customer (key, label, firstSeen, lastSeen) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
        case .contacts:
            sql = """
                INSERT INTO contact (customerId, session, playbook, agent, at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """
        case .recoveries:
            sql = """
                INSERT INTO recovery (session, customerId, playbook, agent, started, finished, outcome, amountMinor,
                    currency, cause)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """
        case .followUps:
            // A follow-up keeps its number unless another one already has it.
            let id = values[0] as? Int ?? 0
            let taken = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM followUp WHERE id = ?)"), arguments: [id])
            let insertValues = taken == true ? [nil] + values.dropFirst() : values
            try db.cachedStatement(
                sql: """
                    INSERT INTO followUp (id, session, ordinal, customerId, agent, playbook, step, text, due, status,
                        completed, note, snoozes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session, ordinal) DO NOTHING
                    """
            ).execute(arguments: StatementArguments(insertValues))
            return db.changesCount > 0
        case .redCarpets:
            sql = """
                INSERT INTO redCarpet (session, ordinal, customerId, gesture, contacts, created) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """
        }
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values))
        return db.changesCount > 0
    }

    /// The table a row's session must already be in, if any.
    var sessionTable: String? {
        switch self {
        case .followUps, .redCarpets: "recovery"
        default: nil
        }
    }
}

/// One bad row (or a bad file) found by an import.
public struct ImportProblem: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// An import that stored nothing, and why.
public struct ImportFailure: Error, Sendable {
    public var problems: [ImportProblem]
}

/// What an import stored.
public struct ImportSummary: Equatable, Sendable {
    /// Rows added and rows already present, by table.
    public var added: [LedgerTable: Int] = [:]
    public var present: [LedgerTable: Int] = [:]
}

extension Ledger {
    /// One table as CSV, header first.
    public func export(_ table: LedgerTable) throws(LedgerError) -> String {
        try read { db in
            var text = CSV.row(table.columns.map(\.name))
            let rows = try Row.fetchCursor(db, sql: table.exportSQL)
            while let row = try rows.next() {
                var fields: [String] = []
                for (index, column) in table.columns.enumerated() {
                    let value = row[index] as DatabaseValue
                    switch (column.kind, value.storage) {
                    case (.money, .int64(let minor)): fields.append(MoneyAmount.decimal(minor))
                    case (_, .null): fields.append("")
                    case (_, .int64(let number)): fields.append(String(number))
                    case (_, .string(let string)): fields.append(string)
                    default: fields.append(value.description)
                    }
                }
                text += CSV.row(fields)
            }
            return text
        }
    }

    /// Imports CSV files, each with the table it holds, in one transaction: every row
    /// is checked first, and any bad row means nothing is stored. Rows already present
    /// (same customer key, same session) are counted and left alone.
    public func importTables(
        _ files: [(table: LedgerTable, name: String, bytes: [UInt8])]
    ) throws(ImportFailure)
        -> ImportSummary
    {
        var problems: [ImportProblem] = []
        var parsed: [(table: LedgerTable, name: String, rows: [(line: Int, values: [DatabaseValueConvertible?])])] =
            []
        // Parents before children, so that foreign keys resolve.
        let ordered = LedgerTable.allCases.flatMap { table in files.filter { $0.table == table } }
        for file in ordered {
            let rows = Self.validate(file.bytes, as: file.table, name: file.name, problems: &problems)
            parsed.append((file.table, file.name, rows))
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        do {
            return try database.write { db in
                var summary = ImportSummary()
                for file in parsed {
                    for row in file.rows {
                        var values = row.values
                        // Customer keys become row ids; sessions must already be recovered.
                        for (index, column) in file.table.columns.enumerated() {
                            switch column.kind {
                            case .customer, .optionalCustomer:
                                if let key = values[index] as? String {
                                    values[index] = try Self.customerID(db, key: key)
                                }
                            default: continue
                            }
                        }
                        if let problem = try Self.missingReference(db, file.table, row.values, values) {
                            problems.append(ImportProblem(file: file.name, line: row.line, message: problem))
                            continue
                        }
                        if try file.table.insert(db, values) {
                            summary.added[file.table, default: 0] += 1
                        } else {
                            summary.present[file.table, default: 0] += 1
                        }
                    }
                }
                if !problems.isEmpty { throw ImportFailure(problems: problems) }
                return summary
            }
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            throw ImportFailure(problems: [
                ImportProblem(
                    file: files.first?.name ?? path, line: 0, message: LedgerError(error, path: path).description)
            ])
        }
    }

    static func customerID(_ db: Database, key: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM customer WHERE key = ?"), arguments: [key])
    }

    /// A customer key or session the row names that the ledger (with the rows imported
    /// so far) does not hold.
    static func missingReference(
        _ db: Database, _ table: LedgerTable, _ raw: [DatabaseValueConvertible?],
        _ resolved: [DatabaseValueConvertible?]
    ) throws -> String? {
        for (index, column) in table.columns.enumerated() {
            switch column.kind {
            case .customer, .optionalCustomer:
                if let key = raw[index] as? String, resolved[index] == nil {
                    return "no customer '\(key)' in the ledger or in customers.csv"
                }
            default: continue
            }
        }
        if let sessionTable = table.sessionTable,
            let session = raw[table.columns.firstIndex { $0.name == "session" }!]
                as? String,
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(sessionTable) WHERE session = ?)"),
                arguments: [session]) != true
        {
            return "no recovery for session '\(session)' in the ledger or in recoveries.csv"
        }
        return nil
    }

    /// Reads and checks one file: its header names exactly the table's columns, and every
    /// field holds what its column needs. Bad rows go to `problems`.
    static func validate(
        _ bytes: [UInt8], as table: LedgerTable, name: String, problems: inout [ImportProblem]
    ) -> [(line: Int, values: [DatabaseValueConvertible?])] {
        let records: [CSV.Record]
        do {
            records = try CSV.parse(bytes)
        } catch {
            problems.append(ImportProblem(file: name, line: error.line, message: error.message))
            return []
        }
        let expected = table.columns.map(\.name)
        guard let header = records.first else {
            problems.append(
                ImportProblem(
                    file: name, line: 1, message: "empty file; expected a header: \(expected.joined(separator: ","))"))
            return []
        }
        guard header.fields == expected else {
            problems.append(
                ImportProblem(
                    file: name, line: header.line,
                    message: "the header must be \(expected.joined(separator: ",")) for \(table.rawValue)"))
            return []
        }
        var rows: [(line: Int, values: [DatabaseValueConvertible?])] = []
        for record in records.dropFirst() {
            guard record.fields.count == expected.count else {
                problems.append(
                    ImportProblem(
                        file: name, line: record.line,
                        message: "expected \(expected.count) fields, found \(record.fields.count)"))
                continue
            }
            // Cells `export` made safe for spreadsheets ("'=…") read back as they were.
            let fields = record.fields.map(CSV.restored)
            var values: [DatabaseValueConvertible?] = []
            var rowProblem: String?
            for (field, column) in zip(fields, table.columns) {
                switch Self.value(field, kind: column.kind) {
                case .success(let value): values.append(value)
                case .failure(let message):
                    rowProblem = rowProblem ?? "column '\(column.name)': \(message)"
                    values.append(nil)
                }
            }
            // An amount typed with its currency (`$1,000`) fills an empty currency column.
            if rowProblem == nil, let amount = table.columns.firstIndex(where: { $0.name == "amount" }),
                let currency = table.columns.firstIndex(where: { $0.name == "currency" }),
                case .success(let parsed) = MoneyAmount.parse(fields[amount]), let typed = parsed.currency
            {
                if values[currency] == nil {
                    values[currency] = typed
                } else if values[currency] as? String != typed {
                    rowProblem = "column 'currency': '\(fields[currency])' does not match the amount's \(typed)"
                }
            }
            if let rowProblem {
                problems.append(ImportProblem(file: name, line: record.line, message: rowProblem))
            } else {
                rows.append((record.line, values))
            }
        }
        return rows
    }

    enum FieldValue {
        case success(DatabaseValueConvertible?)
        case failure(String)
    }

    /// The longest text a field may hold, in UTF-8 bytes: labels, notes and reasons are short.
    static let fieldLimit = 10_000

    static func value(_ field: String, kind: LedgerTable.Kind) -> FieldValue {
        let text = field.trimmingCharacters(in: .whitespaces)
        guard text.utf8.count <= fieldLimit else {
            return .failure("it holds \(text.utf8.count) bytes; a field holds at most \(fieldLimit)")
        }
        // Escape sequences and other controls would reach a terminal from `ledger report`
        // and `followups`; tabs and line breaks in notes are kept.
        if let control = text.unicodeScalars.first(where: {
            $0.isUnsafeControl && $0 != "\r"
        }) {
            return .failure(
                "it holds the control character U+\(String(control.value, radix: 16, uppercase: true).leftPadded(to: 4))"
            )
        }
        func time(_ text: String) -> FieldValue {
            guard let date = Timestamp.parse(text) else {
                return .failure("'\(text)' is not a time; write it as 2026-11-23T10:15:00Z")
            }
            return .success(Timestamp.utc(date))
        }
        switch kind {
        case .text:
            return text.isEmpty ? .failure("it is empty") : .success(text)
        case .optionalText:
            return .success(text.isEmpty ? nil : text)
        case .session:
            guard isIdentifier(text) else {
                return .failure(
                    "'\(text.escapingControlCharacters())' is not a session id (letters, digits, - and _, such as 20261123-101500-a1b2c3)"
                )
            }
            return .success(text)
        case .key, .customer, .optionalCustomer:
            // Keys as the chat makes them, so `Jane@Example.com` finds `jane@example.com`.
            if text.isEmpty, case .optionalCustomer = kind { return .success(nil) }
            return CustomerKey(text).map { .success($0.value) } ?? .failure("it is empty")
        case .time:
            return time(text)
        case .optionalTime:
            return text.isEmpty ? .success(nil) : time(text)
        case .outcome:
            guard Outcome(rawValue: text) != nil else {
                return .failure(
                    "'\(text)' is not an outcome; use \(Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .success(text)
        case .status:
            guard FollowUpItem.Status(rawValue: text) != nil else {
                return .failure("'\(text)' is not a status; use open or done")
            }
            return .success(text)
        case .money:
            if text.isEmpty { return .success(nil) }
            switch MoneyAmount.parse(text) {
            case .success(let amount): return .success(amount.minorUnits)
            case .failure(let error): return .failure(error.description)
            }
        case .currency:
            if text.isEmpty { return .success(nil) }
            guard let code = MoneyAmount.currencyCode(text) else {
                return .failure("'\(text)' is not a currency code such as EUR or USD")
            }
            return .success(code)
        case .count(let range):
            guard let number = Int(text), range.contains(number) else {
                let upper = range.upperBound == Int.max ? "" : " to \(range.upperBound)"
                return .failure("'\(text)' is not a whole number from \(range.lowerBound)\(upper)")
            }
            return .success(number)
        }
    }
}
