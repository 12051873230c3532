import Foundation
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
}

/// Transcripts as files: `*.jsonl` under directories (notes sidecars skipped).
struct TranscriptFiles: TranscriptSource {
    let paths: [String]

    func forEachSession(
        _ body: (String, TranscriptHeader?, [TranscriptEvent], [TranscriptCoding.LineError]) throws -> Void
    ) throws {
        let files = try FileSystem.expand(paths, suffix: ".jsonl").filter { !$0.hasSuffix(".notes.jsonl") }
        for path in files {
            let (header, events, problems) = TranscriptCoding.decode(try FileSystem.read(path))
            try body(path, header, events, problems)
        }
    }
}
