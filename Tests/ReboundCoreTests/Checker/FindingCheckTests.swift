import ReboundChecker
import ReboundText
import Testing

/// A finding's members as the recorder writes them, in order, as JSON text.
private let recorded: [(key: String, value: String)] = [
    ("rule", #""RB201""#), ("category", #""excuse""#), ("severity", #""error""#),
    ("message", #""Staffing is our problem.""#), ("line", "1"), ("column", "11"), ("offset", "10"), ("length", "21"),
    ("endLine", "1"), ("endColumn", "32"), ("excerpt", #""we were short-staffed""#),
    ("suggestion", #""Say what you will do.""#), ("fix", #"{"offset":10,"length":21,"replacement":"we're on it"}"#),
    ("source", #""model""#), ("score", "0.873"),
]

private func object(_ members: [(key: String, value: String)]) -> String {
    "{" + members.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
}

@Suite("a findings array checked without making its findings")
struct FindingCheckTests {
    /// `checkArray` and `readArray` over the array `text` starts with: the same JSON errors,
    /// the same findings refused, and the count of the warnings and errors `readArray` makes.
    private func expectAgreement(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let bytes = ArraySlice(text.utf8)
        guard bytes.first == UInt8(ascii: "[") else { return }
        let checked = Result { () throws(JSON.ParseError) in
            try JSON.read(bytes) { reader throws(JSON.ParseError) in
                let count = try Finding.checkArray(from: &reader, depth: 0)
                return (count, reader.position)
            }
        }
        let read = Result { () throws(JSON.ParseError) in
            try JSON.read(bytes) { reader throws(JSON.ParseError) in
                (try Finding.readArray(from: &reader, depth: 0), reader.position)
            }
        }
        switch (checked, read) {
        case (.success(let (count?, end)), .success(let (.success(findings), expectedEnd))):
            #expect(count == findings.count { $0.severity != .advice }, "\(text)", sourceLocation: sourceLocation)
            #expect(end == expectedEnd, sourceLocation: sourceLocation)
        case (.success(let (nil, end)), .success(let (.failure, expectedEnd))):
            #expect(end == expectedEnd, sourceLocation: sourceLocation)
        case (.failure(let error), .failure(let expected)):
            #expect(error == expected, "\(text)", sourceLocation: sourceLocation)
        case (let checked, let read):
            Issue.record("\(text): checked \(checked), read \(read)", sourceLocation: sourceLocation)
        }
    }

    @Test("findings as written, older ones without their later members, advice and empty arrays")
    func written() {
        let older = recorded.filter { !["endLine", "endColumn", "fix", "source", "score"].contains($0.key) }
        let advice = recorded.map { $0.key == "severity" ? ($0.key, #""advice""#) : $0 }
        let warning = recorded.map { $0.key == "severity" ? ($0.key, #""warning""#) : $0 }
        for array in [
            "[]", "[ ]", "[" + object(recorded) + "]", "[" + object(older) + "]", "[" + object(advice) + "]",
            "[" + [object(recorded), object(warning), object(advice), object(older)].joined(separator: ", ") + "]",
        ] {
            expectAgreement(array)
        }
    }

    @Test("each member missing, null, of another type, out of range, unknown, escaped or given twice")
    func members() {
        let values = [
            "null", "true", "0", "-0", "-1", "1.0", "1e1", "99999999999999999999", #""1""#, #""""#, "[]", "{}",
            #""exc\u0075se""#, #""repeated-apology""#, #""advice""#, #""warning""#, #""phrase""#, #""nope""#,
            #"{"offset":0,"length":0,"replacement":""}"#, #"{"offset":-1,"length":0,"replacement":""}"#,
            #"{"offset":0,"length":0}"#, #"{"offset":"0","length":0,"replacement":""}"#,
        ]
        for index in recorded.indices {
            var without = recorded
            without.remove(at: index)
            expectAgreement("[" + object(without) + "]")
            for value in values {
                var changed = recorded
                changed[index].value = value
                expectAgreement("[" + object(changed) + "]")
                expectAgreement("[" + object(recorded + [(recorded[index].key, value)]) + "]")
                expectAgreement("[" + object([(recorded[index].key, value)] + recorded) + "]")
            }
        }
    }

    @Test("elements that are not objects, and findings refused before and after good ones")
    func elements() {
        let good = object(recorded)
        let refused = object(Array(recorded.dropFirst()))
        for element in ["1", #""x""#, "null", "[]", "{}", "[{}]", refused] {
            expectAgreement("[" + element + "]")
            expectAgreement("[" + good + "," + element + "]")
            expectAgreement("[" + element + "," + good + "]")
        }
    }

    @Test("an array cut short anywhere, or with any one byte changed, is refused as readArray refuses it")
    func corrupted() {
        let text = "[" + object(recorded) + ", " + object(recorded.filter { $0.key != "fix" }) + "]"
        let bytes = Array(text.utf8)
        for end in 0..<bytes.count { expectAgreement(String(decoding: bytes[..<end], as: UTF8.self)) }
        for index in bytes.indices {
            for byte: UInt8 in [0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x20, 0x01, 0x78, 0x30, 0x2D]
            where byte != bytes[index] {
                var changed = bytes
                changed[index] = byte
                expectAgreement(String(decoding: changed, as: UTF8.self))
            }
        }
    }
}
