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

        /// Whether an empty field is a value (none).
        var isOptional: Bool {
            switch self {
            case .optionalText, .optionalTime, .optionalCustomer: true
            default: false
            }
        }
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
                ("note", .optionalText), ("snoozes", .count(0...100_000)), ("completed_by", .optionalText),
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
                f.completed, f.note, f.snoozes, f.completedBy
            FROM followUp f LEFT JOIN customer c ON c.id = f.customerId ORDER BY f.id
            """
        case .redCarpets:
            """
            SELECT r.session, r.ordinal, c.key, r.gesture, r.contacts, r.created
            FROM redCarpet r JOIN customer c ON c.id = r.customerId ORDER BY r.id
            """
        }
    }
}

/// One bad row (or a bad file) found by an import.
public struct ImportProblem: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }
}

/// An import that stored nothing, and why.
public struct ImportFailure: Error, Sendable {
    public var problems: [ImportProblem]

    public init(problems: [ImportProblem]) {
        self.problems = problems
    }
}

/// What an import stored.
public struct ImportSummary: Equatable, Sendable {
    /// Rows added and rows already present, by table.
    public var added: [LedgerTable: Int] = [:]
    public var present: [LedgerTable: Int] = [:]
}

extension Ledger {
    public func export(_ table: LedgerTable) throws(LedgerError) -> String {
        try read { db in
            var text = table.csvHeader
            let rows = try Row.fetchCursor(db, sql: table.exportSQL)
            while let row = try rows.next() {
                text += table.csvRow(
                    (0..<row.count).map { index in
                        switch (row[index] as DatabaseValue).storage {
                        case .int64(let number): .integer(number)
                        case .string(let string): .text(string)
                        case .null: .null
                        case .double(let number): .text(String(number))
                        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
                        }
                    })
            }
            return text
        }
    }

    public func importTables(_ files: [LedgerImportFile]) throws(ImportFailure) -> ImportSummary {
        let checked = try LedgerTable.check(files)
        do {
            return try database.write { db in try LedgerTable.store(checked, into: SQLiteImport(db: db)) }
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            throw ImportFailure(problems: [
                ImportProblem(
                    file: files.first?.name ?? path, line: 0, message: LedgerError(error, path: path).description)
            ])
        }
    }

    /// Reads and checks one file: its header names exactly the table's columns, and every
    /// field holds what its column needs. Bad rows go to `problems`.
    static func validate(
        _ bytes: [UInt8], as table: LedgerTable, name: String, problems: inout [ImportProblem]
    ) -> [(line: Int, values: [LedgerValue])] {
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
        // A file exported before a column was added (an optional one, at the end) reads too.
        let missing = table.columns.dropFirst(header.fields.count)
        guard header.fields == Array(expected.prefix(header.fields.count)),
            missing.allSatisfy({ $0.kind.isOptional })
        else {
            problems.append(
                ImportProblem(
                    file: name, line: header.line,
                    message: "the header must be \(expected.joined(separator: ",")) for \(table.rawValue)"))
            return []
        }
        var rows: [(line: Int, values: [LedgerValue])] = []
        for var record in records.dropFirst() {
            if record.fields.count == header.fields.count {
                record.fields += Array(repeating: "", count: missing.count)
            }
            guard record.fields.count == expected.count else {
                problems.append(
                    ImportProblem(
                        file: name, line: record.line,
                        message: "expected \(expected.count) fields, found \(record.fields.count)"))
                continue
            }
            // Cells `export` made safe for spreadsheets ("'=…") read back as they were.
            let fields = record.fields.map(CSV.restored)
            var values: [LedgerValue] = []
            var rowProblem: String?
            for (field, column) in zip(fields, table.columns) {
                switch Self.value(field, kind: column.kind) {
                case .success(let value): values.append(value)
                case .failure(let message):
                    rowProblem = rowProblem ?? "column '\(column.name)': \(message)"
                    values.append(.null)
                }
            }
            // An amount typed with its currency (`$1,000`) fills an empty currency column.
            if rowProblem == nil, let amount = table.columns.firstIndex(where: { $0.name == "amount" }),
                let currency = table.columns.firstIndex(where: { $0.name == "currency" }),
                case .success(let parsed) = MoneyAmount.parse(fields[amount]), let typed = parsed.currency
            {
                if values[currency] == .null {
                    values[currency] = .text(typed)
                } else if values[currency].text != typed {
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
        case success(LedgerValue)
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
            return .success(.text(Timestamp.utc(date)))
        }
        switch kind {
        case .text:
            return text.isEmpty ? .failure("it is empty") : .success(.text(text))
        case .optionalText:
            return .success(text.isEmpty ? .null : .text(text))
        case .session:
            guard isIdentifier(text) else {
                return .failure(
                    "'\(text.escapingControlCharacters())' is not a session id (letters, digits, - and _, such as 20261123-101500-a1b2c3)"
                )
            }
            return .success(.text(text))
        case .key, .customer, .optionalCustomer:
            // Keys as the chat makes them, so `Jane@Example.com` finds `jane@example.com`.
            if text.isEmpty, case .optionalCustomer = kind { return .success(.null) }
            return CustomerKey(text).map { .success(.text($0.value)) } ?? .failure("it is empty")
        case .time:
            return time(text)
        case .optionalTime:
            return text.isEmpty ? .success(.null) : time(text)
        case .outcome:
            guard Outcome(rawValue: text) != nil else {
                return .failure(
                    "'\(text)' is not an outcome; use \(Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .success(.text(text))
        case .status:
            guard FollowUpItem.Status(rawValue: text) != nil else {
                return .failure("'\(text)' is not a status; use open or done")
            }
            return .success(.text(text))
        case .money:
            if text.isEmpty { return .success(.null) }
            switch MoneyAmount.parse(text) {
            case .success(let amount): return .success(.integer(amount.minorUnits))
            case .failure(let error): return .failure(error.description)
            }
        case .currency:
            if text.isEmpty { return .success(.null) }
            guard let code = MoneyAmount.currencyCode(text) else {
                return .failure("'\(text)' is not a currency code such as EUR or USD")
            }
            return .success(.text(code))
        case .count(let range):
            guard let number = Int(text), range.contains(number) else {
                let upper = range.upperBound == Int.max ? "" : " to \(range.upperBound)"
                return .failure("'\(text)' is not a whole number from \(range.lowerBound)\(upper)")
            }
            return .success(.integer(Int64(number)))
        }
    }
}

/// An import inside one SQLite write transaction.
struct SQLiteImport: LedgerImportTransaction {
    let db: Database

    func customerID(key: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM customer WHERE key = ?"), arguments: [key])
    }

    func hasRecovery(session: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM recovery WHERE session = ?)"), arguments: [session])
            == true
    }

    func insert(_ table: LedgerTable, _ values: [LedgerValue]) throws -> Bool {
        var arguments = StatementArguments(values.map(\.databaseValue))
        let sql: String
        switch table {
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
            let taken = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM followUp WHERE id = ?)"),
                arguments: [values[0].databaseValue])
            if taken == true {
                arguments = StatementArguments([DatabaseValue.null] + values.dropFirst().map(\.databaseValue))
            }
            sql = """
                INSERT INTO followUp (id, session, ordinal, customerId, agent, playbook, step, text, due, status,
                    completed, note, snoozes, completedBy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session, ordinal) DO NOTHING
                """
        case .redCarpets:
            sql = """
                INSERT INTO redCarpet (session, ordinal, customerId, gesture, contacts, created) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """
        }
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
        return db.changesCount > 0
    }
}

extension LedgerValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let text): text.databaseValue
        case .integer(let number): number.databaseValue
        case .null: .null
        }
    }
}
