import ReboundChecker
import ReboundLanguage
import ReboundText
import ReboundTranscript
import Testing

/// An event line decoded as it was before lines were read member by member: the whole
/// line parsed into a tree, then each key looked up in it (the last member of a key wins).
/// The member-by-member decoder must agree with it on every line, well-formed or not.
private func reference(_ line: [UInt8]) -> TranscriptEvent? {
    typealias Key = SessionEvent.JSONKey
    guard let value = try? JSON.parse(line[...]), case .object = value else { return nil }
    do {
        var event = SessionEvent(
            try value.required(Key.kind, as: SessionEvent.Kind.self), step: try value.requiredString(Key.step),
            item: value.string(Key.item), text: value.string(Key.text), reason: value.string(Key.reason),
            outcome: try value.optional(Key.outcome, as: Outcome.self), hours: value.int(Key.hours),
            contacts: value.int(Key.contacts), role: try value.optional(Key.role, as: SessionEvent.Role.self))
        event.seconds = value.int(Key.seconds)
        switch value[Key.findings] {
        case nil, .null?: break
        case .array(let items)?: event.findings = try items.map(referenceFinding)
        default: return nil
        }
        return TranscriptEvent(
            seq: try value.requiredInt(TranscriptEvent.JSONKey.seq),
            time: try value.requiredString(TranscriptEvent.JSONKey.time), event: event)
    } catch {
        return nil
    }
}

/// A finding decoded by looking each key up in its object, as before.
private func referenceFinding(_ value: JSON.Value) throws(JSON.SchemaError) -> Finding {
    typealias Key = Finding.JSONKey
    let line = try value.requiredInt(Key.line)
    let column = try value.requiredInt(Key.column)
    let offset = try value.requiredInt(Key.offset)
    let length = try value.requiredInt(Key.length)
    guard offset >= 0, length >= 0 else { throw JSON.SchemaError("negative") }
    let end = SourceLocation(
        line: value.int(Key.endLine) ?? line, column: value.int(Key.endColumn) ?? column, offset: offset + length)
    var fix: TextEdit?
    switch value[Key.fix] {
    case nil, .null?: fix = nil
    case let edit?: fix = try TextEdit(json: edit)
    }
    return Finding(
        rule: try value.requiredString(Key.rule),
        category: try value.required(Key.category, as: FindingCategory.self),
        severity: try value.required(Key.severity, as: Diagnostic.Severity.self),
        message: try value.requiredString(Key.message),
        range: SourceRange(SourceLocation(line: line, column: column, offset: offset), end),
        excerpt: try value.requiredString(Key.excerpt), suggestion: value.string(Key.suggestion), fix: fix,
        source: try value.optional(Key.source, as: Finding.Source.self) ?? .phrase, score: value.double(Key.score))
}

/// Lines as the recorder writes them, with every field an event can have.
private let written: [String] = {
    let finding = Finding(
        rule: "RB201", category: .excuse, severity: .warning, message: "Staffing is our problem.",
        range: SourceRange(
            SourceLocation(line: 1, column: 11, offset: 10), SourceLocation(line: 1, column: 32, offset: 31)),
        excerpt: "we were short-staffed", suggestion: "Say what you will do.",
        fix: TextEdit(offset: 10, length: 21, replacement: "we're on it"), source: .model, score: 0.873)
    var done = SessionEvent(.done, step: "close", outcome: .resolved)
    done.seconds = 600
    let events = [
        SessionEvent(.say, step: "s1", text: "Name the mistake first."),
        SessionEvent(.answer, step: "s1", item: "name", text: "Maria \"M\" Ñúñez 😀\n\ttab", role: .customer),
        SessionEvent(.draft, step: "s2", text: "Hi Maria, we were short-staffed.", findings: [finding]),
        SessionEvent(.send, step: "s2", text: "Hi", findings: []),
        SessionEvent(.followUp, step: "s3", text: "Check in.", hours: 72),
        SessionEvent(.redCarpet, step: "s3", contacts: 3),
        SessionEvent(.skip, step: "s3", text: "Called back", reason: "no number"),
        done,
    ]
    return events.enumerated().map { index, event in
        String(
            decoding: TranscriptCoding.encode(
                .event(TranscriptEvent(seq: index + 1, time: "2026-11-23T10:15:0\(index)Z", event: event))),
            as: UTF8.self)
    }
}()

/// The start of an event line with its required members, for lines that vary the rest.
private let head = #"{"seq":1,"time":"2026-11-23T10:15:00Z","step":"s1""#

