import Foundation
import PostgresNIO
import ReboundLedger
import ReboundPostgres

// Test fixtures shared by the test targets: not part of any product, never used by the
// rebound executable.

/// The two ledger stores; behaviour tests run unchanged against each. PostgreSQL is
/// tested when `REBOUND_TEST_POSTGRES` names a server (`scripts/dev-postgres.sh start`);
/// CI always names one, and sets `REBOUND_REQUIRE_POSTGRES` so a missing server fails.
public enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgresql

    public var description: String { rawValue }

    public static let serverURL: String? = ProcessInfo.processInfo.environment["REBOUND_TEST_POSTGRES"].flatMap {
        $0.isEmpty ? nil : $0
    }

    public static var available: [StoreKind] { serverURL == nil ? [.sqlite] : [.sqlite, .postgresql] }
}

/// A fresh, empty ledger of one kind for one test: an SQLite file in its own directory, or
/// a database of its own on the test server. Both are removed afterwards.
public final class StoreFixture {
    public let kind: StoreKind
    public let store: any LedgerStore
    /// The SQLite file, or the PostgreSQL URL of this test's database.
    public let location: String
    private let directory: LedgerDirectory?
    /// The PostgreSQL database of this test.
    public let database: String?

    public init(_ kind: StoreKind) throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            let directory = try LedgerDirectory()
            self.directory = directory
            database = nil
            location = directory.ledgerPath
        case .postgresql:
            let name = "rebound_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try PostgresAdmin.execute("CREATE DATABASE \(name)")
            directory = nil
            database = name
            location = PostgresAdmin.url(database: name)
        }
        store = try Self.open(location)
    }

    /// Another store on the same ledger, as a second agent's process would open it.
    public func reopen() throws -> any LedgerStore { try Self.open(location) }

    public static func open(_ location: String) throws -> any LedgerStore {
        try openLedger(location, environment: ProcessInfo.processInfo.environment)
    }

    deinit {
        if let database { try? PostgresAdmin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
    }
}

/// Statements on the test server's own database (creating and dropping test databases).
public enum PostgresAdmin {
    public static func url(database: String) -> String {
        let base = StoreKind.serverURL ?? ""
        return base + (base.contains("?") ? "&" : "?") + "dbname=\(database)"
    }

    public static func execute(_ sql: String, database: String? = nil) throws {
        let connection = try connect(database: database)
        defer { try? connection.close().wait() }
        _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
    }

    static let logger = Logger(label: "rebound-tests")

    /// A connection of the test's own to the server's database, or to `database`.
    public static func connect(database: String? = nil) throws -> PostgresConnection {
        var url = try PostgresURL(StoreKind.serverURL ?? "", environment: ProcessInfo.processInfo.environment)
        if let database { url.database = database }
        return try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: try url.configuration(), id: 0,
            logger: logger
        ).wait()
    }
}

/// One CSV file's text as an import would read it.
public func csv(_ table: LedgerTable, _ name: String, _ text: String) -> LedgerImportFile {
    LedgerImportFile(table: table, name: name, bytes: Array(text.utf8))
}

/// A fresh directory for one test's files, removed afterwards.
public final class LedgerDirectory {
    public let path: String

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-ledger-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public var ledgerPath: String { path + "/ledger.sqlite" }

    public func open() throws -> Ledger { try Ledger(path: ledgerPath) }

    deinit {
        chmod(path, 0o700)
        try? FileManager.default.removeItem(atPath: path)
    }
}
