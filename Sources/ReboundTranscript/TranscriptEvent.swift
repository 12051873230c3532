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
        guard case .object = value else { throw JSON.SchemaError("an event must be a JSON object") }
        self.init(
            seq: try value.requiredInt(JSONKey.seq), time: try value.requiredString(JSONKey.time),
            event: try SessionEvent(json: value))
    }

    /// Decodes one event line with the small JSON reader (a review reads a million of
    /// these, and it is several times faster than `JSONDecoder`); `nil` when the line is
    /// not a well-formed event.
    public init?(line: ArraySlice<UInt8>) {
        guard let value = try? JSON.parse(line), let event = try? TranscriptEvent(json: value) else { return nil }
        self = event
    }
}
