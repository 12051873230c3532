import Foundation
import ReboundLedger

/// The customer ledger on a PostgreSQL server, shared by a team: every agent's chat sees
/// the others' red carpets and follow-ups as soon as they are stored.
///
/// Concurrency is PostgreSQL's: each method is one transaction, and the rows it decides
/// on are locked first (a customer's row before their contacts are counted, a
/// follow-up's row before it is closed), so twenty agents identifying one customer at
/// once count twenty contacts, and two agents closing one follow-up cannot both succeed.
public final class PostgresLedger: LedgerStore {
    let server: PostgresServer
    public var location: String { server.location }

    /// Connects, and brings the schema up to date. Throws a one-line error naming the URL
    /// without its password.
    public init(url: String, environment: [String: String]) throws(LedgerError) {
        server = try PostgresServer(url: url, environment: environment, role: "ledger")
    }

    public var knownSchemaVersions: [String] { PostgresServer.schemaVersions }

    public func schemaVersion() throws(LedgerError) -> String? {
        try server.schemaVersion()
    }

    func transaction<T>(_ body: (PostgresSession) throws -> T) throws(LedgerError) -> T {
        try server.transaction(body)
    }
}
