import Foundation
import Logging
import PostgresNIO
import ReboundLedger
import Synchronization

/// One connection per process to a PostgreSQL server holding rebound's shared stores.
///
/// The command line is synchronous, so each call waits for its transaction on this
/// connection. A connection the server dropped (a restart) is opened again on the next
/// call; errors become one line naming the URL without its password.
final class PostgresServer: @unchecked Sendable {
    /// The URL without its password.
    let location: String
    let url: PostgresURL
    /// What the server is to rebound, for messages: "ledger" or "transcript store".
    let role: String
    private let lock = NSLock()
    /// The thread inside `run`, to refuse a nested transaction instead of deadlocking.
    private let owner = Mutex<Int?>(nil)
    /// Guarded by `lock`.
    private var connection: PostgresConnection?

    /// Connects, and brings the schema up to date. Throws a one-line error naming the URL
    /// without its password.
    init(url text: String, environment: [String: String], role: String) throws(LedgerError) {
        self.role = role
        do {
            url = try PostgresURL(text, environment: environment)
        } catch {
            throw LedgerError(error.description)
        }
        location = url.redacted
        // No other thread has this server yet.
        _ = try connected()
        try migrate()
    }

    deinit {
        try? connection?.close().wait()
    }

    /// PostgreSQL logs nothing of ours: no query text, no URL.
    static let logger = Logger(label: "rebound.postgres") { _ in SwiftLogNoOpLogHandler() }

    /// The open connection, opening one when there is none or the server closed it.
    /// Call with `lock` held.
    private func connected() throws(LedgerError) -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        do {
            let opened = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: try url.configuration(), id: 1,
                logger: Self.logger
            ).wait()
            connection = opened
            return opened
        } catch {
            throw translate(error)
        }
    }

    // MARK: Transactions

    /// Runs `body` in one transaction, turning any other error into a one-line `LedgerError`.
    func transaction<T>(_ body: (PostgresSession) throws -> T) throws(LedgerError) -> T {
        do {
            return try run(body)
        } catch {
            throw translate(error)
        }
    }

    /// Runs `body` in one transaction; a `LedgerError` or `ImportFailure` from the body
    /// rolls it back and comes out as it is. A connection lost before the transaction
    /// committed is opened again and the transaction run once more; a serialization
    /// failure or a deadlock is retried a few times, as PostgreSQL advises.
    /// A body that hands rows to its caller as it goes (a streamed review) is not run
    /// again: `retrying: false`.
    func run<T>(retrying: Bool = true, _ body: (PostgresSession) throws -> T) throws -> T {
        // One transaction at a time on the one connection: a second one started from inside
        // the first (a caller's body asking the same store again) would wait for itself.
        guard owner.withLock({ $0 }) != Thread.current.hash else {
            throw LedgerError("\(role) \(location): a query was started inside another on one connection")
        }
        lock.lock()
        owner.withLock { $0 = Thread.current.hash }
        defer {
            owner.withLock { $0 = nil }
            lock.unlock()
        }
        var attempt = 0
        while true {
            attempt += 1
            let connection = try connected()
            let session = PostgresSession(connection: connection)
            var committing = false
            do {
                try session.execute("BEGIN")
                let result = try body(session)
                committing = true
                try session.execute("COMMIT")
                return result
            } catch {
                if !connection.isClosed { try? session.execute("ROLLBACK") }
                if error is LedgerError || error is ImportFailure { throw error }
                let lost = connection.isClosed || Self.isConnectionLost(error)
                let retryable = Self.isRetryable(error) || (lost && !committing && attempt == 1)
                guard retrying, retryable, attempt < 5 else { throw error }
                if lost {
                    _ = try? connection.close().wait()
                    self.connection = nil
                }
                usleep(UInt32.random(in: 1_000...20_000) * UInt32(attempt))
            }
        }
    }

    /// An error of the server or the network, as opposed to one a caller's body threw.
    static func isDatabaseError(_ error: any Error) -> Bool {
        error is PSQLError || error is IOError || error is ChannelError || error is NIOConnectionError
    }

    /// The server ended this connection (an administrator, a restart) or the network
    /// dropped it; the client may not have seen it close yet when the error arrives.
    static func isConnectionLost(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        if let state = error.serverInfo?[.sqlState] { return state == "57P01" || state == "57P02" }
        return error.code == .serverClosedConnection || error.code == .connectionError
            || error.code == .uncleanShutdown
    }

    /// Serialization failures and deadlocks: run the transaction again.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    /// A PostgreSQL or network error as one line naming the URL without its password.
    /// Unreachable servers and full disks are storage failures: a chat goes on without the
    /// store and says how to add the session later.
    func translate(_ error: any Error) -> LedgerError {
        if let error = error as? LedgerError { return error }
        let place = location
        guard let error = error as? PSQLError else {
            return .storageFailure("cannot reach the \(role) server \(place): \(Self.describe(error))")
        }
        if let info = error.serverInfo, let state = info[.sqlState] {
            let message = info[.message] ?? "error \(state)"
            switch state {
            case "28P01", "28000":
                return LedgerError("cannot sign in to the \(role) server \(place) as '\(url.user)': \(message)")
            case "3D000":
                return LedgerError(
                    "the \(role) server \(place) has no database '\(url.database)'; create it with 'createdb \(url.database)'"
                )
            case "42501":
                return LedgerError(
                    "the role '\(url.user)' may not change the \(role) on \(place): \(message); grant it write access")
            case "25006":
                return LedgerError("the \(role) server \(place) is read-only (a standby?): \(message)")
            case "57014":
                return .storageFailure(
                    "the \(role) server \(place) cancelled a statement that ran past its statement_timeout; try again")
            case "57P01", "57P02", "57P03", "08000", "08003", "08006":
                return .storageFailure("the \(role) server \(place) is not available now: \(message)")
            default:
                if state.hasPrefix("53") {
                    return .storageFailure("the \(role) server \(place) cannot store more: \(message)")
                }
                return LedgerError("\(role) \(place): \(message)")
            }
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            let cause = error.underlying.map(Self.describe) ?? "the connection was closed"
            return .storageFailure("cannot reach the \(role) server \(place): \(cause)")
        case .sslUnsupported:
            return LedgerError("the \(role) server \(place) does not offer TLS; use sslmode=prefer or disable")
        case .authMechanismRequiresPassword:
            return LedgerError(
                "the \(role) server \(place) asks for a password for '\(url.user)'; set PGPASSWORD or ~/.pgpass")
        default:
            return LedgerError("\(role) \(place): \(error.code)")
        }
    }

    /// A network error in words, without the addresses NIO puts in its descriptions.
    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.first.map { describe($0.error) } ?? "connection failed"
        }
        if error is ChannelError { return "the connection timed out or was closed" }
        return String(describing: error)
    }
}

/// One connection inside one transaction.
struct PostgresSession {
    let connection: PostgresConnection

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        Array(try connection.query(query, logger: PostgresServer.logger).wait().rows)
    }

    /// Runs one statement and returns how many rows it changed.
    @discardableResult
    func changes(_ query: PostgresQuery) throws -> Int {
        try connection.query(query, logger: PostgresServer.logger).wait().metadata.rows ?? 0
    }

    func execute(_ sql: String) throws {
        _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgresServer.logger).wait()
    }

    /// The first column of the first row.
    func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type) throws -> T? {
        guard let row = try self.query(query).first else { return nil }
        return try row.makeRandomAccess()[0].decode(T.self)
    }
}
