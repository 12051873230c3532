import ArgumentParser
import Foundation
import ReboundLedger

/// `--ledger PATH`, shared by every command that reads or writes the customer ledger.
struct LedgerOptions: ParsableArguments {
    @Option(
        help: """
            The customer ledger (default: $REBOUND_LEDGER, else $XDG_DATA_HOME/rebound/ledger.sqlite, \
            else ~/.local/share/rebound/ledger.sqlite).
            """,
        completion: .file())
    var ledger: String?

    /// For a chat: the ledger, or why its storage cannot be written now (the chat goes on
    /// without it); a wrong place (a missing directory, not a ledger) is still an error.
    func openUnlessStorageFails(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(InputError) -> Result<Ledger, LedgerError> {
        let (path, isDefault) = Ledger.location(option: ledger, environment: environment)
        do {
            return .success(try Ledger(path: path, createDirectory: isDefault))
        } catch let failure where failure.isStorageFailure {
            return .failure(failure)
        } catch {
            throw InputError(error.description)
        }
    }

    /// Opens the ledger, or says in one line why it cannot be opened.
    func open(environment: [String: String] = ProcessInfo.processInfo.environment) throws(InputError) -> Ledger {
        let (path, isDefault) = Ledger.location(option: ledger, environment: environment)
        do {
            return try Ledger(path: path, createDirectory: isDefault)
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
