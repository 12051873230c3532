import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// The customer ledger: what must be acted on after a session — follow-ups, red
/// carpets, money at risk — in one SQLite file that several agents' processes share.
///
/// Every row points back to the session it came from; the session's transcript stays
/// the record of what happened.
public final class Ledger: LedgerStore {
    public let path: String
    public var location: String { path }
    public var knownSchemaVersions: [String] { Self.schemaVersions }
    let database: DatabaseQueue

    /// How long a write waits for another process's write before giving up.
    public static let defaultBusyTimeout: TimeInterval = 5

    /// `--ledger`, else `$REBOUND_LEDGER`, else `$XDG_DATA_HOME/rebound/ledger.sqlite`,
    /// else `~/.local/share/rebound/ledger.sqlite`. The second value says whether the
    /// path is the default one, whose directory may be created.
    public static func location(option: String?, environment: [String: String]) -> (path: String, isDefault: Bool) {
        if let option, !option.isEmpty { return (option, false) }
        if let configured = environment["REBOUND_LEDGER"], !configured.isEmpty { return (configured, false) }
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return (data + "/rebound/ledger.sqlite", true)
    }

    /// Opens (creating if needed) and migrates the ledger at `path`. Throws a one-line
    /// error naming the path when the place is missing or read-only, the file is not a
    /// ledger, or another process holds it locked longer than `busyTimeout`.
    public init(
        path: String, createDirectory: Bool = false, busyTimeout: TimeInterval = defaultBusyTimeout
    )
        throws(LedgerError)
    {
        self.path = path
        try Self.checkPlace(path, createDirectory: createDirectory)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "rebound-ledger"
        configuration.prepareDatabase { db in
            // WAL lets readers and one writer work at once across processes.
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Two processes creating or migrating the same file at once would race; the first
        // to lock the directory does it while the others wait.
        let lock = try Self.lockDirectory(Self.folder(of: path), path: path, timeout: busyTimeout)
        defer { close(lock) }
        try Self.createPrivately(path)
        database = try Self.translatingErrors(path: path) {
            let database = try DatabaseQueue(path: path, configuration: configuration)
            try database.read { db in
                if try Self.migrator.hasBeenSuperseded(db) {
                    throw LedgerError("\(path) was written by a newer version of rebound; upgrade rebound to use it")
                }
            }
            try Self.migrator.migrate(database)
            return database
        }
    }

    /// The directory the ledger file is in (`.` for a bare file name).
    static func folder(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// Runs database work, turning SQLite errors into one-line messages naming the file.
    static func translatingErrors<T>(path: String, _ work: () throws -> T) throws(LedgerError) -> T {
        do {
            return try work()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(error, path: path)
        }
    }

    /// Takes an exclusive `flock` on the ledger's directory, waiting up to `timeout`. A
    /// lock on the directory, not the file: closing any descriptor of the database file
    /// would drop SQLite's own locks on it.
    static func lockDirectory(_ directory: String, path: String, timeout: TimeInterval) throws(LedgerError) -> Int32 {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw LedgerError("cannot open the ledger \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = Date() + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw LedgerError("the ledger \(path) is locked by another process; try again in a moment")
            }
            usleep(5_000)
        }
        return descriptor
    }

    /// A new ledger file is created 0600 whatever the umask (SQLite would make it 0644, and
    /// its `-wal` and `-shm` files take the file's mode), and never through a link.
    static func createPrivately(_ path: String) throws(LedgerError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            guard errno == EEXIST else {
                throw LedgerError("cannot create the ledger \(path): \(String(cString: strerror(errno)))")
            }
            return
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else {
            throw LedgerError("cannot create the ledger \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// A missing directory, a directory or file we cannot write: said before SQLite
    /// gives a vaguer error.
    static func checkPlace(_ path: String, createDirectory: Bool) throws(LedgerError) {
        let folder = Self.folder(of: path)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard createDirectory else {
                throw LedgerError("cannot open the ledger \(path): the directory \(folder) does not exist")
            }
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw LedgerError("cannot create the ledger directory \(folder): \(error.localizedDescription)")
            }
        } else if !isDirectory.boolValue {
            throw LedgerError("cannot open the ledger \(path): \(folder) is not a directory")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw LedgerError("cannot open the ledger \(path): it is a directory") }
            guard access(path, R_OK | W_OK) == 0 else {
                throw LedgerError("cannot open the ledger \(path): the file is read-only")
            }
        }
        // SQLite also writes `-wal` and `-shm` files beside the ledger.
        guard access(folder, W_OK | X_OK) == 0 else {
            throw LedgerError("cannot open the ledger \(path): the directory \(folder) is read-only")
        }
    }

    /// Runs a write transaction (IMMEDIATE, so two processes never deadlock upgrading
    /// a read lock), turning SQLite errors into one-line messages.
    func write<T>(_ updates: (Database) throws -> T) throws(LedgerError) -> T {
        try Self.translatingErrors(path: path) { try database.write(updates) }
    }

    func read<T>(_ query: (Database) throws -> T) throws(LedgerError) -> T {
        try Self.translatingErrors(path: path) { try database.read(query) }
    }

    /// How many rows each table holds.
    public func rowCounts() throws(LedgerError) -> [(table: LedgerTable, rows: Int)] {
        try read { db in
            try LedgerTable.allCases.map { ($0, try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0.sqlName)") ?? 0) }
        }
    }

    /// The schema version the file holds, such as `v2`.
    public func schemaVersion() throws(LedgerError) -> String? {
        try read { db in try Self.migrator.appliedIdentifiers(db).sorted().last }
    }
}

/// A ledger problem as one line for the agent, naming the file.
public struct LedgerError: Error, CustomStringConvertible, Equatable {
    public let description: String
    /// The ledger's storage failed (it cannot grow, the disk is full, an I/O error): the
    /// place is right but writing it is not possible now. A chat goes on without it.
    public private(set) var isStorageFailure = false

    /// There is no follow-up with this number; the front end says how to list them.
    public private(set) var isUnknownFollowUp = false

    public init(_ description: String) {
        self.description = description
    }

    /// Storage that cannot be written now (an unreachable server, a full disk): a chat
    /// goes on without the ledger.
    public static func storageFailure(_ description: String) -> LedgerError {
        var error = LedgerError(description)
        error.isStorageFailure = true
        return error
    }

    public init(unknownFollowUp id: Int64) {
        self.init("no follow-up #\(id)")
        isUnknownFollowUp = true
    }

    init(_ error: any Error, path: String) {
        guard let error = error as? DatabaseError else {
            self.init("ledger \(path): \(error)")
            return
        }
        switch error.resultCode {
        case .SQLITE_IOERR:
            var limit = rlimit()
            let capped =
                getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
            self.init(
                "cannot write the ledger \(path): "
                    + (capped
                        ? "it cannot grow past the file size limit ('ulimit -f', \(limit.rlim_cur / 1024) KB)"
                        : "\(error.message ?? "disk I/O error")"))
            isStorageFailure = true
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self.init("the ledger \(path) is locked by another process; try again in a moment")
        case .SQLITE_NOTADB:
            self.init("\(path) is not a Rebound ledger (not an SQLite database)")
        case .SQLITE_CORRUPT:
            self.init("the ledger \(path) is damaged; restore it from a backup or 'rebound ledger export' output")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            self.init("cannot write the ledger \(path): \(error.message ?? "permission denied")")
        case .SQLITE_FULL:
            self.init("cannot write the ledger \(path): the disk is full")
            isStorageFailure = true
        default:
            self.init("ledger \(path): \(error.message ?? "\(error)")")
        }
    }
}
