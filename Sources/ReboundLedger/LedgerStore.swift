import Foundation
import ReboundReview
import ReboundText

/// What the chat, `followups` and `ledger` need of a customer ledger, whichever database
/// holds it: one agent's SQLite file (`Ledger`) or a team's PostgreSQL server
/// (`PostgresLedger`). Both pass the same test suite (`LedgerStoreTests`).
///
/// Every method is one transaction: a contact, a recorded session or a closed follow-up
/// is stored whole or not at all, and is visible to every other agent when it returns.
public protocol LedgerStore: AnyObject, Sendable {
    /// Where the ledger is, as shown to people: a path, or a URL without its password.
    var location: String { get }

    /// Counts a contact with the customer identified by `answer` in `session` and
    /// returns their history, with the red carpets this contact falls under. Counting the
    /// same session again (a resumed session, an answer given twice) changes nothing.
    func contact(
        customer answer: String, session: String, playbook: String, agent: String, at time: Date
    ) throws(LedgerError) -> CustomerHistory?

    /// Stores what a finished session leaves for later: the recovery with its money and
    /// cause, the follow-ups, the red carpets. Recording the same session again updates
    /// the recovery and keeps follow-ups already done as they are.
    @discardableResult
    func record(_ recovery: RecoveryRecord) throws(LedgerError) -> RecordedRecovery

    /// Whether the ledger already holds this session's recovery.
    func hasRecovery(session: String) throws(LedgerError) -> Bool

    /// The recoveries the filter selects, each with its customer's next contact in
    /// another session (for first-contact resolution).
    func firstContactRows(_ filter: RevenueFilter) throws(LedgerError) -> [FirstContactRow]

    /// Follow-ups in due order (oldest first).
    func followUps(_ filter: FollowUpFilter, limit: Int?) throws(LedgerError) -> [FollowUpItem]

    /// How many open follow-ups are due before `before`, for one agent or everyone.
    func dueCount(before: String, agent: String?) throws(LedgerError) -> Int

    /// Marks an open follow-up done, with what was done. Of two agents closing the same
    /// one, the second is told it is already done.
    @discardableResult
    func complete(_ id: Int64, note: String, by agent: String, at time: Date) throws(LedgerError) -> FollowUpItem

    /// Puts an open follow-up off by `days` from its due time, or from now when it is
    /// overdue.
    @discardableResult
    func snooze(_ id: Int64, days: Int, at time: Date) throws(LedgerError) -> FollowUpItem

    /// Money at risk and what became of it.
    func revenueReport(_ filter: RevenueFilter) throws(LedgerError) -> RevenueReport

    /// How many rows each table holds.
    func rowCounts() throws(LedgerError) -> [(table: LedgerTable, rows: Int)]

    /// The schema version the store holds, such as `v2`.
    func schemaVersion() throws(LedgerError) -> String?

    /// The schema versions this build knows, oldest first.
    var knownSchemaVersions: [String] { get }

    /// One table as CSV, header first.
    func export(_ table: LedgerTable) throws(LedgerError) -> String

    /// Imports CSV files, each with the table it holds, in one transaction: every row
    /// is checked first, and any bad row means nothing is stored. Rows already present
    /// (same customer key, same session) are counted and left alone, so an import that
    /// stopped half way can simply be run again.
    func importTables(_ files: [LedgerImportFile]) throws(ImportFailure) -> ImportSummary
}

extension LedgerStore {
    /// Every follow-up the filter selects.
    public func followUps(_ filter: FollowUpFilter) throws(LedgerError) -> [FollowUpItem] {
        try followUps(filter, limit: nil)
    }

    /// First-contact resolution over the recoveries the filter selects: a customer who
    /// came back within `days` of a resolved session was not resolved at the first contact.
    public func firstContactReport(_ filter: RevenueFilter, days: Int) throws(LedgerError) -> FirstContactReport {
        FirstContactReport(try firstContactRows(filter), days: days)
    }

    public func revenueReport() throws(LedgerError) -> RevenueReport {
        try revenueReport(RevenueFilter())
    }
}

/// One CSV file to import and the table it holds.
public struct LedgerImportFile: Sendable {
    public var table: LedgerTable
    /// How problems name the file.
    public var name: String
    public var bytes: [UInt8]

    public init(table: LedgerTable, name: String, bytes: [UInt8]) {
        self.table = table
        self.name = name
        self.bytes = bytes
    }
}

