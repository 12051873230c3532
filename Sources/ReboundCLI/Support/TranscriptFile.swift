import Foundation
import ReboundChecker
import ReboundText
import ReboundTranscript

#if canImport(Glibc)
    import Glibc
#endif

/// Appends transcript lines to `<directory>/<session>.jsonl`, each written and fsynced
/// before the call returns, so what the agent saw accepted survives a killed process.
/// The directory (0700) and file (0600) are created on the first line.
final class TranscriptFile {
    let directory: String
    let path: String
    private var descriptor: Int32 = -1
    /// Where a truncated last line found on resume was moved (`<transcript>.broken`), if one was.
    private(set) var brokenLinePath: String?
    /// Called with each line once it is on disk: the team store's delivery, when there is one.
    var onWrite: (([UInt8]) -> Void)?

    /// Checks that transcripts can be written there, before any session starts.
    init(directory: String, session: String) throws(InputError) {
        self.directory = directory
        path = (directory.hasSuffix("/") ? directory : directory + "/") + session + ".jsonl"
        try Self.prepare(directory)
    }

    /// Opens an existing transcript to append to it (`--resume`).
    init(existing path: String) throws(InputError) {
        self.path = path
        directory = (path as NSString).deletingLastPathComponent
        descriptor = try FileSystem.openForAppending(path, create: false, readable: true)
        try lockForSession()
        // A process killed mid-line leaves a truncated last line: it is moved to a sidecar,
        // so the transcript stays whole JSON lines and the fragment is kept for a person.
        let size = lseek(descriptor, 0, SEEK_END)
        var last: UInt8 = UInt8(ascii: "\n")
        if size > 0, pread(descriptor, &last, 1, size - 1) < 0 { throw .system("read", path) }
        if last != UInt8(ascii: "\n") { try moveTruncatedLine(size: size) }
    }

    /// Appends the bytes after the last line break to `<path>.broken`, then cuts them off.
    private func moveTruncatedLine(size: off_t) throws(InputError) {
        var start = size
        var found = false
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while start > 0, !found {
            let from = max(0, start - off_t(chunk.count))
            let count = Int(start - from)
            guard pread(descriptor, &chunk, count, from) == count else { throw .system("read", path) }
            if let newline = chunk[0..<count].lastIndex(of: UInt8(ascii: "\n")) {
                start = from + off_t(newline) + 1
                found = true
            } else {
                start = from
            }
        }
        var fragment = [UInt8](repeating: 0, count: Int(size - start))
        guard pread(descriptor, &fragment, fragment.count, start) == fragment.count else {
            throw .system("read", path)
        }
        let sidecar = path + ".broken"
        let broken = try FileSystem.openForAppending(sidecar, create: true)
        defer { close(broken) }
        if let code = writeFully(broken, fragment + [UInt8(ascii: "\n")]) {
            throw .system("save the truncated line to", sidecar, errno: code)
        }
        guard fsync(broken) == 0 else { throw .system("save the truncated line to", sidecar) }
        guard ftruncate(descriptor, start) == 0, fsync(descriptor) == 0 else { throw .system("repair", path) }
        brokenLinePath = sidecar
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// One writer per session: the transcript stays locked (`flock`) while its session
    /// runs, so a second chat resuming it gets a one-line error naming the first one's
    /// process instead of writing duplicate events beside it.
    private func lockForSession() throws(InputError) {
        guard flock(descriptor, LOCK_EX | LOCK_NB) != 0 else { return }
        let code = errno
        close(descriptor)
        descriptor = -1
        guard code == EWOULDBLOCK else { throw .system("lock", path, errno: code) }
        let holder = Self.lockHolder(of: path).map { " (process \($0))" } ?? ""
        let session = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        throw InputError("session \(session) is open in another chat\(holder); finish or pause it there first")
    }

    /// The process holding a `flock` on the file, from `/proc/locks` (Linux), if it can be told.
    static func lockHolder(of path: String) -> Int32? {
        var status = stat()
        guard stat(path, &status) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8)
        else { return nil }
        // "1: FLOCK  ADVISORY  WRITE 4242 fd:01:123456 0 EOF": the pid, then major:minor:inode.
        let inode = ":\(status.st_ino)"
        for line in locks.split(separator: "\n") where line.contains("FLOCK") {
            let fields = line.split(separator: " ")
            guard fields.count > 5, fields[5].hasSuffix(inode), let pid = Int32(fields[4]) else { continue }
            return pid
        }
        return nil
    }

