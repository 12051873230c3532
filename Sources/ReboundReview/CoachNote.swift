import Foundation
import ReboundTranscript

/// A coach's note on a session, or an agent's dispute of one, kept in a sidecar file
/// (`<session>.notes.jsonl`) beside the transcript, which is never edited.
public struct CoachNote: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case note, dispute
    }

    public var kind: Kind
    public var session: String
    /// The transcript event it is about, if any.
    public var event: Int?
    /// For notes: the coach's score, 0–100.
    public var score: Int?
    public var author: String
    /// ISO 8601 with offset.
    public var time: String
    public var text: String

    public init(kind: Kind, session: String, event: Int?, score: Int?, author: String, time: String, text: String) {
        self.kind = kind
        self.session = session
        self.event = event
        self.score = score
        self.author = author
        self.time = time
        self.text = text
    }
}

extension CoachNote {
    /// One note as one line of JSON, keys sorted.
    public var line: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and integers always encode.
        return [UInt8](try! encoder.encode(self))
    }

    /// The notes of a sidecar file, skipping (and reporting) lines that cannot be read.
    public static func decode(_ bytes: [UInt8]) -> (notes: [CoachNote], problems: [TranscriptCoding.LineError]) {
        var notes: [CoachNote] = []
        var problems: [TranscriptCoding.LineError] = []
        let decoder = JSONDecoder()
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            if let note = try? decoder.decode(CoachNote.self, from: Data(line)) {
                notes.append(note)
            } else {
                problems.append(TranscriptCoding.LineError(line: index + 1, message: "unreadable note"))
            }
        }
        return (notes, problems)
    }
}
