import ArgumentParser
import Foundation
import ReboundLedger
import ReboundPostgres

/// `--ledger PATH|URL`, shared by every command that reads or writes the customer ledger.
struct LedgerOptions: ParsableArguments {
    @Option(
        help: """
            The customer ledger: an SQLite file, or a team's PostgreSQL server as a postgresql:// URL \
            (default: $REBOUND_LEDGER, else $XDG_DATA_HOME/rebound/ledger.sqlite, \
            else ~/.local/share/rebound/ledger.sqlite).
            """,
        completion: .file())
    var ledger: String?

    /// The store a location names: a `postgresql://` URL is a team's server, anything
    /// else an SQLite file (whose directory is created when it is the default one).
    static func openStore(
        _ location: (path: String, isDefault: Bool), environment: [String: String]
    ) throws(LedgerError) -> any LedgerStore {
        try openLedger(location.path, createDirectory: location.isDefault, environment: environment)
    }

    /// For a chat: the ledger, or why its storage cannot be written now (the chat goes on
    /// without it); a wrong place (a missing directory, not a ledger) is still an error.
    func openUnlessStorageFails(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(InputError) -> Result<any LedgerStore, LedgerError> {
        do {
            return .success(
                try Self.openStore(Ledger.location(option: ledger, environment: environment), environment: environment))
        } catch let failure where failure.isStorageFailure {
            return .failure(failure)
        } catch {
            throw InputError(error.description)
        }
    }

    /// Opens the ledger, or says in one line why it cannot be opened.
    func open(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(InputError)
        -> any LedgerStore
    {
        do {
            return try Self.openStore(
                Ledger.location(option: ledger, environment: environment), environment: environment)
        } catch {
            throw InputError(error.description)
        }
    }
}

/// Runs a ledger operation, turning its error (a `LedgerError`) into the command's
/// one-line error.
@discardableResult
func inLedger<T>(_ body: () throws -> T) throws(InputError) -> T {
    do {
        return try body()
    } catch let error as InputError {
        throw error
    } catch let error as LedgerError where error.isUnknownFollowUp {
        throw InputError("\(error); 'rebound followups --all' lists them")
    } catch {
        throw InputError("\(error)")
    }
}
