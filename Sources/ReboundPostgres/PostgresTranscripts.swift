import Foundation
import PostgresNIO
import ReboundLedger
import ReboundTranscript

/// Transcripts on a PostgreSQL server, so that coaches read every agent's sessions in one
/// place. Each line is stored exactly as the JSON Lines file has it (one schema, one
/// encoder): the header in `transcript`, each event in `transcript_event` keyed by session
/// and sequence number, so delivering a line again stores nothing new.
///
/// The chat keeps writing its local file first (fsynced, the spool) and delivers lines
/// from it; this store never holds a line the file does not.
public final class PostgresTranscripts: Sendable {
    let server: PostgresServer
    public var location: String { server.location }

    public init(url: String, environment: [String: String]) throws(LedgerError) {
        server = try PostgresServer(url: url, environment: environment, role: "transcript store")
    }

    /// Stores one session's lines in one transaction: its header line (needed before its
    /// first event is delivered) and events by sequence number. Lines already stored are
    /// left as they are.
    public func deliver(session: String, header: [UInt8]?, events: [(seq: Int, line: [UInt8])]) throws(LedgerError) {
        try server.transaction { db in
            if let header {
                guard let decoded = TranscriptCoding.decode(header).header, decoded.session == session else {
                    throw LedgerError("the header line given for session \(session) is not its transcript header")
                }
                let line = String(decoding: header, as: UTF8.self)
                try db.query(
                    """
                    INSERT INTO transcript (session, agent, playbook, started, header)
                    VALUES (\(session), \(decoded.agent), \(decoded.playbook.id), \(decoded.started), \(line))
                    ON CONFLICT (session) DO NOTHING
                    """)
            }
            for event in events {
                let seq = Int64(event.seq)
                let line = String(decoding: event.line, as: UTF8.self)
                try db.query(
                    """
                    INSERT INTO transcript_event (session, seq, line) VALUES (\(session), \(seq), \(line))
                    ON CONFLICT (session, seq) DO NOTHING
                    """)
            }
        }
    }

    /// How far a session is stored: `nil` when not at all, 0 when only its header, else
    /// the highest event sequence number.
    public func storedThrough(session: String) throws(LedgerError) -> Int? {
        try server.transaction { db in
            guard
                let row = try db.query(
                    """
                    SELECT (SELECT coalesce(max(seq), 0) FROM transcript_event WHERE session = t.session)
                    FROM transcript t WHERE t.session = \(session)
                    """
                ).first
            else { return nil }
            return Int(try row.decode(Int64.self))
        }
    }

    /// What the store lacks of one transcript file.
    public struct Backlog {
        public let session: String
        /// The header line, when the store does not hold the session at all.
        public let header: [UInt8]?
        /// Event lines after the last one stored, by sequence number.
        public let events: [(seq: Int, line: [UInt8])]
        /// Lines (1-based) that are not readable events; they are never sent.
        public let unreadableLines: [Int]
        /// Whether the store already holds every line.
        public var isEmpty: Bool { header == nil && events.isEmpty }
    }

