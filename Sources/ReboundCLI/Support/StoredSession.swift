import Foundation
import ReboundLedger
import ReboundPostgres
import ReboundText

#if canImport(Glibc)
    import Glibc
#endif

/// One session's transcript and notes, from a file or from the team's store, for the
/// commands that read or annotate one session (`show`, `note`, `dispute`).
struct StoredSession {
    /// How messages name it: a path, or `URL#SESSION`.
    let name: String
    let transcript: [UInt8]
    let notes: [UInt8]
    private let store: PostgresTranscripts?
    private let notesPath: String?

    /// The session `session` names (an id, a unique prefix of one, or a transcript file),
    /// from the team's store when `--transcripts` or `$REBOUND_TRANSCRIPTS` names one.
    init(
        _ session: String, location: TranscriptsOptions<ReadsTranscripts>,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        guard let url = location.server(environment: environment), !session.hasSuffix(".jsonl"),
            !session.contains("/")
        else {
            let path = try location.path(of: session)
            let notesPath = TranscriptsDirectory.notesPath(of: path)
            name = path
            transcript = try FileSystem.read(path)
            notes = FileManager.default.fileExists(atPath: notesPath) ? try FileSystem.read(notesPath) : []
            store = nil
            self.notesPath = notesPath
            return
        }
        guard isIdentifier(session) else {
            throw InputError(
                "'\(session.escapingControlCharacters())' is not a session id; ids look like 20261123-101500-a1b2c3")
        }
        let store = try inLedger { try PostgresTranscripts(url: url, environment: environment) }
        let matches = try inLedger { try store.sessions(prefix: session) }
        let id = matches.contains(session) ? session : matches.count == 1 ? matches[0] : nil
        guard let id, let bytes = try inLedger({ try store.transcript(session: id) }) else {
            throw InputError(
                matches.isEmpty
                    ? "no session '\(session)' in \(store.location)"
                    : "'\(session)' names \(matches.count) sessions in \(store.location); give more of the id")
        }
        name = "\(store.location)#\(id)"
        transcript = bytes
        notes = try inLedger { try store.notes(session: id) }
        self.store = store
        notesPath = nil
    }

    /// Adds one notes line: to the store, or appended to the notes file under an exclusive
    /// lock, so two people can write at once without losing a line.
    func addNote(_ line: [UInt8], session: String) throws {
        if let store {
            try inLedger { try store.addNote(session: session, line: line) }
            return
        }
        guard let notesPath else { return }
        let descriptor = try FileSystem.openForAppending(notesPath, create: true)
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw InputError.system("lock", notesPath) }
        let bytes = line + [UInt8(ascii: "\n")]
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw InputError.system("write notes to", notesPath)
        }
        flock(descriptor, LOCK_UN)
    }
}