/// A field as both stores keep it: text, a whole number or nothing.
public enum LedgerValue: Equatable, Sendable {
    case text(String)
    case integer(Int64)
    case null

    public var text: String? {
        if case .text(let text) = self { text } else { nil }
    }

    public var integer: Int64? {
        if case .integer(let number) = self { number } else { nil }
    }
}

/// What an import needs of a store inside its one transaction.
public protocol LedgerImportTransaction {
    /// The row id of the customer with this key, including ones imported so far.
    func customerID(key: String) throws -> Int64?
    /// Whether the recovery of this session is there, including ones imported so far.
    func hasRecovery(session: String) throws -> Bool
    /// Adds one checked row, whose customer keys are already row ids; `false` when a row
    /// with the same identity is there already.
    func insert(_ table: LedgerTable, _ values: [LedgerValue]) throws -> Bool
}

/// Rows of one file that passed every check, ready to store.
public struct CheckedImportFile: Sendable {
    public var table: LedgerTable
    public var name: String
    public var rows: [(line: Int, values: [LedgerValue])]
}

extension LedgerTable {
    /// Reads and checks every file (parents before children, so foreign keys resolve);
    /// any problem in any file fails the whole import before anything is stored.
    public static func check(_ files: [LedgerImportFile]) throws(ImportFailure) -> [CheckedImportFile] {
        var problems: [ImportProblem] = []
        var checked: [CheckedImportFile] = []
        let ordered = LedgerTable.allCases.flatMap { table in files.filter { $0.table == table } }
        for file in ordered {
            let rows = Ledger.validate(file.bytes, as: file.table, name: file.name, problems: &problems)
            checked.append(CheckedImportFile(table: file.table, name: file.name, rows: rows))
        }
        guard problems.isEmpty else { throw ImportFailure(problems: problems) }
        return checked
    }

    /// Stores checked files through a store's transaction: customer keys become row ids,
    /// and a row naming a customer or session the ledger does not hold is a problem.
    /// Throws `ImportFailure` (so the caller rolls back) when any row had one.
    public static func store(
        _ files: [CheckedImportFile], into transaction: some LedgerImportTransaction
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        var problems: [ImportProblem] = []
        for file in files {
            for row in file.rows {
                var values = row.values
                var problem: String?
                for (index, column) in file.table.columns.enumerated() {
                    switch column.kind {
                    case .customer, .optionalCustomer:
                        guard let key = row.values[index].text else { continue }
                        if let id = try transaction.customerID(key: key) {
                            values[index] = .integer(id)
                        } else {
                            problem = problem ?? "no customer '\(key)' in the ledger or in customers.csv"
                        }
                    default: continue
                    }
                }
                if problem == nil, file.table.needsRecovery,
                    let session = file.table.sessionColumn.flatMap({ row.values[$0].text }),
                    try !transaction.hasRecovery(session: session)
                {
                    problem = "no recovery for session '\(session)' in the ledger or in recoveries.csv"
                }
                if let problem {
                    problems.append(ImportProblem(file: file.name, line: row.line, message: problem))
                    continue
                }
                if try transaction.insert(file.table, values) {
                    summary.added[file.table, default: 0] += 1
                } else {
                    summary.present[file.table, default: 0] += 1
                }
            }
        }
        if !problems.isEmpty { throw ImportFailure(problems: problems) }
        return summary
    }

    /// One exported row as CSV: money in major units, nothing as an empty field.
    public func csvRow(_ values: [LedgerValue]) -> String {
        var fields: [String] = []
        for (value, column) in zip(values, columns) {
            switch (column.kind, value) {
            case (.money, .integer(let minor)): fields.append(MoneyAmount.decimal(minor))
            case (_, .integer(let number)): fields.append(String(number))
            case (_, .text(let text)): fields.append(text)
            case (_, .null): fields.append("")
            }
        }
        return CSV.row(fields)
    }

    /// The header line of an exported file.
    public var csvHeader: String { CSV.row(columns.map(\.name)) }

    /// The column names in file order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The session column, if the table has one.
    var sessionColumn: Int? { columns.firstIndex { $0.name == "session" } }

    /// Follow-ups and red carpets belong to a recovered session.
    var needsRecovery: Bool { self == .followUps || self == .redCarpets }
}
