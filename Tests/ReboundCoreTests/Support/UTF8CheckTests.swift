import ReboundChecker
import ReboundText
import Testing

/// Where the first ill-formed sequence starts, by the standard library's decoder.
private func referenceOffset(_ bytes: [UInt8]) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let encoded): offset += encoded.count
        case .emptyInput: return nil
        case .error: return offset
        }
    }
}

private func check(_ bytes: [UInt8]) -> Int? {
    UTF8Check.firstInvalidOffset(in: bytes, 0, bytes.count)
}

@Suite("UTF-8 validation")
struct UTF8CheckTests {
    @Test(
        "well-formed text of every length is valid, up to U+10FFFF",
        arguments: [
            [], [0x00], [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80],
            [0xF3, 0xBF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], Array("Café 😀 naïve €".utf8),
        ] as [[UInt8]])
    func valid(bytes: [UInt8]) {
        #expect(check(bytes) == nil)
    }

    @Test(
        "overlong forms, encoded surrogates, code points past U+10FFFF and bytes that never appear are refused",
        arguments: [
            [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0xAF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xF7, 0xBF, 0xBF, 0xBF], [0xF8], [0xFB], [0xFC],
            [0xFE], [0xFF], [0x80], [0xBF], [0xC2, 0xC2, 0x80], [0xE2, 0x28, 0xA1], [0xE2, 0x82, 0x28],
            [0xF0, 0x28, 0x8C, 0xBC], [0xF0, 0x90, 0x28, 0xBC], [0xF0, 0x90, 0x8C, 0x28],
        ] as [[UInt8]])
    func invalid(bytes: [UInt8]) {
        #expect(check(bytes) == 0)
        #expect(check(Array("ok ".utf8) + bytes) == 3, "at the start of the bad sequence")
    }

    @Test(
        "a sequence cut short at the end of the range is refused at its first byte",
        arguments: [[0xC3], [0xE2], [0xE2, 0x82], [0xF0], [0xF0, 0x9F], [0xF0, 0x9F, 0x98]] as [[UInt8]])
    func truncated(bytes: [UInt8]) {
        #expect(check(Array("abc".utf8) + bytes) == 3)
        #expect(check(bytes + [0x41]) == 0, "cut short before ASCII")
    }

    @Test("only the given range is checked, with offsets into the whole buffer")
    func ranges() {
        let bytes: [UInt8] = [0xFF, 0x61, 0xF0, 0x9F, 0x98, 0x80, 0x62, 0xFF]
        #expect(UTF8Check.firstInvalidOffset(in: bytes, 1, 7) == nil)
        #expect(UTF8Check.firstInvalidOffset(in: bytes, 0, 7) == 0)
        #expect(UTF8Check.firstInvalidOffset(in: bytes, 1, 8) == 7)
        #expect(UTF8Check.firstInvalidOffset(in: bytes, 1, 4) == 2, "the emoji is cut by the range's end")
        #expect(UTF8Check.firstInvalidOffset(in: bytes, 3, 6) == 3, "a range starting inside a sequence")
        #expect(UTF8Check.firstInvalidOffset(in: bytes, 4, 4) == nil)
        let slice = bytes[1..<7]
        #expect(UTF8Check.firstInvalidOffset(in: slice, slice.startIndex, slice.endIndex) == nil)
        #expect(UTF8Check.firstInvalidOffset(in: bytes[0...], 0, 8) == 0)
    }

    @Test("every one- and two-byte input agrees with the standard library's decoder")
    func exhaustiveShort() {
        for first in UInt8.min...UInt8.max {
            #expect(check([first]) == referenceOffset([first]))
            for second in UInt8.min...UInt8.max {
                let bytes = [first, second]
                if check(bytes) != referenceOffset(bytes) {
                    Issue.record(
                        "\(bytes): \(String(describing: check(bytes))) vs \(String(describing: referenceOffset(bytes)))"
                    )
                }
            }
        }
    }

    @Test("20,000 random inputs heavy in lead and continuation bytes agree with the standard library's decoder")
    func randomInputs() {
        var random = SplitMix(seed: 8)
        let interesting: [UInt8] = [
            0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
            0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        for _ in 0..<20_000 {
            let bytes = (0..<Int(random.next() % 9)).map { _ in interesting[Int(random.next() % 24)] }
            #expect(check(bytes) == referenceOffset(bytes), "\(bytes)")
        }
    }

    @Test("control characters: C0 but tab, DEL and C1 are found with their scalar; other text is not")
    func controlCharacters() {
        func first(_ text: String) -> (offset: Int, scalar: UInt32)? {
            let bytes = Array(text.utf8)
            return UTF8Check.firstControlCharacter(in: bytes, 0, bytes.count)
        }
        #expect(first("plain\ttext é € 😀 \u{A0}") == nil)
        #expect(first("ab\ncd").map { [$0.offset, Int($0.scalar)] } == [2, 0x0A])
        #expect(first("a\u{0}").map { [$0.offset, Int($0.scalar)] } == [1, 0])
        #expect(first("é\u{7F}").map { [$0.offset, Int($0.scalar)] } == [2, 0x7F])
        #expect(first("x\u{85}y").map { [$0.offset, Int($0.scalar)] } == [1, 0x85])
        #expect(first("\u{9F}").map { [$0.offset, Int($0.scalar)] } == [0, 0x9F])
        #expect(first("\u{1B}[31m").map { [$0.offset, Int($0.scalar)] } == [0, 0x1B])
        let bytes = Array("a\nb\nc".utf8)
        #expect(UTF8Check.firstControlCharacter(in: bytes, 2, 3) == nil)
        #expect(UTF8Check.firstControlCharacter(in: bytes, 2, 5)?.offset == 3)
    }
}
