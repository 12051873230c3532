import ReboundChecker
import Testing

@testable import ReboundText

/// Parses `text`'s UTF-8 bytes.
private func parse(_ text: String) throws(JSON.ParseError) -> JSON.Value {
    try JSON.parse(ArraySlice(text.utf8))
}

/// The error `JSON.parse` throws for `bytes`, or `nil` (and an issue) when it accepts them.
private func refusal(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSON.ParseError? {
    do {
        let value = try JSON.parse(bytes[...])
        Issue.record("accepted as \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

private func refusal(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> JSON.ParseError? {
    refusal(Array(text.utf8), sourceLocation: sourceLocation)
}

/// What `JSONWriter.value` writes for `value`, as text.
private func written(_ value: JSON.Value) -> String {
    var writer = JSONWriter()
    writer.value(value)
    return String(decoding: writer.bytes, as: UTF8.self)
}

@Suite("JSON reader")
struct JSONReaderTests {
    @Test(
        "numbers RFC 8259 allows are accepted and kept exactly as written",
        arguments: [
            "0", "-0", "0.5", "-0.5", "7", "10", "-10", "1.0", "1.25e3", "1E3", "1e+3", "1e-3", "0e0", "-0.0E-00",
            "12345678901234567890", "-98765432109876543210.5", "1e400", "0.000000000000000000001",
        ])
    func numbers(text: String) throws {
        #expect(try parse(text) == .number(text))
        #expect(try parse("[\(text)]") == .array([.number(text)]))
    }

    @Test(
        "a leading zero is refused, at the digit after the zero",
        arguments: [("01", 2), ("-01", 3), ("00", 2), ("-00", 3), ("007.5", 2), ("01e2", 2), ("[1, 02]", 6)])
    func leadingZeros(text: String, column: Int) throws {
        let error = try #require(refusal(text))
        #expect(error == JSON.ParseError(message: "a number cannot have a leading zero", column: column))
    }

    @Test(
        "malformed numbers are refused with where and why",
        arguments: [
            ("-", 2, "expected a digit"), ("-x", 2, "expected a digit"), ("1.", 3, "expected a digit after '.'"),
            ("1.e3", 3, "expected a digit after '.'"), ("1e", 3, "expected a digit in the exponent"),
            ("1e+", 4, "expected a digit in the exponent"), (".5", 1, "unexpected character"),
            ("+1", 1, "unexpected character"), ("NaN", 1, "unexpected character"),
            ("Infinity", 1, "unexpected character"), ("0x10", 2, "unexpected text after the JSON value"),
            ("1.5.2", 4, "unexpected text after the JSON value"), ("- 1", 2, "expected a digit"),
        ])
    func malformedNumbers(text: String, column: Int, message: String) throws {
        let error = try #require(refusal(text))
        #expect(error == JSON.ParseError(message: message, column: column))
    }

    @Test("a huge number is kept as written, and written back the same")
    func hugeNumbers() throws {
        for text in ["12345678901234567890", "-123456789012345678901234567890.125e-7", "1e999999"] {
            let value = try parse("{\"id\":\(text)}")
            #expect(value["id"] == .number(text))
            #expect(written(value) == "{\"id\":\(text)}")
        }
    }

    @Test(
        "escapes decode to their characters",
        arguments: [
            (#""\u0000""#, "\u{0}"), (#""\/""#, "/"), (#""\"\\""#, "\"\\"), (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"),
            (#""\u00e9\u00C9""#, "éÉ"), (#""\u20AC""#, "€"), (#""a\u0041b""#, "aAb"),
            (#""\u001f\u007F""#, "\u{1F}\u{7F}"),
            (#""plain""#, "plain"), (#""""#, ""), (#""é😀""#, "é😀"),
        ])
    func escapes(json: String, expected: String) throws {
        #expect(try parse(json) == .string(expected))
    }

    @Test(
        "surrogate pairs make one character; a surrogate without its other half becomes U+FFFD",
        arguments: [
            (#""\ud83d\ude00""#, "😀"), (#""\uD83D\uDE00""#, "😀"), (#""x\ud83d\ude00y""#, "x😀y"),
            (#""\udbff\udfff""#, "\u{10FFFF}"), (#""\ud800\udc00""#, "\u{10000}"),
            (#""\ud83d""#, "\u{FFFD}"), (#""\ude00""#, "\u{FFFD}"), (#""\ud83dx""#, "\u{FFFD}x"),
            (#""\ude00\ud83d""#, "\u{FFFD}\u{FFFD}"),
            // A high surrogate followed by an escape that is not a low one: both are kept.
            (#""\ud83d\u0041""#, "\u{FFFD}A"), (#""\ud83d\ud83d\ude00""#, "\u{FFFD}😀"),
            (#""\ud83d\n""#, "\u{FFFD}\n"),
        ])
    func surrogates(json: String, expected: String) throws {
        #expect(try parse(json) == .string(expected))
    }

    @Test(
        "unknown and incomplete escapes are refused, at the offending character",
        arguments: [
            (#""\x""#, 3, #"unknown escape '\x'"#), (#""ab\'""#, 5, #"unknown escape '\''"#),
            (#""\U0041""#, 3, #"unknown escape '\U'"#), (#""\ ""#, 3, "unknown escape"),
            (#""\u12""#, 4, #"expected four hex digits after \u"#),
            (#""\u12G4""#, 6, #"expected four hex digits after \u"#),
            (#""\ud83d\uZZZZ""#, 10, #"expected four hex digits after \u"#),
            (#""abc\"#, 6, "unterminated string"), (#""abc"#, 5, "unterminated string"),
            (#""\n"#, 4, "unterminated string"),
        ])
    func badEscapes(json: String, column: Int, message: String) throws {
        let error = try #require(refusal(json))
        #expect(error == JSON.ParseError(message: message, column: column))
    }

    @Test("an escape with a non-ASCII or control character after the backslash is refused without echoing it")
    func unprintableEscapes() throws {
        for byte: UInt8 in [0x0A, 0x1B, 0x7F, 0xC3] {
            let error = try #require(refusal([0x22, 0x5C, byte, 0x22]))
            #expect(error == JSON.ParseError(message: "unknown escape", column: 3))
        }
    }

    @Test("every control character below 0x20 is refused raw inside a string, with or without escapes before it")
    func controlCharacters() throws {
        for byte in UInt8(0)..<0x20 {
            let plain = try #require(refusal([0x22, 0x61, byte, 0x22]))
            #expect(plain == JSON.ParseError(message: "control character in a string", column: 3))
            let afterEscape = try #require(refusal([0x22, 0x5C, 0x6E, byte, 0x22]))
            #expect(afterEscape == JSON.ParseError(message: "control character in a string", column: 4))
        }
        #expect(try JSON.parse([0x22, 0x7F, 0x22][...]) == .string("\u{7F}"), "DEL needs no escape in JSON")
    }

    @Test("invalid UTF-8 inside a string becomes U+FFFD, as the lint and protocol readers need")
    func invalidUTF8() throws {
        #expect(try JSON.parse([0x22, 0x61, 0xFF, 0x62, 0x22][...]) == .string("a\u{FFFD}b"))
        #expect(try JSON.parse([0x22, 0x5C, 0x6E, 0xFF, 0x22][...]) == .string("\n\u{FFFD}"), "after an escape")
        let samples: [[UInt8]] = [
            [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0x80], [0xFE],
        ]
        for sample in samples {
            let expected = String(decoding: sample, as: UTF8.self)
            #expect(expected.unicodeScalars.allSatisfy { $0 == "\u{FFFD}" })
            #expect(try JSON.parse(([0x22] + sample + [0x22])[...]) == .string(expected), "\(sample)")
            #expect(try JSON.parse(([0x22, 0x5C, 0x74] + sample + [0x22])[...]) == .string("\t" + expected))
            let object = try JSON.parse((Array(#"{""#.utf8) + sample + Array(#"":1}"#.utf8))[...])
            #expect(object[expected] == .number("1"), "in a key")
        }
    }

    @Test("a duplicate key keeps both members in order; the subscript reads the last")
    func duplicateKeys() throws {
        let value = try parse(#"{"id":1,"text":"a","id":"two"}"#)
        #expect(value["id"] == .string("two"))
        #expect(value["text"] == .string("a"))
        #expect(value["missing"] == nil)
        guard case .object(let members) = value else {
            Issue.record("not an object: \(value)")
            return
        }
        #expect(members.map(\.key) == ["id", "text", "id"])
        #expect(written(value) == #"{"id":1,"text":"a","id":"two"}"#)
        #expect(try parse("[1]")["id"] == nil, "only objects have members")
        #expect(try parse(#""id""#)["id"] == nil)
    }

    /// An object read member by member (`JSON.Reader.name`, `value`, `nextMember`): its
    /// members' names and values, or the error.
    private func membersRead(_ text: String) -> Result<[(JSON.Name, JSON.Value)], JSON.ParseError> {
        Result { () throws(JSON.ParseError) in
            try JSON.read(ArraySlice(text.utf8)) { reader throws(JSON.ParseError) in
                var members: [(JSON.Name, JSON.Value)] = []
                reader.skipBlanks()
                if try reader.beginObject(depth: 0) {
                    repeat {
                        let name = try reader.name()
                        members.append((name, try reader.value(depth: 1)))
                    } while try reader.nextMember()
                }
                try reader.end()
                return members
            }
        }
    }

    @Test(
        "an object read member by member has the members parse finds, or fails where parse fails",
        arguments: [
            #"{}"#, #" { } "#, #"{"a":1,"b":[true,{"c":null}],"a":"x"}"#, #"{"k\u0069nd":"say","\"":1}"#,
            #"{"a-key-longer-than-fifteen-bytes":1,"fifteen-bytes-k":2,"":3}"#, #"{"é😀":1,"kind\u0000":2}"#,
            #"{"a":1,}"#, #"{"a" 1}"#, #"{a:1}"#, #"{"a":1"#, #"{"a":1}x"#, #"{"a":01}"#, #"{"a":"\x"}"#,
            "{\"a\nb\":1}", #"{"a":"#, #"{"#, #"{"ab"#, #"{"a\"#, #"{"a":[}"#,
        ])
    func memberByMember(text: String) throws {
        switch (membersRead(text), Result { () throws(JSON.ParseError) in try parse(text) }) {
        case (.success(let members), .success(.object(let tree))):
            #expect(members.map(\.0) == tree.map { JSON.Name($0.key) })
            #expect(members.map(\.1) == tree.map(\.value))
        case (.failure(let error), .failure(let expected)): #expect(error == expected)
        case (let read, let parsed): Issue.record("read \(read), parsed \(parsed)")
        }
    }

    @Test(
        "a value skipped is refused where it is read, with the same error, and ends where it was read",
        arguments: [
            #"{}"#, #"[]"#, #" { "a" : [ 1 , -2.5e+3 , true , false , null , "x" ] } "#, #""caf\u00e9 \ud83d\ude00""#,
            #""\ud800\u0041""#, #""\ud800\u12""#, #""\x""#, #""\u12""#, "\"raw\ncontrol\"", #""unterminated"#,
            #"{"k\u0069nd":"say","\"":1}"#, #"{"a":1,}"#, #"{"a" 1}"#, #"{a:1}"#, #"[1,]"#, #"[1 2]"#, #"01"#, #"-"#,
            #"1."#, #"1e"#, #"tru"#, #"nul"#, #"fals"#, #"x"#, "", #"{"a":[}"#, #"[{"a":"#, #"[[[[]]]"#,
            String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
            String(repeating: "[", count: 64) + String(repeating: "]", count: 64),
        ])
    func skipped(text: String) {
        JSON.read(ArraySlice(text.utf8)) { start in
            start.skipBlanks()
            var reading = start
            var skipping = start
            let read = Result { () throws(JSON.ParseError) in try reading.value(depth: 0) }
            let skipped = Result { () throws(JSON.ParseError) in try skipping.skipValue(depth: 0) }
            switch (read, skipped) {
            case (.success(let value), .success(let range)):
                #expect(range == start.position..<reading.position)
                #expect(skipping.position == reading.position)
                // Read again from where it was skipped, as the member readers read it (`JSON.Value?`).
                let member: JSON.Value? = value
                #expect(skipping.value(at: range) == value)
                #expect(skipping.string(at: range) == member.string)
                #expect(skipping.integer(at: range) == member.int)
                #expect(skipping.isString(at: range) == (member.string != nil))
                #expect(skipping.isNull(at: range) == (value == .null))
            case (.failure(let expected), .failure(let error)): #expect(error == expected)
            case (let read, let skipped): Issue.record("read \(read), skipped \(skipped)")
            }
        }
    }

    @Test(
        "keys and strings of every length up to 20, with a quote, backslash, control or non-ASCII byte anywhere, near the end of the text or not, are read as parse reads them"
    )
    func wordAtATime() throws {
        let oddities = [#"\""#, #"\\"#, #"\u0041"#, "\u{01}", "é", "\u{1F}\u{7F}", #"\x"#]
        for length in 0...20 {
            let plain = (0..<length).map { String(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))) }
            var words = [plain.joined()]
            for position in 0...length {
                for oddity in oddities { words.append((plain[..<position] + [oddity] + plain[position...]).joined()) }
            }
            for word in words {
                for padding in [0, 1, 7, 8, 15, 16, 17] {
                    let blanks = String(repeating: " ", count: padding)
                    try memberByMember(text: "{\"\(word)\":\"\(word)\"\(blanks)}")
                    try memberByMember(text: "{\"\(word)\"\(blanks):1}")
                    skipped(text: "\"\(word)\"\(blanks)")
                    skipped(text: "\"\(word)")
                }
            }
        }
    }

    @Test(
        "a number skipped is the integer its text is, as Int reads it: every length, sign, fraction, exponent and the limits of Int"
    )
    func integers() {
        var numbers = [
            "0", "-0", "7", "-7", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "99999999999999999999", "1.0", "1.5", "-0.0", "1e2", "1E2", "1e+2", "-1e-2", "0e0",
            #""12""#, "true", "false", "null", "[1]", #"{"a":1}"#,
        ]
        for length in 1...21 {
            let digits = (0..<length).map { String(($0 + 1) % 10) }.joined()
            numbers += [digits, "-" + digits, digits + ".0", digits + "e1", String(repeating: "9", count: length)]
        }
        for number in numbers {
            for padding in ["", " ", "        "] {
                skipped(text: padding + number + padding)
                skipped(text: "[" + number + "]")
            }
        }
    }

    @Test("a record's keys are found by name; other names, however close, are none of them")
    func keyNames() {
        enum Key: String, CaseIterable, Sendable { case kind, text, findings, suggestion, fifteenBytesKey }
        let keys = JSON.Keys<Key>()
        for key in Key.allCases { #expect(keys[JSON.Name(key.rawValue)] == key) }
        for other in ["", "kin", "kindd", "Kind", "kind\u{0}", "findingsfindings", "fifteenBytesKey1", "text "] {
            #expect(keys[JSON.Name(other)] == nil, "\(other)")
        }
        #expect(JSON.Name(String(repeating: "x", count: 16)) == JSON.Name(String(repeating: "y", count: 40)))
        #expect(JSON.Name(String(repeating: "x", count: 15)) != JSON.Name(String(repeating: "x", count: 16)))
    }

    @Test("objects with the same members in another order are different values")
    func memberOrder() throws {
        #expect(try parse(#"{"a":1,"b":2}"#) != parse(#"{"b":2,"a":1}"#))
        #expect(try parse(#"{"a":1,"b":2}"#) == parse(#" { "a" : 1 , "b" : 2 } "#))
    }

    @Test("arrays and objects nest up to 64 deep; one more is refused at its bracket")
    func nesting() throws {
        func arrays(_ depth: Int, inner: String) -> String {
            String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth)
        }
        func objects(_ depth: Int) -> String {
            String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        }
        for inner in ["", "1", #""x""#, "true"] {
            #expect(throws: Never.self) { try parse(arrays(64, inner: inner)) }
        }
        #expect(throws: Never.self) { try parse(arrays(63, inner: "{}")) }
        #expect(refusal(arrays(64, inner: "{}")) == JSON.ParseError(message: "nested too deeply", column: 65))
        #expect(throws: Never.self) { try parse(objects(64)) }
        #expect(refusal(arrays(65, inner: "")) == JSON.ParseError(message: "nested too deeply", column: 65))
        #expect(refusal(arrays(64, inner: "[1]")) == JSON.ParseError(message: "nested too deeply", column: 65))
        #expect(refusal(objects(65)) == JSON.ParseError(message: "nested too deeply", column: 64 * 5 + 1))
        #expect(refusal(arrays(100_000, inner: ""))?.message == "nested too deeply", "no stack overflow")
        let mixed = String(repeating: #"[{"a":"#, count: 32) + "null" + String(repeating: "}]", count: 32)
        #expect(throws: Never.self) { try parse(mixed) }
    }

    @Test(
        "text after the value is refused; blanks around it are not",
        arguments: [("{} {}", 4), ("1 2", 3), ("truex", 5), ("null,", 5), (#""a""b""#, 4), ("[]]", 3), ("0 x", 3)])
    func trailingText(text: String, column: Int) throws {
        let error = try #require(refusal(text))
        #expect(error == JSON.ParseError(message: "unexpected text after the JSON value", column: column))
    }

    @Test("blanks are spaces, tabs and line breaks, before and after the value and between tokens")
    func blanks() throws {
        #expect(
            try parse(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] }\r\n ") == .object([("a", .array([.number("1"), .number("2")]))]))
        #expect(refusal("\u{0B}1")?.column == 1, "a vertical tab is not a JSON blank")
        #expect(refusal("\u{A0}1")?.column == 1, "nor is a no-break space")
    }

    @Test(
        "each structural mistake is reported with its 1-based byte column",
        arguments: [
            ("", 1, "unexpected end of line"), ("   ", 4, "unexpected end of line"),
            ("[", 2, "unexpected end of line"), ("[1", 3, "unexpected end of line in an array"),
            ("[1,]", 4, "unexpected character"), ("[,1]", 2, "unexpected character"),
            ("[1 2]", 4, "expected ',' or ']'"), (#"{"a" 1}"#, 6, "expected ':'"),
            ("{a:1}", 2, "expected a key in double quotes"), (#"{"a":1,}"#, 8, "expected a key in double quotes"),
            (#"{"a":1"#, 7, "unexpected end of line in an object"), (#"{"a":1 "b":2}"#, 8, "expected ',' or '}'"),
            (#"{"a":}"#, 6, "unexpected character"), ("tru", 1, "unexpected character"),
            ("True", 1, "unexpected character"), ("nul", 1, "unexpected character"),
            (#"["é", x]"#, 8, "unexpected character"), ("'a'", 1, "unexpected character"),
        ])
    func columns(text: String, column: Int, message: String) throws {
        let error = try #require(refusal(text))
        #expect(error == JSON.ParseError(message: message, column: column))
    }

    @Test("columns count from the start of the slice, not of the buffer it is cut from")
    func sliceColumns() throws {
        let line = Array("ignored\n[01]".utf8)
        let start = try #require(line.firstIndex(of: UInt8(ascii: "\n"))) + 1
        #expect(throws: JSON.ParseError(message: "a number cannot have a leading zero", column: 3)) {
            try JSON.parse(line[start...])
        }
        let middle = Array("xx[1]yy".utf8)[2..<5]
        #expect(try JSON.parse(middle) == .array([.number("1")]))
    }

    @Test("literals and mixed arrays decode to their values")
    func values() throws {
        #expect(
            try parse(#"[true,false,null,"s",-1.5,{},[]]"#)
                == .array([.bool(true), .bool(false), .null, .string("s"), .number("-1.5"), .object([]), .array([])]))
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    @Test(
        "strings escape quotes, backslashes, control characters and DEL; everything else passes through",
        arguments: [
            ("say \"hi\"", #""say \"hi\"""#), (#"C:\dir"#, #""C:\\dir""#), ("a\nb\rc\td", #""a\nb\rc\td""#),
            ("\u{0}", #""\u0000""#), ("\u{1}\u{8}\u{C}", #""\u0001\u0008\u000c""#), ("\u{1B}[31m", #""\u001b[31m""#),
            ("\u{1F}", #""\u001f""#), ("\u{7F}", #""\u007f""#), ("a/b", #""a/b""#), ("", #""""#),
            ("é€😀 \u{2028}\u{85}\u{A0}", "\"é€😀 \u{2028}\u{85}\u{A0}\""), ("\r\n", #""\r\n""#),
        ])
    func escaping(text: String, expected: String) {
        var writer = JSONWriter()
        writer.string(text)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == expected)
    }

    @Test("a nil string is null")
    func nilString() {
        var writer = JSONWriter()
        writer.string(nil)
        #expect(writer.bytes == Array("null".utf8))
    }

    @Test("objects get commas between members, also around nested objects, and clear starts afresh")
    func objects() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("id", JSON.Value.number("12345678901234567890"))
        writer.key("inner")
        writer.beginObject()
        writer.field("n", 3)
        writer.field("t", "x\"y")
        writer.endObject()
        writer.field("none", nil as String?)
        writer.key("list")
        writer.value(.array([.bool(true), .null, .number("-0.5")]))
        writer.endObject()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == #"{"id":12345678901234567890,"inner":{"n":3,"t":"x\"y"},"none":null,"list":[true,null,-0.5]}"#)
        writer.clear()
        #expect(writer.bytes.isEmpty)
        writer.beginObject()
        writer.field("a", 1)
        writer.endObject()
        #expect(writer.bytes == Array(#"{"a":1}"#.utf8))
    }

    @Test("values write compactly, keys escaped like strings")
    func values() {
        #expect(written(.object([("k\"\n", .string("v")), ("", .array([]))])) == #"{"k\"\n":"v","":[]}"#)
        #expect(written(.array([.number("1"), .array([.object([])])])) == "[1,[{}]]")
        #expect(written(.number(String(Int.min))) == "-9223372036854775808")
    }

    @Test("what the writer writes, the reader reads back the same: 2,000 generated values")
    func roundTrip() throws {
        var random = SplitMix(seed: 0x5EED)
        for _ in 0..<2_000 {
            let value = Self.generate(depth: 0, &random)
            let text = written(value)
            let parsed = try JSON.parse(ArraySlice(text.utf8))
            #expect(parsed == value, "\(text)")
            #expect(written(parsed) == text, "byte for byte")
        }
    }

    /// Pieces of strings a round trip must survive.
    static let pieces = [
        "a", "Z", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\r", "\r\n", "\u{C}", "\u{1B}",
        "\u{1F}",
        "\u{7F}", "\u{80}", "\u{85}", "é", "e\u{301}", "€", "\u{2028}", "\u{FFFD}", "\u{FEFF}", "😀", "👩‍👩‍👧", "\u{10FFFF}",
        "\\u0041", "\\\"", "{", "]", ",", ":",
    ]

    static func generate(depth: Int, _ random: inout SplitMix) -> JSON.Value {
        let kind = random.below(depth >= 4 ? 4 : 6)
        switch kind {
        case 0: return .string(generateString(&random))
        case 1: return .number(generateNumber(&random))
        case 2: return .bool(random.chance(0.5))
        case 3: return .null
        case 4: return .array((0..<random.below(5)).map { _ in generate(depth: depth + 1, &random) })
        default:
            // Few key names, so duplicates come up.
            return .object(
                (0..<random.below(5)).map { _ in
                    (["id", "text", "", "é", "a\"b", "\u{0}"][random.below(6)], generate(depth: depth + 1, &random))
                })
        }
    }

    static func generateString(_ random: inout SplitMix) -> String {
        (0..<random.below(8)).map { _ in pieces[random.below(pieces.count)] }.joined()
    }

    /// A number as RFC 8259 writes one: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    static func generateNumber(_ random: inout SplitMix) -> String {
        func digits(_ count: Int) -> String { (0..<count).map { _ in String(random.below(10)) }.joined() }
        var text = random.chance(0.3) ? "-" : ""
        text += random.chance(0.2) ? "0" : String(1 + random.below(9)) + digits(random.below(25))
        if random.chance(0.3) { text += "." + digits(1 + random.below(5)) }
        if random.chance(0.2) {
            text += ["e", "E"][random.below(2)] + ["", "+", "-"][random.below(3)] + digits(1 + random.below(3))
        }
        return text
    }
}
