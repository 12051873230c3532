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
            if number == 1 {
                let data = Data(line)
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
                    guard Timestamp.parse(decoded.started) != nil else {
                        problems.append(LineError(line: 1, message: "'started' is not a valid time"))
                        return (nil, [], problems)
                    }
                    header = decoded
                } catch {
                    problems.append(LineError(line: 1, message: "unreadable header"))
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
}

extension TranscriptEvent {
    /// Decodes one event line with the small JSON reader: a review reads a million of
    /// these, and this is several times faster than `JSONDecoder`. `nil` when the line is
    /// not a well-formed event.
    init?(line: ArraySlice<UInt8>) {
        guard let value = try? JSON.parse(line), case .number(let seqText)? = value["seq"], let seq = Int(seqText),
            case .string(let time)? = value["time"], case .string(let kindText)? = value["kind"],
            let kind = SessionEvent.Kind(rawValue: kindText), case .string(let step)? = value["step"]
        else { return nil }
        func string(_ key: String) -> String? {
            if case .string(let text)? = value[key] { text } else { nil }
        }
        func int(_ key: String) -> Int? {
            if case .number(let text)? = value[key] { Int(text) } else { nil }
        }
        var event = SessionEvent(
            kind, step: step, item: string("item"), text: string("text"), reason: string("reason"),
            outcome: string("outcome").flatMap(Outcome.init(rawValue:)), hours: int("hours"), contacts: int("contacts"),
            role: string("role").flatMap(SessionEvent.Role.init(rawValue:)))
        event.seconds = int("seconds")
        if case .array(let items)? = value["findings"] {
            var findings: [Finding] = []
            for item in items {
                guard let finding = Finding(json: item) else { return nil }
                findings.append(finding)
            }
            event.findings = findings
        }
        self.init(seq: seq, time: time, event: event)
    }
}

extension Finding {
    /// A finding from its JSON object (the keys `rebound lint` prints).
    init?(json value: JSON.Value) {
        func string(_ key: String) -> String? {
            if case .string(let text)? = value[key] { text } else { nil }
        }
        func int(_ key: String) -> Int? {
            if case .number(let text)? = value[key] { Int(text) } else { nil }
        }
        guard let rule = string("rule"), let category = string("category").flatMap(FindingCategory.init(rawValue:)),
            let severity = string("severity").flatMap(Diagnostic.Severity.init(rawValue:)),
            let message = string("message"), let line = int("line"), let column = int("column"),
            let offset = int("offset"), let length = int("length"), let excerpt = string("excerpt")
        else { return nil }
        let start = SourceLocation(line: line, column: column, offset: offset)
        let end = SourceLocation(
            line: int("endLine") ?? line, column: int("endColumn") ?? column, offset: offset + length)
        self.init(
            rule: rule, category: category, severity: severity, message: message, range: SourceRange(start, end),
            excerpt: excerpt, suggestion: string("suggestion"))
    }
}