    /// What the store lacks of the transcript `bytes` (a JSON Lines file), or `nil` when
    /// its first line is no transcript header.
    public func backlog(of bytes: [UInt8]) throws(LedgerError) -> Backlog? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let first = lines.first, let header = TranscriptCoding.decode(Array(first) + [10]).header else {
            return nil
        }
        let stored = try storedThrough(session: header.session)
        var events: [(seq: Int, line: [UInt8])] = []
        var unreadable: [Int] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            guard let event = TranscriptEvent(line: line) else {
                unreadable.append(index + 1)
                continue
            }
            if event.seq > (stored ?? 0) { events.append((event.seq, Array(line))) }
        }
        return Backlog(
            session: header.session, header: stored == nil ? Array(first) : nil, events: events,
            unreadableLines: unreadable)
    }

    /// Session ids that start with `prefix`, oldest first.
    public func sessions(prefix: String) throws(LedgerError) -> [String] {
        let pattern =
            prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        return try server.transaction { db in
            try db.query("SELECT session FROM transcript WHERE session LIKE \(pattern) ORDER BY started, session")
                .map { try $0.decode(String.self) }
        }
    }

    /// One session as the bytes of its JSON Lines file, or `nil` when it is not stored.
    public func transcript(session: String) throws(LedgerError) -> [UInt8]? {
        try server.transaction { db in
            guard
                let header = try db.scalar(
                    "SELECT header FROM transcript WHERE session = \(session)", as: String.self)
            else { return nil }
            var bytes = Array(header.utf8) + [UInt8(ascii: "\n")]
            for row in try db.query("SELECT line FROM transcript_event WHERE session = \(session) ORDER BY seq") {
                bytes += Array(try row.decode(String.self).utf8) + [UInt8(ascii: "\n")]
            }
            return bytes
        }
    }

    /// Adds one line of a session's notes (a coach's note or an agent's dispute), as the
    /// notes file beside a transcript holds it.
    public func addNote(session: String, line: [UInt8]) throws(LedgerError) {
        let text = String(decoding: line, as: UTF8.self)
        try server.transaction { db in
            try db.query("INSERT INTO transcript_note (session, line) VALUES (\(session), \(text))")
        }
    }

    /// Adds the lines of a notes file the session's notes do not hold yet (the same line
    /// twice is one note), so pushing a notes file again adds nothing. Returns how many
    /// were added.
    @discardableResult
    public func addNotes(session: String, lines: [[UInt8]]) throws(LedgerError) -> Int {
        try server.transaction { db in
            var present = Set(
                try db.query("SELECT line FROM transcript_note WHERE session = \(session)").map {
                    try $0.decode(String.self)
                })
            var added = 0
            for line in lines.map({ String(decoding: $0, as: UTF8.self) }) where present.insert(line).inserted {
                try db.query("INSERT INTO transcript_note (session, line) VALUES (\(session), \(line))")
                added += 1
            }
            return added
        }
    }

    /// A session's notes as the bytes of its notes file (empty when it has none).
    public func notes(session: String) throws(LedgerError) -> [UInt8] {
        try server.transaction { db in
            try db.query("SELECT line FROM transcript_note WHERE session = \(session) ORDER BY id").reduce(into: []) {
                $0 += Array(try $1.decode(String.self).utf8) + [UInt8(ascii: "\n")]
            }
        }
    }

    /// Every session's notes, by session: notes are few beside events, so a review reads
    /// them once rather than once per session.
    public func allNotes() throws(LedgerError) -> [String: [UInt8]] {
        try server.transaction { db in
            try db.query("SELECT session, line FROM transcript_note ORDER BY id").reduce(into: [:]) {
                let (session, line) = try $1.decode((String, String).self)
                $0[session, default: []] += Array(line.utf8) + [UInt8(ascii: "\n")]
            }
        }
    }

    /// Calls `body` with each session's id and JSON Lines bytes, oldest first, reading
    /// through a server-side cursor `batch` sessions at a time: one session in memory at
    /// a time, however many the store holds. The server joins each session's lines, so a
    /// session crosses the connection as one row, not one row per event.
    public func forEachSession(batch: Int = 100, _ body: (String, [UInt8]) throws -> Void) throws {
        do {
            try server.run(retrying: false) { db in
                try db.execute(
                    """
                    DECLARE rebound_sessions NO SCROLL CURSOR FOR
                    SELECT t.session, t.header,
                        (SELECT string_agg(e.line, E'\\n' ORDER BY e.seq) FROM transcript_event e
                            WHERE e.session = t.session)
                    FROM transcript t ORDER BY t.started, t.session
                    """)
                while true {
                    let rows = try db.query(
                        PostgresQuery(unsafeSQL: "FETCH FORWARD \(max(1, batch)) FROM rebound_sessions"))
                    if rows.isEmpty { break }
                    for row in rows {
                        let (session, header, lines) = try row.decode((String, String, String?).self)
                        var bytes = Array(header.utf8)
                        bytes.append(UInt8(ascii: "\n"))
                        if let lines {
                            bytes += lines.utf8
                            bytes.append(UInt8(ascii: "\n"))
                        }
                        try body(session, bytes)
                    }
                }
                try db.execute("CLOSE rebound_sessions")
            }
        } catch let error where PostgresServer.isDatabaseError(error) {
            throw server.translate(error)
        }
    }
}