@Suite("transcript event lines, member by member")
struct TranscriptEventDecodingTests {
    private func expectAgreement(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let decoded = TranscriptEvent(line: bytes[...])
        #expect(
            decoded == reference(bytes), "\(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
        let tree = (try? JSON.parse(bytes[...])).flatMap { try? TranscriptEvent(json: $0) }
        #expect(decoded == tree, sourceLocation: sourceLocation)
    }

    @Test("every line the recorder writes reads back as written")
    func roundTrip() throws {
        for line in written {
            let event = try #require(TranscriptEvent(line: ArraySlice(line.utf8)))
            #expect(TranscriptCoding.encode(.event(event)) == Array(line.utf8))
            expectAgreement(Array(line.utf8))
        }
    }

    @Test("a line cut short anywhere is no event, as the tree decoder says")
    func truncated() {
        for line in written {
            let bytes = Array(line.utf8)
            for end in 0..<bytes.count { expectAgreement(Array(bytes[..<end])) }
        }
    }

    @Test("a line with any one byte changed decodes as the tree decoder decodes it")
    func corrupted() {
        let replacements: [UInt8] = [
            0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x20, 0x01, 0x78, 0x30, 0x2D, 0xFF,
        ]
        for line in written {
            let bytes = Array(line.utf8)
            for index in bytes.indices {
                for byte in replacements where byte != bytes[index] {
                    var changed = bytes
                    changed[index] = byte
                    expectAgreement(changed)
                }
            }
        }
    }

    @Test(
        "escapes and unicode in keys and values",
        arguments: [
            #"{"s\u0065q":1,"ti\u006De":"t","\u006bind":"say","step":"s\/1","text":"caf\u00e9 \ud83d\ude00 \u0000"}"#,
            head + #","kind":"say","text":"lone \ud800 and \udc00 surrogates, \ud800\u0041"}"#,
            head + #","kind":"say","text":"Ñúñez 😀 \"quoted\" \\ \b\f\n\r\t"}"#,
            head + #","kind":"say","text":"bad \x escape"}"#,
            head + #","kind":"say","text":"short \u12"}"#,
            head + #","kind":"say","kind\u0000":"step"}"#,
            head + #","kind":"say","\u006bind":"draft"}"#,
            head + #","kind":"say","k\"ind":"draft"}"#,
            head + ",\"kind\":\"say\",\"text\":\"raw\ncontrol\"}",
            head + ",\"kind\":\"say\",\"te\u{1}xt\":\"x\"}",
        ])
    func escapes(line: String) {
        expectAgreement(Array(line.utf8))
    }

    @Test(
        "numbers: only integers count as seq, hours and contacts",
        arguments: [
            #"{"seq":1.0,"time":"t","kind":"say","step":"s"}"#, #"{"seq":1e2,"time":"t","kind":"say","step":"s"}"#,
            #"{"seq":-0,"time":"t","kind":"say","step":"s"}"#, #"{"seq":-7,"time":"t","kind":"say","step":"s"}"#,
            #"{"seq":12345678901234567890,"time":"t","kind":"say","step":"s"}"#,
            #"{"seq":"1","time":"t","kind":"say","step":"s"}"#, #"{"seq":01,"time":"t","kind":"say","step":"s"}"#,
            head + #","kind":"follow-up","hours":72.5,"contacts":-3,"seconds":1e400}"#,
            head + #","kind":"follow-up","hours":"72","contacts":null,"seconds":true}"#,
            head
                + #","kind":"draft","findings":[{"rule":"RB1","category":"excuse","severity":"error","message":"m","line":1,"column":1,"offset":0,"length":2,"excerpt":"e","score":1e-3,"endLine":2.0}]}"#,
        ])
    func numbers(line: String) {
        expectAgreement(Array(line.utf8))
    }

