/// A mechanical rewrite of part of a text: replace `length` UTF-8 bytes at `offset` with
/// `replacement`. Findings carry one when the better wording can be worked out from the
/// reply itself ("the courier lost it" → "we lost it"); `rebound lint --fix` and the chat
/// apply them.
public struct TextEdit: Hashable, Sendable {
    /// Where the replaced bytes start, in UTF-8 bytes from the start of the text.
    public let offset: Int
    /// How many bytes are replaced; zero inserts.
    public let length: Int
    /// What replaces them.
    public let replacement: String

    public init(offset: Int, length: Int, replacement: String) {
        self.offset = offset
        self.length = length
        self.replacement = replacement
    }

    /// One past the last replaced byte.
    public var end: Int { offset + length }

    /// The keys of an edit's JSON object, in the order written.
    public enum JSONKey: String, CaseIterable, Sendable {
        case offset, length, replacement
    }

    /// The edit as one JSON object.
    public func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field(JSONKey.offset, offset)
        json.field(JSONKey.length, length)
        json.field(JSONKey.replacement, replacement)
        json.endObject()
    }

    /// An edit from its JSON object.
    public init(json value: JSON.Value) throws(JSON.SchemaError) {
        let offset = try value.requiredInt(JSONKey.offset)
        let length = try value.requiredInt(JSONKey.length)
        guard offset >= 0, length >= 0 else { throw JSON.SchemaError("an edit's offset and length are negative") }
        self.init(offset: offset, length: length, replacement: try value.requiredString(JSONKey.replacement))
    }
}

extension [TextEdit] {
    /// The text with every edit applied that fits inside it and does not overlap one
    /// applied before it (edits are taken in order of offset; of two that overlap, the
    /// first wins). Returns the new bytes and how many edits were applied.
    public func applied(to bytes: [UInt8]) -> (bytes: [UInt8], applied: Int) {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var position = 0
        var applied = 0
        for edit in sorted(by: { ($0.offset, $0.length) < ($1.offset, $1.length) }) {
            guard edit.offset >= position, edit.end <= bytes.count else { continue }
            result += bytes[position..<edit.offset]
            result += edit.replacement.utf8
            position = edit.end
            applied += 1
        }
        result += bytes[position...]
        return (result, applied)
    }
}
