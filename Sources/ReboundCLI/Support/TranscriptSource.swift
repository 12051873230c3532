import Foundation
import ReboundLedger
import ReboundPostgres
import ReboundReview
import ReboundTranscript
import Synchronization

/// Where a review reads sessions from. Today a directory of JSON Lines files; a shared
/// store (PostgreSQL, object storage) fits behind the same protocol without touching
/// the review itself.
protocol TranscriptSource {
    /// Calls `body` once per session, in a stable order, one session in memory at a time;
    /// its events decode a field when it is read (`EventLines.events` decodes them all).
    /// `prepare` is given each session that has a header, on any thread and ahead of `body`,
    /// which is given what it made: work that needs no other session is done on every core.
    func forEachSession<Prepared: Sendable>(
        preparing prepare: @escaping @Sendable (_ header: TranscriptHeader, _ events: EventLines) -> Prepared,
        _ body: (
            _ name: String, _ header: TranscriptHeader?, _ events: EventLines,
            _ problems: [TranscriptCoding.LineError], _ prepared: Prepared?
        ) throws -> Void
    ) throws

    /// The notes and disputes of the session `forEachSession` named `name`.
    func notes(of name: String, session: String) throws -> [CoachNote]
}

extension TranscriptSource {
    /// `forEachSession(preparing:_:)` with nothing prepared.
    func forEachSession(
        _ body: (
            _ name: String, _ header: TranscriptHeader?, _ events: EventLines,
            _ problems: [TranscriptCoding.LineError]
        ) throws -> Void
    ) throws {
        try forEachSession(preparing: { _, _ in () }) { name, header, events, problems, _ in
            try body(name, header, events, problems)
        }
    }
}

/// Transcripts as files: `*.jsonl` under directories (notes sidecars skipped). A session
/// found at two paths (collected twice, or a copy) is read once: the first path in order.
struct TranscriptFiles: TranscriptSource {
    let paths: [String]
    /// Every entry of the directories `forEachSession` searched: a session found there has notes
    /// only if its sidecar was listed beside it, so it needs no `stat` when it has none.
    private let listing = Listing()

    /// How many files are read and decoded at once, on every core, before `body` sees
    /// them in order: enough to keep the cores busy, few enough to keep memory flat.
    static let batch = 64

    func forEachSession<Prepared: Sendable>(
        preparing prepare: @escaping @Sendable (TranscriptHeader, EventLines) -> Prepared,
        _ body: (String, TranscriptHeader?, EventLines, [TranscriptCoding.LineError], Prepared?) throws -> Void
    ) throws {
        var seen = Set<String>()
        let files = try Self.files(in: paths, listed: &listing.paths)
        let batches = stride(from: 0, to: files.count, by: Self.batch).map {
            Array(files[$0..<min($0 + Self.batch, files.count)])
        }
        // The next batch is read, decoded and prepared while `body` takes this one: `body` runs
        // on one core, and decoding alone left the other idle for a fifth of a large review.
        var next = batches.first.map { DecodedBatch($0, preparing: prepare) }
        defer { next?.wait() }
        for index in batches.indices {
            guard let current = next else { break }
            var results = current.wait()
            next = index + 1 < batches.count ? DecodedBatch(batches[index + 1], preparing: prepare) : nil
            for (position, path) in current.paths.enumerated() {
                guard let result = results[position] else { continue }
                let decoded = try result.get()
                if let session = decoded.header?.session, !seen.insert(session).inserted { continue }
                try body(path, decoded.header, decoded.events, decoded.problems, decoded.prepared)
            }
            // Freed on another thread, not the one that takes the sessions in order: releasing a
            // batch took a third of this thread's time when every event owned its strings.
            freeInBackground(&results, leaving: [:])
        }
    }

    func notes(of name: String, session: String) throws -> [CoachNote] {
        // A listed transcript's sidecar is listed beside it, or there is none.
        if listing.paths.contains(name), !listing.hasSidecar(name) { return [] }
        let notesPath = TranscriptsDirectory.notesPath(of: name)
        guard FileManager.default.fileExists(atPath: notesPath) else { return [] }
        return CoachNote.decode(try FileSystem.read(notesPath)).notes
    }

