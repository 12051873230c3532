import ReboundChecker
import ReboundText
import ReboundTranscript

/// A coach's note on a session, an agent's dispute of one, a coach's resolution of a
/// dispute, or the agent's acknowledgement of the feedback, kept in a sidecar file
/// (`<session>.notes.jsonl`) beside the transcript, which is never edited.
public struct CoachNote: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case note, dispute, resolution, acknowledgement
    }

    /// A coach's decision on a dispute.
    public enum Verdict: String, CaseIterable, Sendable {
        case accepted, rejected
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
    /// For resolutions: whether the dispute was accepted.
    public var verdict: Verdict?

    public init(
        kind: Kind, session: String, event: Int?, score: Int?, author: String, time: String, text: String,
        verdict: Verdict? = nil
    ) {
        self.kind = kind
        self.verdict = verdict
        self.session = session
        self.event = event
        self.score = score
        self.author = author
        self.time = time
        self.text = text
    }
}

extension CoachNote {
    /// A note's keys, in the order written.
    public enum JSONKey: String, CaseIterable, Sendable {
        case kind, session, event, score, verdict, author, time, text
    }

    /// One note as one line of JSON (no newline); `event` and `score` only when given.
    public var line: [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.field(JSONKey.kind, kind.rawValue)
        json.field(JSONKey.session, session)
        json.optionalField(JSONKey.event, event)
        json.optionalField(JSONKey.score, score)
        if let verdict { json.field(JSONKey.verdict, verdict.rawValue) }
        json.field(JSONKey.author, author)
        json.field(JSONKey.time, time)
        json.field(JSONKey.text, text)
        json.endObject()
        return json.bytes
    }

    /// A note from its JSON object.
    public init(json value: JSON.Value) throws(JSON.SchemaError) {
        self.init(
            kind: try value.required(JSONKey.kind, as: Kind.self), session: try value.requiredString(JSONKey.session),
            event: value.int(JSONKey.event), score: value.int(JSONKey.score),
            author: try value.requiredString(JSONKey.author), time: try value.requiredString(JSONKey.time),
            text: try value.requiredString(JSONKey.text),
            verdict: try value.optional(JSONKey.verdict, as: Verdict.self))
    }

    /// The disputes no resolution answers yet: a resolution answers the last dispute
    /// before it on the same event.
    public static func openDisputes(_ notes: [CoachNote]) -> [CoachNote] {
        var open: [CoachNote] = []
        for note in notes {
            switch note.kind {
            case .dispute: open.append(note)
            case .resolution:
                if let index = open.lastIndex(where: { $0.event == note.event }) { open.remove(at: index) }
            case .note, .acknowledgement: continue
            }
        }
        return open
    }

    /// The notes of a sidecar file, skipping (and reporting) lines that cannot be read.
    public static func decode(_ bytes: [UInt8]) -> (notes: [CoachNote], problems: [TranscriptCoding.LineError]) {
        var notes: [CoachNote] = []
        var problems: [TranscriptCoding.LineError] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            if let value = try? JSON.parse(line), let note = try? CoachNote(json: value) {
                notes.append(note)
            } else {
                problems.append(TranscriptCoding.LineError(line: index + 1, message: "unreadable note"))
            }
        }
        return (notes, problems)
    }
}
