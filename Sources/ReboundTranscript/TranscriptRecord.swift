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
        var header: TranscriptHeader?
        var events: [TranscriptEvent] = []
        var problems: [LineError] = []
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // Grown once: an event is a few hundred bytes, and doubling copied them all again.
        events.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let number = index + 1
            if number == 1 {
                switch decodeHeader(line) {
                case .success(let decoded): header = decoded
                case .failure(let problem):
                    problems.append(LineError(line: 1, message: problem.message))
                    return (nil, [], problems)
                }
                continue
            }
            if let event = TranscriptEvent(line: line) {
                events.append(event)
            } else {
                let truncated = index == lines.count - 1 && bytes.last != UInt8(ascii: "\n")
                problems.append(
                    LineError(line: number, message: truncated ? "truncated last line" : "unreadable event"))
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
