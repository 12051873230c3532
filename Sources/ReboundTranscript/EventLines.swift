import ReboundChecker
import ReboundLanguage
import ReboundText

/// A session's events by position, as a scorecard or a review's summary reads them: decoded
/// events (`[TranscriptEvent]`), or a transcript's lines whose strings are decoded only when
/// read (`EventLines`).
public protocol EventLog {
    /// How many events; they are at `0..<count`.
    var count: Int { get }
    /// The event's `TranscriptEvent.seq`.
    func seq(at index: Int) -> Int
    /// The event's `TranscriptEvent.time`.
    func time(at index: Int) -> String
    /// The event's `SessionEvent.kind`.
    func kind(at index: Int) -> SessionEvent.Kind
    /// The event's `SessionEvent.step`.
    func step(at index: Int) -> String
    /// The event's `SessionEvent.item`.
    func item(at index: Int) -> String?
    /// The event's `SessionEvent.text`.
    func text(at index: Int) -> String?
    /// The event's `SessionEvent.reason`.
    func reason(at index: Int) -> String?
    /// The event's `SessionEvent.findings`.
    func findings(at index: Int) -> [Finding]?
    /// The event's `SessionEvent.outcome`.
    func outcome(at index: Int) -> Outcome?
    /// The event's `SessionEvent.seconds`.
    func seconds(at index: Int) -> Int?
}

extension Array: EventLog where Element == TranscriptEvent {
    public func seq(at index: Int) -> Int { self[index].seq }
    public func time(at index: Int) -> String { self[index].time }
    public func kind(at index: Int) -> SessionEvent.Kind { self[index].event.kind }
    public func step(at index: Int) -> String { self[index].event.step }
    public func item(at index: Int) -> String? { self[index].event.item }
    public func text(at index: Int) -> String? { self[index].event.text }
    public func reason(at index: Int) -> String? { self[index].event.reason }
    public func findings(at index: Int) -> [Finding]? { self[index].event.findings }
    public func outcome(at index: Int) -> Outcome? { self[index].event.outcome }
    public func seconds(at index: Int) -> Int? { self[index].event.seconds }
}

/// A transcript's event lines, each checked whole as `TranscriptEvent(line:)` checks it, with
/// its strings left in the transcript's bytes until read. A review reads a million events and
/// the words of few of them: making every event's time and text was most of its time.
public struct EventLines: EventLog, Sendable {
    /// The transcript the lines are in.
    private let bytes: [UInt8]
    private var lines: [Line] = []

    init(_ bytes: [UInt8], capacity: Int = 0) {
        self.bytes = bytes
        lines.reserveCapacity(capacity)
    }

    /// Appends the event on `line` (a slice of the transcript's bytes); `false`, and nothing
    /// appended, when it is not a well-formed event. Made where it is appended, not returned
    /// (`Line.init?`): copying each event three times on its way into the array was 6% of a review.
    mutating func append(line: ArraySlice<UInt8>) -> Bool {
        var members = Line.Members()
        guard members.read(line) else { return false }
        do {
            lines.append(try Line(members, in: line))
        } catch {
            return false
        }
        return true
    }

    public var count: Int { lines.count }
    public func seq(at index: Int) -> Int { lines[index].seq }
    public func time(at index: Int) -> String { Line.string(lines[index].time, in: bytes[...]) }
    public func kind(at index: Int) -> SessionEvent.Kind { lines[index].kind }
    public func step(at index: Int) -> String { lines[index].step }
    public func item(at index: Int) -> String? { lines[index].item.map { Line.string($0, in: bytes[...]) } }
    public func text(at index: Int) -> String? { lines[index].text.map { Line.string($0, in: bytes[...]) } }
    public func reason(at index: Int) -> String? { lines[index].reason.map { Line.string($0, in: bytes[...]) } }
    public func findings(at index: Int) -> [Finding]? { lines[index].findings }
    public func outcome(at index: Int) -> Outcome? { lines[index].outcome }
    public func seconds(at index: Int) -> Int? { lines[index].seconds }

    /// The event at `index`, every field decoded.
    public func event(at index: Int) -> TranscriptEvent { lines[index].event(in: bytes[...]) }

    /// Every event, every field decoded.
    public var events: [TranscriptEvent] { lines.map { $0.event(in: bytes[...]) } }
}

extension EventLines {
    /// One event line: where its strings are in the transcript's bytes, and the rest decoded.
    struct Line: Sendable {
        var seq: Int
        var kind: SessionEvent.Kind
        /// Decoded with the line, on the thread that reads it: a scorecard reads every event's step.
        var step: String
        var time: Range<Int>
        /// Only when the member is a string: other values read as no string.
        var item, text, reason: Range<Int>?
        var findings: [Finding]?
        var outcome: Outcome?
        var role: SessionEvent.Role?
        var hours, contacts, seconds: Int?

        /// The event line `line` (a slice of the transcript's bytes, at its own indices);
        /// `nil` when it is not a well-formed event.
        init?(_ line: ArraySlice<UInt8>) {
            var members = Members()
            guard members.read(line), let read = try? Self(members, in: line) else { return nil }
            self = read
        }

