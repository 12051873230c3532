import Foundation
import PostgresNIO
import ReboundLedger
import ReboundPostgres
import ReboundTestSupport
import Synchronization
import Testing

@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    @Test("libpq URLs: TCP, a socket directory, IPv6, environment fallbacks; the password never in the shown form")
    func parsing() throws {
        let tcp = try PostgresURL(
            "postgresql://ana:s3cr%40t@db.example.com:6543/team?sslmode=require", environment: [:])
        #expect(tcp.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(tcp.user == "ana" && tcp.password == "s3cr@t" && tcp.database == "team" && tcp.tlsMode == .require)
        #expect(tcp.redacted == "postgresql://ana@db.example.com:6543/team?sslmode=require")

        let socket = try PostgresURL(
            "postgres:///ledger?host=/run/pg&port=5433&password=x", environment: ["USER": "li"])
        #expect(socket.endpoint == .socket(path: "/run/pg/.s.PGSQL.5433"))
        #expect(socket.user == "li" && socket.database == "ledger" && socket.password == "x")
        #expect(socket.redacted == "postgres:///ledger?host=/run/pg&port=5433")

        let ipv6 = try PostgresURL("postgresql://[::1]:5432/x", environment: ["PGUSER": "bo", "PGPASSWORD": "pw"])
        #expect(ipv6.endpoint == .tcp(host: "::1", port: 5432) && ipv6.user == "bo" && ipv6.password == "pw")

        let bare = try PostgresURL(
            "postgresql://", environment: ["PGHOST": "pg.internal", "PGDATABASE": "rb", "USER": "u"])
        #expect(
            bare.endpoint == .tcp(host: "pg.internal", port: 5432) && bare.database == "rb" && bare.tlsMode == .prefer)
    }

    @Test("a bad port, sslmode or parameter is one line without the password")
    func badURLs() {
        let cases = [
            ("postgresql://a:pw@h:99999/d", "postgresql://a@h:99999/d: '99999' is not a port number"),
            (
                "postgresql://a:pw@h/d?sslmode=strict",
                "postgresql://a@h/d?sslmode=strict: sslmode 'strict' is not one of disable, allow, prefer, require, verify-ca, verify-full"
            ),
            (
                "postgresql://a:pw@h/d?sslrootcert=x",
                "postgresql://a@h/d?sslrootcert=x: unknown parameter 'sslrootcert'; rebound reads application_name, connect_timeout, dbname, host, password, port, sslmode, user"
            ),
        ]
        for (text, message) in cases {
            #expect(throws: PostgresURLError.self) { try PostgresURL(text, environment: [:]) }
            do {
                _ = try PostgresURL(text, environment: [:])
            } catch {
                #expect(error.description == message)
                #expect(!error.description.contains("pw"))
            }
        }
    }

    @Test("~/.pgpass gives the password for the matching line, with wildcards and escapes, only when it is private")
    func passwordFile() throws {
        let directory = try LedgerDirectory()
        let file = directory.path + "/pgpass"
        try """
        # comment
        other:5432:*:ana:wrong
        db.example.com:5432:team:ana:right\\:one
        *:*:*:*:fallback
        """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        func password(_ url: String) throws -> String? {
            try PostgresURL(url, environment: ["PGPASSFILE": file]).password
        }
        #expect(try password("postgresql://ana@db.example.com/team") == "right:one")
        #expect(try password("postgresql://bo@elsewhere/x") == "fallback")
        #expect(try password("postgresql://ana:given@db.example.com/team") == "given")
        chmod(file, 0o644)
        #expect(try password("postgresql://ana@db.example.com/team") == nil, "a file others can read is ignored")
    }
}

/// Faults of a real server: each is one line naming the URL without its password.
@Suite("PostgreSQL ledger faults", .enabled(if: StoreKind.serverURL != nil))
struct PostgresLedgerFaultTests {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The test server over loopback TCP, where passwords are checked
    /// (`scripts/dev-postgres.sh`: the role `rebound` has the password `rebound`).
    static var tcpURL: String? { environment["REBOUND_TEST_POSTGRES_TCP"] }

