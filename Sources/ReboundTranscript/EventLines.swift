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
    /// How many of the event's findings are warnings or errors, not advice.
    func warningsAndErrors(at index: Int) -> Int
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
    public func warningsAndErrors(at index: Int) -> Int {
        self[index].event.findings?.count { $0.severity != .advice } ?? 0
    }
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

    /// Appends the event on the line at `range` of `text`, the transcript's bytes; `false`, and
    /// nothing appended, when it is not a well-formed event. Made where it is appended, not
    /// returned (`Line.init?`): copying each event three times on its way into the array was
    /// 6% of a review.
    mutating func append(line range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var members = Line.Members()
        guard members.read(JSON.Reader(text, in: range)) else { return false }
        do {
            lines.append(try Line(members, in: text))
        } catch {
            return false
        }
        return true
    }

    public var count: Int { lines.count }
    public func seq(at index: Int) -> Int { lines[index].seq }
    public func time(at index: Int) -> String { string(at: lines[index].time) ?? "" }
    public func kind(at index: Int) -> SessionEvent.Kind { lines[index].kind }
    public func step(at index: Int) -> String { string(at: lines[index].step) ?? "" }
    public func item(at index: Int) -> String? { lines[index].item.flatMap(string(at:)) }
    public func text(at index: Int) -> String? { lines[index].text.flatMap(string(at:)) }
    public func reason(at index: Int) -> String? { lines[index].reason.flatMap(string(at:)) }
    public func findings(at index: Int) -> [Finding]? {
        bytes.withUnsafeBufferPointer { lines[index].findings(in: $0) }
    }
    public func warningsAndErrors(at index: Int) -> Int { lines[index].warningsAndErrors }
    public func outcome(at index: Int) -> Outcome? { lines[index].outcome }
    public func seconds(at index: Int) -> Int? { lines[index].seconds }

    /// The event at `index`, every field decoded.
    public func event(at index: Int) -> TranscriptEvent {
        bytes.withUnsafeBufferPointer { lines[index].event(in: $0) }
    }

    /// Every event, every field decoded.
    public var events: [TranscriptEvent] {
        bytes.withUnsafeBufferPointer { text in lines.map { $0.event(in: text) } }
    }

    /// The string at `range` of the transcript.
    private func string(at range: Range<Int>) -> String? {
        bytes.withUnsafeBufferPointer { Line.string(at: range, in: $0) }
    }
}

extension EventLines {
    /// One event line: where its strings and findings are in the transcript's bytes, and the
    /// rest decoded. Nothing in it is counted by reference, so a transcript's lines are copied
    /// and freed as plain bytes (copying and destroying them was a twentieth of a review).
    struct Line: Sendable {
        var seq: Int
        var kind: SessionEvent.Kind
        var time, step: Range<Int>
        /// Only when the member is a string: other values read as no string.
        var item, text, reason: Range<Int>?
        /// The findings array, checked with the line and decoded only when read: a review makes
        /// the findings of sent replies and counts a draft's by severity.
        var findings: Range<Int>?
        /// How many of the findings are warnings or errors.
        var warningsAndErrors: Int
        var outcome: Outcome?
        var role: SessionEvent.Role?
        var hours, contacts, seconds: Int?

        /// The event line at `range` of `text`; `nil` when it is not a well-formed event.
        init?(_ text: UnsafeBufferPointer<UInt8>, in range: Range<Int>) {
            var members = Members()
            guard members.read(JSON.Reader(text, in: range)), let read = try? Self(members, in: text) else {
                return nil
            }
            self = read
        }

