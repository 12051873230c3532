import Foundation

/// One line of a transcript file: the header first, then one event per line.
/// `docs/transcript-format.md` documents every field.
public enum TranscriptRecord: Equatable, Sendable {
    case header(TranscriptHeader)
    case event(TranscriptEvent)
}

/// The first line of a transcript: which session, agent and playbook it records.
public struct TranscriptHeader: Codable, Equatable, Sendable {
    public static let formatName = "rebound-transcript"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var session: String
    public var agent: String
    public var playbook: PlaybookReference
    public var tool: String
    /// ISO 8601 with offset.
    public var started: String
    /// The host's time zone identifier, such as `Europe/London`.
    public var timeZone: String

    public struct PlaybookReference: Codable, Equatable, Sendable {
        public var id: String
        public var version: Int
        /// SHA-256 of the playbook file's bytes.
        public var sha256: String

        public init(id: String, version: Int, sha256: String) {
            self.id = id
            self.version = version
            self.sha256 = sha256
        }
    }

    public init(
        session: String, agent: String, playbook: PlaybookReference, tool: String, started: String, timeZone: String
    ) {
        format = Self.formatName
        version = Self.currentVersion
        self.session = session
        self.agent = agent
        self.playbook = playbook
        self.tool = tool
        self.started = started
        self.timeZone = timeZone
    }
}

/// An event line: the session event with its sequence number and time.
public struct TranscriptEvent: Codable, Equatable, Sendable {
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

    enum CodingKeys: String, CodingKey {
        case seq, time
    }

    // The event's fields sit beside seq and time on one flat object, for jq.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seq = try container.decode(Int.self, forKey: .seq)
        time = try container.decode(String.self, forKey: .time)
        event = try SessionEvent(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encode(time, forKey: .time)
        try event.encode(to: encoder)
    }
}

/// Reads and writes transcript lines.
public enum TranscriptCoding {
    /// One record as one line of JSON (no newline), keys sorted.
    public static func encode(_ record: TranscriptRecord) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, numbers and enums always encode.
        let data: Data
        switch record {
        case .header(let header): data = try! encoder.encode(header)
        case .event(let event): data = try! encoder.encode(event)
        }
        return [UInt8](data)
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
        let decoder = JSONDecoder()
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let number = index + 1
            let data = Data(line)
            if number == 1 {
                do {
                    let decoded = try decoder.decode(TranscriptHeader.self, from: data)
                    guard decoded.format == TranscriptHeader.formatName else {
                        problems.append(LineError(line: 1, message: "not a Rebound transcript"))
                        return (nil, [], problems)
                    }
                    guard decoded.version <= TranscriptHeader.currentVersion else {
                        problems.append(
                            LineError(
                                line: 1, message: "transcript format version \(decoded.version) is newer than this tool"
                            ))
                        return (nil, [], problems)
                    }
                    header = decoded
                } catch {
                    problems.append(LineError(line: 1, message: "unreadable header"))
                    return (nil, [], problems)
                }
                continue
            }
            do {
                events.append(try decoder.decode(TranscriptEvent.self, from: data))
            } catch {
                let truncated = index == lines.count - 1 && bytes.last != UInt8(ascii: "\n")
                problems.append(
                    LineError(line: number, message: truncated ? "truncated last line" : "unreadable event"))
            }
        }
        return (header, events, problems)
    }
}