    static func prepare(_ directory: String) throws(InputError) {
        if !FileSystem.isDirectory(directory) {
            guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
                throw .system("create the transcript directory", directory)
            }
        }
        guard access(directory, W_OK | X_OK) == 0 else { throw .system("write transcripts to", directory) }
    }

    /// Writes one line and waits until it is on disk. A line that cannot be written whole
    /// (disk full, file size limit) is cut off again, so the file keeps only whole lines.
    func append(_ line: [UInt8]) throws(InputError) {
        if descriptor < 0 {
            try Self.prepare(directory)
            descriptor = try FileSystem.openForAppending(path, create: true)
            try lockForSession()
        }
        let before = lseek(descriptor, 0, SEEK_END)
        /// The error for `errno`, once the part of the line written is cut off again.
        func failure(_ code: Int32 = errno) -> InputError {
            if before >= 0 { _ = ftruncate(descriptor, before) }
            return .system("save transcript", path, errno: code)
        }
        let bytes = line + [UInt8(ascii: "\n")]
        if let code = writeFully(descriptor, bytes) { throw failure(code) }
        guard fsync(descriptor) == 0 else { throw failure() }
        onWrite?(line)
    }

    /// Removes the transcript of a session that took no input (only its header and the
    /// first step were written).
    func discard() {
        if descriptor >= 0 {
            unlink(path)
            close(descriptor)
            descriptor = -1
        }
    }

    /// Whether the file was deleted (or its directory removed) while open: lines written
    /// now would go nowhere.
    var isDetached: Bool {
        guard descriptor >= 0 else { return false }
        var status = stat()
        return fstat(descriptor, &status) == 0 && status.st_nlink == 0
    }

    /// Writes the whole transcript again at its path, recreating the directory, after it
    /// was deleted from under the session.
    func restore(_ lines: [[UInt8]]) throws(InputError) {
        close(descriptor)
        descriptor = -1
        for line in lines { try append(line) }
    }
}

/// Turns session events into transcript lines: numbered, timed, redacted, then written.
final class Recorder {
    let file: TranscriptFile
    let redactor: Redactor
    /// When the session started, for the duration on `done` and `quit`.
    let started: Date
    private(set) var seq: Int

    let clock: Clock
    /// The header and events as written, for what the ledger keeps when the session ends.
    private(set) var header: TranscriptHeader?
    private(set) var events: [TranscriptEvent]

    /// A recorder for a new transcript, or for one being resumed with its header and events.
    init(
        file: TranscriptFile, redactor: Redactor, clock: Clock, resuming: (TranscriptHeader, [TranscriptEvent])? = nil
    ) {
        self.file = file
        self.redactor = redactor
        self.clock = clock
        header = resuming?.0
        events = resuming?.1 ?? []
        seq = events.last?.seq ?? 0
        started = (resuming?.0.started).flatMap(Timestamp.parse) ?? clock.now()
    }

    func now() -> String { Clock.transcriptTime(clock.now()) }

    /// The start time as the header records it.
    var startedText: String { Clock.transcriptTime(started) }

    func writeHeader(_ header: TranscriptHeader) throws(InputError) {
        try file.append(TranscriptCoding.encode(.header(header)))
        self.header = header
    }

    /// Whether the last event recorded had something redacted (a card number, a `--redact`
    /// pattern) from what the agent typed: the chat says so at once.
    private(set) var lastWasRedacted = false

    /// Records one event. Returns `true` when the transcript had been deleted and was
    /// written again in full first.
    @discardableResult
    func record(_ event: SessionEvent) throws(InputError) -> Bool {
        var restored = false
        if file.isDetached, let header {
            try file.restore(
                [TranscriptCoding.encode(.header(header))] + events.map { TranscriptCoding.encode(.event($0)) })
            restored = true
        }
        seq += 1
        var clean = event
        clean.text = event.text.map(redactor.redact)
        clean.reason = event.reason.map(redactor.redact)
        if event.kind == .done || event.kind == .quit {
            clean.seconds = max(0, Int(clock.now().timeIntervalSince(started).rounded()))
        }
        lastWasRedacted = clean.text != event.text || clean.reason != event.reason
        // A fix's offsets are in the text as typed; once that text is redacted they would
        // point elsewhere, so the fix is kept only when the text is unchanged.
        let textKept = clean.text == event.text
        clean.findings = event.findings?.map { finding in
            Finding(
                rule: finding.rule, category: finding.category, severity: finding.severity,
                message: redactor.redact(finding.message), range: finding.range,
                excerpt: redactor.redact(finding.excerpt), suggestion: finding.suggestion.map(redactor.redact),
                fix: textKept ? finding.fix : nil, source: finding.source, score: finding.score)
        }
        let line = TranscriptEvent(seq: seq, time: now(), event: clean)
        do {
            try file.append(TranscriptCoding.encode(.event(line)))
        } catch {
            seq -= 1
            throw InputError(
                "\(error); this step was not saved. The session so far is in the transcript: free the space "
                    + "or fix the directory, then 'rebound chat --resume \(header?.session ?? "SESSION")'")
        }
        events.append(line)
        TestSeam.eventWritten(line.seq)
        return restored
    }
}
