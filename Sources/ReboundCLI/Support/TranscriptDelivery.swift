import Foundation
import ReboundLedger
import ReboundPostgres
import ReboundTranscript

/// Sends what a chat writes to the team's transcript store, in the background.
///
/// The chat's local transcript file stays the first place a line is written (fsynced
/// before the next prompt): it is the spool. Each line written is queued here and
/// delivered on another thread, so a slow or stopped server never holds up the agent;
/// when delivery fails, the lines wait and go, in order, at the next attempt (a few
/// seconds later, or when the chat ends). Lines are keyed by session and sequence
/// number, so one delivered twice is stored once.
final class TranscriptDelivery: @unchecked Sendable {
    let url: String
    let environment: [String: String]
    /// How long to wait after a failure before trying again.
    let retryDelay: Double
    /// Opened on the delivery thread at the first attempt, and again after a failure to
    /// open: a server that is down when the chat starts is used once it is back.
    private var opened: PostgresTranscripts?
    private let queue = DispatchQueue(label: "rebound.transcript-delivery")
    private let lock = NSLock()
    /// Guarded by `lock`: lines written but not yet stored, by session.
    private var pending: [String: Batch] = [:]
    /// Guarded by `lock`: why the last attempt failed, if it did.
    private var failure: String?
    /// Guarded by `lock`: whether an attempt is already queued.
    private var scheduled = false

    struct Batch {
        var header: [UInt8]?
        var events: [(seq: Int, line: [UInt8])] = []
        var count: Int { events.count + (header == nil ? 0 : 1) }
    }

    /// Checks the URL at once (a typo is an error before the session starts); connecting
    /// happens on the delivery thread.
    init(url: String, environment: [String: String], retryDelay: Double = 5) throws(InputError) {
        do {
            _ = try PostgresURL(url, environment: environment)
        } catch {
            throw InputError(error.description)
        }
        self.url = url
        self.environment = environment
        self.retryDelay = retryDelay
    }

    /// The store, opening it when needed. Runs on `queue`.
    private func store() throws(LedgerError) -> PostgresTranscripts {
        if let opened { return opened }
        let store = try PostgresTranscripts(url: url, environment: environment)
        opened = store
        return store
    }

    /// Queues one line the chat has just written to `session`'s file.
    func written(session: String, line: [UInt8]) {
        lock.withLock {
            if let event = TranscriptEvent(line: line[...]) {
                pending[session, default: Batch()].events.append((event.seq, line))
            } else {
                pending[session, default: Batch()].header = line
            }
        }
        schedule(after: 0)
    }

    /// Queues what the store lacks of the transcripts in `directory` (sessions spooled
    /// while the server was away, in this chat or an earlier one).
    /// Files not changed since the last catch-up that left nothing behind are skipped
    /// (`.delivered` in the spool records when that scan began), so a long history costs
    /// nothing at each start.
    func catchUp(directory: String) {
        queue.async { [self] in
            guard let paths = try? TranscriptFiles.files(in: [directory]) else { return }
            let marker = directory + "/.delivered"
            let scanStarted = Date()
            // Two seconds of slack for file systems that keep coarse times.
            let since = Self.modified(marker).map { $0.addingTimeInterval(-2) } ?? .distantPast
            for path in paths where (Self.modified(path) ?? .distantFuture) >= since {
                guard let bytes = try? FileSystem.read(path) else { continue }
                let backlog: PostgresTranscripts.Backlog?
                do {
                    backlog = try store().backlog(of: bytes)
                } catch {
                    lock.withLock { failure = "\(error)" }
                    return
                }
                guard let backlog, !backlog.isEmpty else { continue }
                let batch = Batch(header: backlog.header, events: backlog.events)
                lock.withLock {
                    var merged = pending[backlog.session] ?? Batch()
                    merged.header = merged.header ?? batch.header
                    let queued = Set(merged.events.map(\.seq))
                    merged.events = (batch.events.filter { !queued.contains($0.seq) } + merged.events).sorted {
                        $0.seq < $1.seq
                    }
                    pending[backlog.session] = merged
                }
            }
            attempt()
            let complete = lock.withLock { pending.isEmpty && failure == nil }
            if complete {
                FileManager.default.createFile(atPath: marker, contents: nil, attributes: [.posixPermissions: 0o600])
                try? FileManager.default.setAttributes([.modificationDate: scanStarted], ofItemAtPath: marker)
            }
        }
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    private func schedule(after delay: Double) {
        let start = lock.withLock { () -> Bool in
            guard !scheduled else { return false }
            scheduled = true
            return true
        }
        guard start else { return }
        queue.asyncAfter(deadline: .now() + delay) { [self] in
            lock.withLock { scheduled = false }
            attempt()
        }
    }

    /// Delivers everything queued, session by session; on failure keeps the rest queued
    /// and tries again after `retryDelay`. Runs on `queue`.
    private func attempt() {
        let batches = lock.withLock { pending }
        for (session, batch) in batches.sorted(by: { $0.key < $1.key }) {
            do {
                try store().deliver(session: session, header: batch.header, events: batch.events)
            } catch {
                lock.withLock { failure = "\(error)" }
                schedule(after: retryDelay)
                return
            }
            lock.withLock {
                let delivered = Set(batch.events.map(\.seq))
                var rest = pending[session] ?? Batch()
                if batch.header != nil { rest.header = nil }
                rest.events.removeAll { delivered.contains($0.seq) }
                pending[session] = rest.count == 0 ? nil : rest
                failure = nil
            }
        }
    }

    /// Tries once more, waiting up to `seconds`, and says how many lines are still not
    /// stored and why.
    func finish(waiting seconds: Double) -> (undelivered: Int, failure: String?) {
        let done = DispatchSemaphore(value: 0)
        queue.async { [self] in
            attempt()
            done.signal()
        }
        _ = done.wait(timeout: .now() + seconds)
        return lock.withLock { (pending.values.reduce(0) { $0 + $1.count }, failure) }
    }
}
