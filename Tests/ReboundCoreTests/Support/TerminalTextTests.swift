import Testing

@testable import ReboundText

/// The one terminal sanitiser: nothing but Rebound's own colours reaches a terminal.
@Suite("terminal sanitiser")
struct TerminalTextTests {
    @Test(
        "escapes, C1 and bidirectional controls become visible or �; tabs, newlines and CRLF stay",
        arguments: [
            ("a\u{1B}]52;c;cHduZWQ=\u{07}b", "a\u{241B}]52;c;cHduZWQ=\u{2407}b"),
            ("\u{1B}[2J\u{1B}[31mred", "\u{241B}[2J\u{241B}[31mred"), ("x\u{9B}31my", "x\u{FFFD}31my"),
            ("over\rwrite", "over\u{240D}write"), ("line\r\nnext\tcol", "line\r\nnext\tcol"),
            ("abc\u{202E}fed", "abc\u{FFFD}fed"), ("nul\u{0}del\u{7F}", "nul\u{2400}del\u{2421}"),
            ("plain “quoted” text", "plain “quoted” text"),
        ])
    func sanitised(input: String, expected: String) {
        #expect(TerminalText.sanitized(input) == expected)
    }

    @Test("only Rebound's own colour codes after its marker become escape sequences")
    func styleMarker() {
        let marker = String(TerminalText.styleMarker)
        #expect(TerminalText.sanitized("\(marker)1;31mwarning\(marker)0m") == "\u{1B}[1;31mwarning\u{1B}[0m")
        #expect(TerminalText.sanitized("\(marker)8mhidden") == "\u{FFFD}8mhidden")
        #expect(TerminalText.sanitized("\(marker)]0;title") == "\u{FFFD}]0;title")
    }

    @Test("text is tested eight bytes at a time as it is byte by byte: every byte at every position, after any lead")
    func needsWorkByWords() {
        var mismatches: [[UInt8]] = []
        for length in [1, 7, 8, 9, 17, 24] {
            for position in 0..<length {
                for lead: UInt8 in [0x61, 0x7F, 0xFF] {
                    for byte in UInt8.min...UInt8.max {
                        var bytes = [UInt8](repeating: 0x61, count: length)
                        if position > 0 { bytes[position - 1] = lead }
                        bytes[position] = byte
                        let expected = bytes.contains(where: TerminalText.needsWork)
                        if bytes.withUnsafeBufferPointer(TerminalText.needsWork) != expected {
                            mismatches.append(bytes)
                        }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty)
        #expect(!TerminalText.needsWork(String(repeating: "plain text\twith tabs\n", count: 9)))
        #expect(TerminalText.needsWork(String(repeating: "plain text\n", count: 9) + "\u{1B}"))
    }
}
