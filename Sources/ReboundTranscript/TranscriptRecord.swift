import ReboundChecker
import ReboundText

/// One line of a transcript file: the header first, then one event per line.
/// `docs/transcript-format.md` documents every field.
public enum TranscriptRecord: Equatable, Sendable {
    case header(TranscriptHeader)
    case event(TranscriptEvent)
}

/// Reads and writes transcript lines.
public enum TranscriptCoding {
    /// One record as one line of JSON (no newline).
    public static func encode(_ record: TranscriptRecord) -> [UInt8] {
        var json = JSONWriter()
        switch record {
        case .header(let header): header.write(to: &json)
        case .event(let event): event.write(to: &json)
        }
        return json.bytes
    }

    /// A problem with one line of a transcript, which readers report and skip.
    public struct LineError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { "line \(line): \(message)" }
    }

    /// Decodes a whole transcript: its header, its events, and a problem for each line
    /// that could not be read (a truncated last line, a corrupt one) — never a throw.
    public static func decode(
        _ bytes: [UInt8]
    ) -> (
        header: TranscriptHeader?, events: [TranscriptEvent], problems: [LineError]
    ) {
        let (header, lines, problems) = decodeLines(bytes)
        return (header, lines.events, problems)
    }

    /// As `decode`, with each event's strings left in `bytes` until they are read
    /// (`EventLines`): the lines are checked as `decode` checks them, and the same lines are
    /// problems.
    public static func decodeLines(
        _ bytes: [UInt8]
    ) -> (
        header: TranscriptHeader?, events: EventLines, problems: [LineError]
    ) {
        var header: TranscriptHeader?
        let newlines = Newlines.offsets(in: bytes)
        // Each line up to its newline, and what follows the last newline, as splitting at
        // newlines gives them; empty ones are skipped. The first is the header.
        let first = bytes[..<(newlines.first ?? bytes.endIndex)]
        if !first.isEmpty {
            switch decodeHeader(first) {
            case .success(let decoded): header = decoded
            case .failure(let problem): return (nil, EventLines([]), [LineError(line: 1, message: problem.message)])
            }
        }
        // Grown once: doubling copied every event again.
        var events = EventLines(bytes, capacity: newlines.count)
        var problems: [LineError] = []
        // Read in place, the whole transcript at once: each line's reader holds no reference to it.
        bytes.withUnsafeBufferPointer { text in
            for position in newlines.indices {
                let end = position + 1 < newlines.count ? newlines[position + 1] : bytes.endIndex
                let line = (newlines[position] + 1)..<end
                guard !line.isEmpty, !events.append(line: line, in: text) else { continue }
                // Only the text after the last newline can be cut short.
                problems.append(
                    LineError(
                        line: position + 2, message: end == bytes.endIndex ? "truncated last line" : "unreadable event")
                )
            }
        }
        return (header, events, problems)
    }

    /// The header line, or why this is not a transcript this tool can read.
    static func decodeHeader(_ line: ArraySlice<UInt8>) -> Result<TranscriptHeader, JSON.SchemaError> {
        guard let value = try? JSON.parse(line), let decoded = try? TranscriptHeader(json: value) else {
            return .failure(JSON.SchemaError("unreadable header"))
        }
        guard decoded.format == TranscriptHeader.formatName else {
            return .failure(JSON.SchemaError("not a Rebound transcript"))
        }
        guard decoded.version <= TranscriptHeader.currentVersion else {
            return .failure(JSON.SchemaError("transcript format version \(decoded.version) is newer than this tool"))
        }
        guard Timestamp.parse(decoded.started) != nil else {
            return .failure(JSON.SchemaError("'started' is not a valid time"))
        }
        return .success(decoded)
    }
}
