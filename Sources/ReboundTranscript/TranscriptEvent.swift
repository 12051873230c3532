import ReboundChecker
import ReboundText

/// An event line: the session event with its sequence number and time.
public struct TranscriptEvent: Equatable, Sendable {
    /// 1 for the first event after the header, then one more each line.
    public var seq: Int
    /// ISO 8601 with offset.
    public var time: String
    public var event: SessionEvent

    public init(seq: Int, time: String, event: SessionEvent) {
        self.seq = seq
        self.time = time
        self.event = event
    }
}

extension TranscriptEvent {
    /// The keys an event line adds to the session event's own (`SessionEvent.JSONKey`).
    public enum JSONKey: String, CaseIterable, Sendable {
        case seq, time
    }

    /// The event as one flat JSON object: `seq` and `time` beside the event's fields,
    /// so that `jq` reads every field at the top level.
    public func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field(JSONKey.seq, seq)
        json.field(JSONKey.time, time)
        event.writeMembers(to: &json)
        json.endObject()
    }

    /// An event line from its JSON object.
    public init(json value: JSON.Value) throws(JSON.SchemaError) {
        guard case .object(let pairs) = value else { throw JSON.SchemaError("an event must be a JSON object") }
        var members = Members()
        for (key, value) in pairs { members.take(JSON.Name(key), value) }
        try self.init(members)
    }

    /// Decodes one event line; `nil` when the line is not a well-formed event. A review
    /// reads a million of these: the line's members are taken as they are read, with no
    /// tree of the whole line (`EventLines`), and decoded as `init(json:)` decodes them.
    public init?(line: ArraySlice<UInt8>) {
        let event = line.withUnsafeBufferPointer { text in
            EventLines.Line(text, in: 0..<text.count)?.event(in: text)
        }
        guard let event else { return nil }
        self = event
    }

    static let keys = JSON.Keys<JSONKey>()

    /// An event line's members: `seq` and `time`, and the event's own.
    struct Members {
        var seq, time: JSON.Value?
        var event = SessionEvent.Members()

        mutating func take(_ name: JSON.Name, _ value: consuming JSON.Value) {
            switch TranscriptEvent.keys[name] {
            case .seq?: seq = value
            case .time?: time = value
            case nil: event.take(name, value)
            }
        }
    }

    init(_ members: Members) throws(JSON.SchemaError) {
        self.init(
            seq: try members.seq.requiredInt(JSONKey.seq), time: try members.time.requiredString(JSONKey.time),
            event: try SessionEvent(members.event))
    }
}