    @Test("arrays and objects nest 64 deep in an unknown member, and no deeper")
    func nesting() {
        for depth in [1, 62, 63, 64, 65] {
            let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            expectAgreement(Array((head + #","kind":"say","extra":"# + arrays + "}").utf8))
            let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
            expectAgreement(Array((head + #","kind":"say","extra":"# + objects + "}").utf8))
        }
        let accepted = TranscriptEvent(
            line: ArraySlice(
                (head + #","kind":"say","extra":"# + String(repeating: "[", count: 63)
                    + String(repeating: "]", count: 63) + "}").utf8))
        #expect(accepted?.event.kind == .say)
        let refused = TranscriptEvent(
            line: ArraySlice(
                (head + #","kind":"say","extra":"# + String(repeating: "[", count: 64)
                    + String(repeating: "]", count: 64) + "}").utf8))
        #expect(refused == nil)
    }

    @Test(
        "unknown keys of every kind are read and left out",
        arguments: [
            head + #","kind":"say","future":{"a":[1,true,false,null,"x",{"b":{}}]},"also":[],"n":-1.5e-3}"#,
            head + #","kind":"say","a-key-longer-than-fifteen-bytes":"x","findingsfindings":1,"kin":"x","kindd":"x"}"#,
            head + #","kind":"say","":"empty key"}"#,
            head + #","kind":"say","future":tru}"#,
        ])
    func unknownKeys(line: String) {
        expectAgreement(Array(line.utf8))
    }

    @Test("of two members with one key, the last counts, whatever the first held")
    func duplicates() {
        let cases: [(String, SessionEvent.Kind?)] = [
            (head + #","kind":"nope","kind":"say"}"#, .say),
            (head + #","kind":"say","kind":"nope"}"#, nil),
            (head + #","kind":"say","kind":7}"#, nil),
            (head + #","kind":"draft","findings":[{"rule":1}],"findings":[]}"#, .draft),
            (head + #","kind":"draft","findings":[],"findings":[{"rule":1}]}"#, nil),
            (head + #","kind":"say","outcome":"unknown","outcome":null}"#, .say),
            (#"{"seq":"x","seq":2,"time":1,"time":"t","kind":"say","step":"s"}"#, .say),
        ]
        for (line, kind) in cases {
            expectAgreement(Array(line.utf8))
            #expect(TranscriptEvent(line: ArraySlice(line.utf8))?.event.kind == kind, "\(line)")
        }
    }

    @Test(
        "only one object, alone on its line, is an event",
        arguments: [
            "", " ", "[]", "1", "\"x\"", "null", "{}", head + #","kind":"say"} "#, " \t" + head + #","kind":"say"}"#,
            head + #","kind":"say"}x"#, head + #","kind":"say"}{}"#, head + #","kind":"say",}"#,
            head + #" "kind":"say"}"#, head + #","kind" "say"}"#, head + #","kind":"say""#,
            #"{ "seq" : 1 , "time" : "t" , "kind" : "say" , "step" : "s" }"#,
        ])
    func shapes(line: String) {
        expectAgreement(Array(line.utf8))
    }

    @Test("a transcript's lines read field by field give the events and problems decoding gives")
    func fieldByField() {
        let header = TranscriptHeader(
            session: "20261123-101500-a1b2c3", agent: "sam", playbook: .init(id: "demo", version: 1, sha256: ""),
            tool: "test", started: "2026-11-23T10:15:00Z", timeZone: "UTC")
        let finding =
            #"{"rule":"RB1","category":"excuse","severity":"SEVERITY","message":"m","line":1,"column":1,"offset":0,"length":2,"excerpt":"e"}"#
        func findings(_ severities: String...) -> String {
            "[" + severities.map { finding.replacingOccurrences(of: "SEVERITY", with: $0) }.joined(separator: ",") + "]"
        }
        let lines =
            [String(decoding: TranscriptCoding.encode(.header(header)), as: UTF8.self)] + written
            + [
                head + #","kind":"draft","findings":"# + findings("advice", "error", "warning", "advice") + "}",
                head + #","kind":"send","findings":"# + findings("warning", "advice") + "}",
                head + #","kind":"draft","findings":null}"#,
                head + #","kind":"say","text":5,"item":null,"reason":{"a":"b"}}"#, "{not json", "",
                head + #","kind":"#,
            ]
        let bytes = Array(lines.joined(separator: "\n").utf8)
        let decoded = TranscriptCoding.decode(bytes)
        let read = TranscriptCoding.decodeLines(bytes)
        #expect(read.header == decoded.header)
        #expect(read.problems == decoded.problems)
        #expect(read.problems.map(\.description) == ["line 14: unreadable event", "line 16: truncated last line"])
        #expect(read.events.events == decoded.events)
        #expect(read.events.count == decoded.events.count)
        for index in decoded.events.indices {
            let event = decoded.events[index]
            #expect(read.events.event(at: index) == event)
            #expect(read.events.seq(at: index) == event.seq)
            #expect(read.events.time(at: index) == event.time)
            #expect(read.events.kind(at: index) == event.event.kind)
            #expect(read.events.step(at: index) == event.event.step)
            #expect(read.events.item(at: index) == event.event.item)
            #expect(read.events.text(at: index) == event.event.text)
            #expect(read.events.reason(at: index) == event.event.reason)
            #expect(read.events.findings(at: index) == event.event.findings)
            #expect(read.events.warningsAndErrors(at: index) == decoded.events.warningsAndErrors(at: index))
            #expect(read.events.outcome(at: index) == event.event.outcome)
            #expect(read.events.seconds(at: index) == event.event.seconds)
        }
    }
}