    static func message(_ open: () throws -> Void) -> String? {
        do {
            try open()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("a wrong password, a missing password, a missing database and a closed port: one line each, no password")
    func connectionFaults() throws {
        let tcp = try #require(Self.tcpURL, "REBOUND_TEST_POSTGRES_TCP names the server over TCP")
        let withPassword = { (password: String) in
            tcp.replacingOccurrences(of: "://rebound@", with: "://rebound:\(password)@")
        }
        let wrong = Self.message { _ = try PostgresLedger(url: withPassword("hunter2"), environment: [:]) }
        #expect(
            wrong?.hasPrefix("cannot sign in to the ledger server \(tcp) as 'rebound': password authentication failed")
                == true, "\(wrong ?? "")")
        #expect(wrong?.contains("hunter2") == false)
        let missing = Self.message { _ = try PostgresLedger(url: tcp, environment: ["HOME": "/nonexistent"]) }
        #expect(missing == "the ledger server \(tcp) asks for a password for 'rebound'; set PGPASSWORD or ~/.pgpass")
        _ = try PostgresLedger(url: tcp, environment: ["PGPASSWORD": "rebound"])

        let noDatabase = PostgresAdmin.url(database: "no_such_ledger")
        #expect(
            Self.message { _ = try PostgresLedger(url: noDatabase, environment: Self.environment) }
                == "the ledger server \(noDatabase) has no database 'no_such_ledger'; create it with 'createdb no_such_ledger'"
        )

        let closed = "postgresql://rebound:hunter2@127.0.0.1:9/rebound?connect_timeout=2"
        var refused: LedgerError?
        do { _ = try PostgresLedger(url: closed, environment: [:]) } catch { refused = error }
        #expect(
            refused?.description
                == "cannot reach the ledger server postgresql://rebound@127.0.0.1:9/rebound?connect_timeout=2: Connection refused"
        )
        #expect(refused?.isStorageFailure == true, "a chat goes on without an unreachable ledger")
    }

    @Test("a ledger written by a newer rebound is refused; two agents creating one ledger at once both succeed")
    func schema() throws {
        let fixture = try StoreFixture(.postgresql)
        #expect(try fixture.store.schemaVersion() == "v4")
        let name = try #require(fixture.database)
        // Eight agents' stores opening one new database together: one creates the schema.
        let fresh = "rebound_fresh_" + String(UInt32.random(in: 0...UInt32.max))
        try PostgresAdmin.execute("CREATE DATABASE \(fresh)")
        defer { try? PostgresAdmin.execute("DROP DATABASE IF EXISTS \(fresh) WITH (FORCE)") }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                _ = try PostgresLedger(url: PostgresAdmin.url(database: fresh), environment: Self.environment)
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])

        try PostgresAdmin.execute("INSERT INTO rebound_schema (version) VALUES ('v9')", database: name)
        #expect(
            Self.message { _ = try fixture.reopen() }
                == "the ledger on \(fixture.location) was written by a newer version of rebound (schema v9); upgrade rebound to use it"
        )
    }

    @Test("a read-only role reads the ledger and is told, in one line, that it may not change it")
    func readOnlyRole() throws {
        let fixture = try StoreFixture(.postgresql)
        let name = try #require(fixture.database)
        try fixture.store.record(recovery("s1"))
        let role = "reader_" + name.suffix(12)
        try PostgresAdmin.execute("CREATE ROLE \(role) LOGIN")
        defer {
            try? PostgresAdmin.execute("DROP OWNED BY \(role)", database: name)
            try? PostgresAdmin.execute("DROP ROLE IF EXISTS \(role)")
        }
        try PostgresAdmin.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)", database: name)
        let reader = try PostgresLedger(
            url: fixture.location + "&user=\(role)", environment: Self.environment)
        #expect(try reader.followUps(FollowUpFilter(scope: .all)).count == 1)
        var refused: LedgerError?
        do { try reader.complete(1, note: "called", by: "pat", at: Date()) } catch { refused = error }
        #expect(
            refused?.description.hasPrefix("the role '\(role)' may not change the ledger on \(reader.location)")
                == true,
            "\(refused?.description ?? "")")
    }

    @Test("a connection the server closed (a restart) is opened again on the next call, and nothing is lost")
    func reconnect() throws {
        let fixture = try StoreFixture(.postgresql)
        let name = try #require(fixture.database)
        let store = fixture.store
        try store.record(recovery("s1"))
        try PostgresAdmin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()"
        )
        try store.record(recovery("s2", customer: "bo@example.com"))
        #expect(try store.rowCounts().first { $0.table == .recoveries }?.rows == 2)
    }

    @Test("a statement held past the server's statement_timeout is a one-line storage failure; the chat goes on")
    func statementTimeout() throws {
        let fixture = try StoreFixture(.postgresql)
        let name = try #require(fixture.database)
        try fixture.store.record(recovery("s1"))
        try PostgresAdmin.execute("ALTER DATABASE \(name) SET statement_timeout = '300ms'")
        let store = try fixture.reopen()
        // Another session holds the customer's row; the contact waits for it, then gives up.
        let holder = try PostgresAdmin.connect(database: name)
        defer { try? holder.close().wait() }
        let logger = Logger(label: "rebound-tests")
        _ = try holder.query("BEGIN", logger: logger).wait()
        _ = try holder.query("SELECT * FROM customer FOR UPDATE", logger: logger).wait()
        var timedOut: LedgerError?
        do {
            _ = try store.contact(customer: "jane@example.com", session: "s2", playbook: "p", agent: "a", at: Date())
        } catch {
            timedOut = error
        }
        #expect(
            timedOut?.description
                == "the ledger server \(store.location) cancelled a statement that ran past its statement_timeout; try again"
        )
        #expect(timedOut?.isStorageFailure == true)
        _ = try holder.query("ROLLBACK", logger: logger).wait()
        #expect(try store.hasRecovery(session: "s1"))
    }
}
