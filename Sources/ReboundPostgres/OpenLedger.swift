import Foundation
import ReboundLedger

/// The ledger a location names: a `postgresql://` URL is a team's server, anything else an
/// SQLite file (its directory created when `createDirectory`, as for the default place).
public func openLedger(
    _ location: String, createDirectory: Bool = false, busyTimeout: TimeInterval = Ledger.defaultBusyTimeout,
    environment: [String: String]
) throws(LedgerError) -> any LedgerStore {
    if PostgresURL.isURL(location) {
        return try PostgresLedger(url: location, environment: environment)
    }
    return try Ledger(path: location, createDirectory: createDirectory, busyTimeout: busyTimeout)
}