        /// The members' values, converted as `TranscriptEvent(json:)` converts them.
        fileprivate init(_ members: Members, in text: UnsafeBufferPointer<UInt8>) throws(JSON.SchemaError) {
            // Every member was read once already: the ranges hold values.
            let reader = JSON.Reader(text, in: 0..<text.count)
            func string(_ range: Range<Int>?) -> Range<Int>? {
                range.flatMap { reader.isString(at: $0) ? $0 : nil }
            }
            typealias Key = SessionEvent.JSONKey
            guard let seq = members.seq.flatMap(reader.integer(at:)) else {
                throw JSON.SchemaError("\"seq\" must be an integer")
            }
            self.seq = seq
            guard let time = string(members.time) else { throw JSON.SchemaError("\"time\" must be a string") }
            self.time = time
            // Most lines' kind is a string without escapes: found by its bytes, without a string made of them.
            if let quoted = string(members.kind), !text[quoted].contains(UInt8(ascii: "\\")) {
                guard
                    let kind = SessionEvent.kinds[
                        JSON.Name(
                            bytes: UnsafeBufferPointer(
                                rebasing: text[(quoted.lowerBound + 1)..<(quoted.upperBound - 1)]))]
                else { throw JSON.SchemaError("\"kind\" has no valid value") }
                self.kind = kind
            } else {
                kind = try members.kind.flatMap(reader.value(at:)).required(Key.kind, in: SessionEvent.kinds)
            }
            guard let step = string(members.step) else { throw JSON.SchemaError("\"step\" must be a string") }
            self.step = step
            item = string(members.item)
            self.text = string(members.text)
            reason = string(members.reason)
            switch members.findings {
            case nil:
                findings = nil
                warningsAndErrors = 0
            case .refused?: throw JSON.SchemaError("the findings are not an array of findings")
            case .array(let range, let count)?:
                findings = range
                warningsAndErrors = count
            }
            outcome = try members.outcome.flatMap(reader.value(at:)).optional(Key.outcome, as: Outcome.self)
            role = try members.role.flatMap(reader.value(at:)).optional(Key.role, as: SessionEvent.Role.self)
            hours = members.hours.flatMap(reader.integer(at:))
            contacts = members.contacts.flatMap(reader.integer(at:))
            seconds = members.seconds.flatMap(reader.integer(at:))
        }

        /// The findings, decoded from `text`, the transcript (or the line) the line was read from.
        func findings(in text: UnsafeBufferPointer<UInt8>) -> [Finding]? {
            guard let findings else { return nil }
            var reader = JSON.Reader(text, in: findings)
            // Checked when the line was read: they decode.
            return try? Finding.readArray(from: &reader, depth: 1).get()
        }

        /// The event, every field decoded from `text`, the transcript (or the line) it was read from.
        func event(in text: UnsafeBufferPointer<UInt8>) -> TranscriptEvent {
            func string(_ range: Range<Int>?) -> String? { range.flatMap { Self.string(at: $0, in: text) } }
            var event = SessionEvent(
                kind, step: string(step) ?? "", item: string(item), text: string(self.text), reason: string(reason),
                findings: findings(in: text), outcome: outcome, hours: hours, contacts: contacts, role: role)
            event.seconds = seconds
            return TranscriptEvent(seq: seq, time: string(time) ?? "", event: event)
        }

        /// The string at `range` of `text`, read once already.
        static func string(at range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> String? {
            JSON.Reader(text, in: range).string(at: range)
        }

        /// Where the last value of each key is, as the line is read (the last member of a key
        /// counts, as the tree's subscript reads it); findings are checked as they are read.
        fileprivate struct Members {
            var seq, time, kind, step, item, text, reason, role, contacts, hours, outcome, seconds: Range<Int>?
            var findings: FindingsMember?

            /// A `findings` member that is not `null`.
            enum FindingsMember {
                /// An array of findings, and how many are warnings or errors.
                case array(Range<Int>, warningsAndErrors: Int)
                /// A value that is no array of findings.
                case refused
            }

            /// Reads the event line whole; `false` when it is not one well-formed JSON object.
            mutating func read(_ line: JSON.Reader) -> Bool {
                var reader = line
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
                        let start = reader.position
                        if reader.atArray {
                            let count = try Finding.checkArray(from: &reader, depth: 1)
                            findings = count.map { .array(start..<reader.position, warningsAndErrors: $0) } ?? .refused
                        } else if reader.isNull(at: try reader.skipValue(depth: 1)) {
                            findings = nil
                        } else {
                            findings = .refused
                        }
                    case nil: try reader.skipValue(depth: 1)
                    }
                }
            }
        }
    }
}
