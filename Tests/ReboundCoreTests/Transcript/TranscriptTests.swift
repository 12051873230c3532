import Foundation
import ReboundChecker
import ReboundText
import ReboundTranscript
import Testing

@Suite("transcripts")
struct TranscriptTests {
    static let header = TranscriptHeader(
        session: "20261123-101500-a1b2c3", agent: "sam",
        playbook: .init(id: "late-delivery", version: 3, sha256: String(repeating: "ab", count: 32)),
        tool: "0.1.0", started: "2026-11-23T10:15:00Z", timeZone: "UTC")

    @Test("header and events round-trip through one JSON line each")
    func roundTrip() throws {
        let finding = try #require(sharedChecker.check("We were short-staffed.").first)
        let events = [
            TranscriptEvent(
                seq: 1, time: "2026-11-23T10:15:01Z", event: SessionEvent(.step, step: "own", text: "Own it")),
            TranscriptEvent(
                seq: 2, time: "2026-11-23T10:15:09Z",
                event: SessionEvent(.draft, step: "reply", text: "We were short-staffed.", findings: [finding])),
            TranscriptEvent(
                seq: 3, time: "2026-11-23T10:16:00Z", event: SessionEvent(.done, step: "close", outcome: .resolved)),
        ]
        var bytes = TranscriptCoding.encode(.header(Self.header)) + [10]
        for event in events { bytes += TranscriptCoding.encode(.event(event)) + [10] }
        #expect(events.allSatisfy { !TranscriptCoding.encode(.event($0)).contains(10) }, "one line per record")
        let decoded = TranscriptCoding.decode(bytes)
        #expect(decoded.header == Self.header)
        #expect(decoded.events == events)
        #expect(decoded.problems.isEmpty)
    }

    @Test("a version 1 transcript written earlier still decodes")
    func fixture() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/v1.jsonl")
        let decoded = TranscriptCoding.decode([UInt8](try Data(contentsOf: url)))
        #expect(decoded.problems.isEmpty)
        #expect(decoded.header?.playbook.id == "late-delivery")
        #expect(
            decoded.events.map(\.event.kind) == [
                .step, .say, .answer, .invalidAnswer, .draft, .accept, .send, .followUp, .done,
            ])
        #expect(decoded.events[4].event.findings?.first?.rule == "RB201")
        #expect(decoded.events.last?.event.outcome == .resolved)
    }

    @Test("a truncated last line and a corrupt line are reported and skipped, never fatal")
    func damaged() {
        var bytes = TranscriptCoding.encode(.header(Self.header)) + [10]
        bytes += Array("{not json}\n".utf8)
        bytes +=
            TranscriptCoding.encode(.event(TranscriptEvent(seq: 2, time: "t", event: SessionEvent(.back, step: "a"))))
            + [10]
        bytes += Array("{\"seq\": 3, \"ti".utf8)
        let decoded = TranscriptCoding.decode(bytes)
        #expect(decoded.events.map(\.seq) == [2])
        #expect(decoded.problems.map(\.description) == ["line 2: unreadable event", "line 4: truncated last line"])
        #expect(TranscriptCoding.decode(Array("garbage".utf8)).problems.first?.message == "unreadable header")
    }
}

@Suite("redaction")
struct RedactorTests {
    @Test(
        "a card written in any of the ways people and programs write one is replaced by its last four",
        arguments: [
            "4111.1111.1111.1111", "4111/1111/1111/1111", "4111,1111,1111,1111", "4111_1111_1111_1111",
            "4111  1111  1111  1111", "4111\t1111\t1111\t1111", "4111\u{00A0}1111\u{00A0}1111\u{00A0}1111",
            "4111\u{2010}1111\u{2011}1111\u{2012}1111", "4111\u{2013}1111\u{2014}1111\u{2015}1111",
            "4111\u{00AD}1111\u{00AD}1111\u{00AD}1111", "4111\u{200B}1111\u{200D}1111\u{200C}1111",
            "４１１１１１１１１１１１１１１１", "٤١١١١١١١١١١١١١١١", "४१११११११११११११११",
            "\u{1D7D2}\u{1D7CF}\u{1D7CF}\u{1D7CF}111111111111", "4\u{0301}111111111111111",
            "4111 1111\n1111 1111", "4111 1111\r\n1111 1111", "4111%201111%201111%201111",
        ])
    func cardForms(card: String) throws {
        #expect(try Redactor().redact("card \(card) ok") == "card [card ending 1111] ok")
    }

    @Test(
        "ordinary numbers are kept: 12 digits, a phone with +, no issuer, Luhn failures",
        arguments: [
            "+44 7911 123456", "order 100000000008", "ref 9111111111111111", "+4411111111111111", "1234 5678 9012 3456",
        ])
    func ordinaryNumbers(text: String) throws {
        #expect(try Redactor().redact(text) == text)
    }

    @Test("Luhn-valid card numbers, with spaces or dashes, are replaced by their last four")
    func cards() throws {
        let redactor = try Redactor()
        #expect(redactor.redact("card 4111 1111 1111 1111 thanks") == "card [card ending 1111] thanks")
        #expect(redactor.redact("4111-1111-1111-1111") == "[card ending 1111]")
        #expect(redactor.redact("Amex 378282246310005.") == "Amex [card ending 0005].")
        #expect(redactor.redact("order 4111111111111112") == "order 4111111111111112", "fails Luhn")
        #expect(redactor.redact("order 123456") == "order 123456")
        #expect(redactor.redact("id 41111111111111110000") == "id 41111111111111110000", "too long")
    }

    @Test("extra patterns are redacted; an invalid pattern is an error")
    func patterns() throws {
        let redactor = try Redactor(patterns: ["[A-Z]{2}[0-9]{6}"])
        #expect(redactor.redact("passport AB123456 ok") == "passport [redacted] ok")
        #expect(throws: (any Error).self) { try Redactor(patterns: ["[a-"]) }
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test("known digests")
    func vectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
