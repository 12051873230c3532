import ReboundChecker
import ReboundText
import ReboundTranscript

/// A coach's note on a session, a coach's item-by-item score of it, an agent's dispute of
/// one, a coach's resolution of a dispute, or the agent's acknowledgement of the feedback,
/// kept in a sidecar file (`<session>.notes.jsonl`) beside the transcript, which is never
/// edited.
public struct CoachNote: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case note, score, dispute, resolution, acknowledgement
    }

    /// A coach's verdict on one scorecard item (`score`): its number in the session's
    /// scorecard (from 1), what the item said when scored, whether it was met, and why.
    public struct ItemVerdict: Equatable, Sendable {
        public var item: Int
        public var description: String
        public var met: Bool
        public var comment: String?

        public init(item: Int, description: String, met: Bool, comment: String?) {
            self.item = item
            self.description = description
            self.met = met
            self.comment = comment
        }
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
    /// For scores: the coach's verdict on every item of the scorecard.
    public var items: [ItemVerdict]

    public init(
        kind: Kind, session: String, event: Int?, score: Int?, author: String, time: String, text: String,
        verdict: Verdict? = nil, items: [ItemVerdict] = []
    ) {
        self.kind = kind
        self.verdict = verdict
        self.items = items
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
        case kind, session, event, score, verdict, items, author, time, text
    }

    /// The keys of an item verdict's object, in the order written.
    public enum ItemKey: String, CaseIterable, Sendable {
        case item, description, met, comment
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
        if kind == .score {
            json.key(JSONKey.items)
            json.value(
                .array(
                    items.map {
                        .object([
                            (ItemKey.item.rawValue, .number(String($0.item))),
                            (ItemKey.description.rawValue, .string($0.description)),
                            (ItemKey.met.rawValue, .bool($0.met)),
                            (ItemKey.comment.rawValue, $0.comment.map(JSON.Value.string) ?? .null),
                        ])
                    }))
        }
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
            verdict: try value.optional(JSONKey.verdict, as: Verdict.self),
            items: try Self.items(value[JSONKey.items]))
    }

    /// The item verdicts of a score's `items` array.
    private static func items(_ value: JSON.Value?) throws(JSON.SchemaError) -> [ItemVerdict] {
        guard let value else { return [] }
        guard case .array(let elements) = value else { throw JSON.SchemaError("'items' is not an array") }
        var verdicts: [ItemVerdict] = []
        for element in elements {
            guard case .bool(let met) = element[ItemKey.met] else {
                throw JSON.SchemaError("an item verdict has no 'met'")
            }
            verdicts.append(
                ItemVerdict(
                    item: try element.requiredInt(ItemKey.item),
                    description: try element.requiredString(ItemKey.description), met: met,
                    comment: element.string(ItemKey.comment)))
        }
        return verdicts
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
            case .note, .score, .acknowledgement: continue
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