        /// The members' values, converted as `TranscriptEvent(json:)` converts them.
        fileprivate init(_ members: Members, in line: ArraySlice<UInt8>) throws(JSON.SchemaError) {
            func value(_ range: Range<Int>?) -> JSON.Value? {
                // Read once already, at a greater depth: it parses.
                range.flatMap { try? JSON.parse(line[$0]) }
            }
            func string(_ range: Range<Int>?) -> Range<Int>? {
                range.flatMap { line[$0.lowerBound] == UInt8(ascii: "\"") ? $0 : nil }
            }
            typealias Key = SessionEvent.JSONKey
            // Most lines' seq is digits and their kind a string without escapes: read from the
            // bytes, without a value made of them.
            if let digits = members.seq, digits.count <= 18, line[digits].allSatisfy({ (0x30...0x39).contains($0) }) {
                seq = line[digits].reduce(0) { $0 * 10 + Int($1 - 0x30) }
            } else {
                seq = try value(members.seq).requiredInt(TranscriptEvent.JSONKey.seq)
            }
            guard let time = string(members.time) else { throw JSON.SchemaError("\"time\" must be a string") }
            self.time = time
            if let quoted = string(members.kind), !line[quoted].contains(UInt8(ascii: "\\")) {
                guard
                    let kind = SessionEvent.kinds[
                        JSON.Name(bytes: line[(quoted.lowerBound + 1)..<(quoted.upperBound - 1)])]
                else { throw JSON.SchemaError("\"kind\" has no valid value") }
                self.kind = kind
            } else {
                kind = try value(members.kind).required(Key.kind, in: SessionEvent.kinds)
            }
            guard let step = string(members.step) else { throw JSON.SchemaError("\"step\" must be a string") }
            self.step = Self.string(step, in: line)
            item = string(members.item)
            text = string(members.text)
            reason = string(members.reason)
            findings = try members.findings?.get()
            outcome = try value(members.outcome).optional(Key.outcome, as: Outcome.self)
            role = try value(members.role).optional(Key.role, as: SessionEvent.Role.self)
            hours = value(members.hours).int
            contacts = value(members.contacts).int
            seconds = value(members.seconds).int
        }

        /// The event, every field decoded from `bytes`, the transcript (or the line) it was read from.
        func event(in bytes: ArraySlice<UInt8>) -> TranscriptEvent {
            var event = SessionEvent(
                kind, step: step, item: item.map { Self.string($0, in: bytes) },
                text: text.map { Self.string($0, in: bytes) }, reason: reason.map { Self.string($0, in: bytes) },
                findings: findings, outcome: outcome, hours: hours, contacts: contacts, role: role)
            event.seconds = seconds
            return TranscriptEvent(seq: seq, time: Self.string(time, in: bytes), event: event)
        }

        /// The string whose JSON text is at `range`.
        static func string(_ range: Range<Int>, in bytes: ArraySlice<UInt8>) -> String {
            var reader = JSON.Reader(bytes[range])
            // Read once already, when the line was: it parses.
            return (try? reader.string()) ?? ""
        }

        /// Where the last value of each key is, as the line is read (the last member of a key
        /// counts, as the tree's subscript reads it); findings are decoded as they are read.
        fileprivate struct Members {
            var seq, time, kind, step, item, text, reason, role, contacts, hours, outcome, seconds: Range<Int>?
            /// The findings, once decoded, or the value that is not an array of them.
            var findings: Result<[Finding], JSON.SchemaError>?

            /// Reads the event line `line` whole; `false` when it is not one well-formed JSON object.
            mutating func read(_ line: ArraySlice<UInt8>) -> Bool {
                var reader = JSON.Reader(line)
                do {
                    reader.skipBlanks()
                    // Anything but an object is no event, however well-formed.
                    guard reader.atObject else { return false }
                    try reader.forEachMember(depth: 0) { name, reader throws(JSON.ParseError) in
                        try read(name, from: &reader)
                    }
                    try reader.end()
                    return true
                } catch {
                    return false
                }
            }

            mutating func read(_ name: JSON.Name, from reader: inout JSON.Reader) throws(JSON.ParseError) {
                switch TranscriptEvent.keys[name] {
                case .seq?: seq = try reader.skipValue(depth: 1)
                case .time?: time = try reader.skipValue(depth: 1)
                case nil:
                    switch SessionEvent.keys[name] {
                    case .kind?: kind = try reader.skipValue(depth: 1)
                    case .step?: step = try reader.skipValue(depth: 1)
                    case .item?: item = try reader.skipValue(depth: 1)
                    case .text?: text = try reader.skipValue(depth: 1)
                    case .reason?: reason = try reader.skipValue(depth: 1)
                    case .role?: role = try reader.skipValue(depth: 1)
                    case .contacts?: contacts = try reader.skipValue(depth: 1)
                    case .hours?: hours = try reader.skipValue(depth: 1)
                    case .outcome?: outcome = try reader.skipValue(depth: 1)
                    case .seconds?: seconds = try reader.skipValue(depth: 1)
                    case .findings?:
                        if reader.atArray {
                            findings = try Finding.readArray(from: &reader, depth: 1)
                        } else if case .null = try reader.value(depth: 1) {
                            findings = nil
                        } else {
                            findings = .failure(JSON.SchemaError("\"findings\" must be an array"))
                        }
                    case nil: try reader.skipValue(depth: 1)
                    }
                }
            }
        }
    }
}