    /// The transcript files under `paths`, without notes sidecars.
    static func files(in paths: [String]) throws(InputError) -> [String] {
        var listed: Set<String> = []
        return try files(in: paths, listed: &listed)
    }

    /// As `files(in:)`, adding every entry of the directories searched to `listed`.
    static func files(in paths: [String], listed: inout Set<String>) throws(InputError) -> [String] {
        try FileSystem.expand(paths, suffix: ".jsonl", listed: &listed).filter { !$0.hasSuffix(".notes.jsonl") }
    }

    /// The directories' entries, filled in by `forEachSession` and read by `notes(of:session:)`,
    /// on the thread that reviews.
    private final class Listing {
        var paths: Set<String> = [] {
            didSet { sidecarOwners = nil }
        }

        /// The transcripts whose notes sidecar is listed, found once for the paths listed: most
        /// have none, and making each one's sidecar path to look it up was a tenth of the
        /// reviewing thread's time.
        private var sidecarOwners: Set<String>?

        /// Whether the notes sidecar of transcript `path` (`TranscriptsDirectory.notesPath(of:)`) is listed.
        func hasSidecar(_ path: String) -> Bool {
            if sidecarOwners == nil {
                sidecarOwners = Set(paths.lazy.flatMap(TranscriptsDirectory.transcripts(ofNotes:)))
            }
            guard let owners = sidecarOwners, !owners.isEmpty else { return false }
            return owners.contains(path)
        }
    }
}

/// A file read and decoded, and what was prepared from it.
private struct Decoded<Prepared: Sendable>: Sendable {
    let header: TranscriptHeader?
    let events: EventLines
    let problems: [TranscriptCoding.LineError]
    let prepared: Prepared?
}

/// Files read, decoded and prepared on every core, in the background, until `wait()`.
private final class DecodedBatch<Prepared: Sendable>: Sendable {
    let paths: [String]
    private let results = Mutex<[Int: Result<Decoded<Prepared>, InputError>]>([:])
    private let done = DispatchGroup()

    init(_ paths: [String], preparing prepare: @escaping @Sendable (TranscriptHeader, EventLines) -> Prepared) {
        self.paths = paths
        DispatchQueue.global().async(group: done) { [self] in
            DispatchQueue.concurrentPerform(iterations: paths.count) { index in
                let result = Result { () throws(InputError) -> Decoded<Prepared> in
                    let (header, events, problems) = TranscriptCoding.decodeLines(try FileSystem.read(paths[index]))
                    return Decoded(
                        header: header, events: events, problems: problems,
                        prepared: header.map { prepare($0, events) })
                }
                results.withLock { $0[index] = result }
            }
        }
    }

    /// The decoded files by their position in `paths`, once all are done; the batch keeps
    /// none of them.
    @discardableResult
    func wait() -> [Int: Result<Decoded<Prepared>, InputError>] {
        done.wait()
        return results.withLock { results in
            defer { results = [:] }
            return results
        }
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

    func forEachSession<Prepared: Sendable>(
        preparing prepare: @escaping @Sendable (TranscriptHeader, EventLines) -> Prepared,
        _ body: (String, TranscriptHeader?, EventLines, [TranscriptCoding.LineError], Prepared?) throws -> Void
    ) throws {
        notesBySession = try inLedger { try store.allNotes() }
        do {
            try store.forEachSession { session, bytes in
                let (header, events, problems) = TranscriptCoding.decodeLines(bytes)
                try body(
                    "\(store.location)#\(session)", header, events, problems, header.map { prepare($0, events) })
            }
        } catch let error as LedgerError {
            throw InputError(error.description)
        }
    }

    func notes(of name: String, session: String) throws -> [CoachNote] {
        CoachNote.decode(notesBySession[session] ?? []).notes
    }
}
