import Foundation
import PostgresNIO
import ReboundLedger
import ReboundPostgres
import Testing

/// The two ledger stores; behaviour tests run unchanged against each. PostgreSQL is
/// tested when `REBOUND_TEST_POSTGRES` names a server (`scripts/dev-postgres.sh start`);
/// CI always names one, and sets `REBOUND_REQUIRE_POSTGRES` so a missing server fails.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgresql

    var testDescription: String { rawValue }

    static let serverURL: String? = ProcessInfo.processInfo.environment["REBOUND_TEST_POSTGRES"].flatMap {
        $0.isEmpty ? nil : $0
    }

    static var available: [StoreKind] { serverURL == nil ? [.sqlite] : [.sqlite, .postgresql] }
}

/// A fresh, empty ledger of one kind for one test: an SQLite file in its own directory, or
/// a database of its own on the test server. Both are removed afterwards.
final class StoreFixture {
    let kind: StoreKind
    let store: any LedgerStore
    /// The SQLite file, or the PostgreSQL URL of this test's database.
    let location: String
    private let directory: LedgerDirectory?
    private let database: String?

    init(_ kind: StoreKind) throws {
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
    func reopen() throws -> any LedgerStore { try Self.open(location) }

    static func open(_ location: String) throws -> any LedgerStore {
        if PostgresURL.isURL(location) {
            return try PostgresLedger(url: location, environment: ProcessInfo.processInfo.environment)
        }
        return try Ledger(path: location)
    }

    deinit {
        if let database { try? PostgresAdmin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
    }
}

/// Statements on the test server's own database (creating and dropping test databases).
enum PostgresAdmin {
    static func url(database: String) -> String {
        let base = StoreKind.serverURL ?? ""
        return base + (base.contains("?") ? "&" : "?") + "dbname=\(database)"
    }

    static func execute(_ sql: String) throws {
        let url = try PostgresURL(StoreKind.serverURL ?? "", environment: ProcessInfo.processInfo.environment)
        let configuration: PostgresConnection.Configuration
        switch url.endpoint {
        case .socket(let path):
            configuration = .init(
                unixSocketPath: path, username: url.user, password: url.password, database: url.database)
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: url.user, password: url.password, database: url.database,
                tls: .disable)
        }
        let logger = Logger(label: "rebound-tests")
        let connection = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 0, logger: logger
        ).wait()
        defer { try? connection.close().wait() }
        _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
    }
}

/// One CSV file's text as an import would read it.
func csv(_ table: LedgerTable, _ name: String, _ text: String) -> LedgerImportFile {
    LedgerImportFile(table: table, name: name, bytes: Array(text.utf8))
}

@Suite("ledger stores")
struct LedgerStoreAvailabilityTests {
    @Test("CI runs every store test against a real PostgreSQL server, not only SQLite")
    func postgresWhenRequired() {
        if ProcessInfo.processInfo.environment["REBOUND_REQUIRE_POSTGRES"] != nil {
            #expect(StoreKind.available.contains(.postgresql), "REBOUND_TEST_POSTGRES names no server")
        }
    }
}
