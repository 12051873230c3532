import Foundation
import ReboundLedger
import ReboundPostgres
import ReboundReview
import ReboundTranscript

/// Where a review reads sessions from. Today a directory of JSON Lines files; a shared
/// store (PostgreSQL, object storage) fits behind the same protocol without touching
/// the review itself.
protocol TranscriptSource {
    /// Calls `body` once per session, in a stable order, one session in memory at a time.
    func forEachSession(
        _ body: (
            _ name: String, _ header: TranscriptHeader?, _ events: [TranscriptEvent],
            _ problems: [TranscriptCoding.LineError]
        ) throws -> Void
    ) throws

    /// The notes and disputes of the session `forEachSession` named `name`.
    func notes(of name: String, session: String) throws -> [CoachNote]
}

/// Transcripts as files: `*.jsonl` under directories (notes sidecars skipped). A session
/// found at two paths (collected twice, or a copy) is read once: the first path in order.
struct TranscriptFiles: TranscriptSource {
    let paths: [String]

    func forEachSession(
        _ body: (String, TranscriptHeader?, [TranscriptEvent], [TranscriptCoding.LineError]) throws -> Void
    ) throws {
        var seen = Set<String>()
        for path in try Self.files(in: paths) {
            let (header, events, problems) = TranscriptCoding.decode(try FileSystem.read(path))
            if let session = header?.session, !seen.insert(session).inserted { continue }
            try body(path, header, events, problems)
        }
    }

    func notes(of name: String, session: String) throws -> [CoachNote] {
        let notesPath = TranscriptsDirectory.notesPath(of: name)
        guard FileManager.default.fileExists(atPath: notesPath) else { return [] }
        return CoachNote.decode(try FileSystem.read(notesPath)).notes
    }

    /// The transcript files under `paths`, without notes sidecars.
    static func files(in paths: [String]) throws(InputError) -> [String] {
        try FileSystem.expand(paths, suffix: ".jsonl").filter { !$0.hasSuffix(".notes.jsonl") }
    }
}

/// Transcripts on the team's PostgreSQL server, streamed through a server-side cursor:
/// one session in memory at a time. A session is named `URL#SESSION` in messages.
final class TranscriptServer: TranscriptSource {
    let store: PostgresTranscripts
    /// Read before the sessions are streamed: the stream holds the connection.
    private var notesBySession: [String: [UInt8]] = [:]

    init(url: String, environment: [String: String]) throws(InputError) {
        do {
            store = try PostgresTranscripts(url: url, environment: environment)
        } catch {
            throw InputError(error.description)
        }
    }

    func forEachSession(
        _ body: (String, TranscriptHeader?, [TranscriptEvent], [TranscriptCoding.LineError]) throws -> Void
    ) throws {
        notesBySession = try inLedger { try store.allNotes() }
        do {
            try store.forEachSession { session, bytes in
                let (header, events, problems) = TranscriptCoding.decode(bytes)
                try body("\(store.location)#\(session)", header, events, problems)
            }
        } catch let error as LedgerError {
            throw InputError(error.description)
        }
    }

    func notes(of name: String, session: String) throws -> [CoachNote] {
        CoachNote.decode(notesBySession[session] ?? []).notes
    }
}
