import ReboundLanguage
import Testing

@testable import ReboundLanguageServer

/// Positions in the protocol count UTF-16 units from 0; diagnostics carry UTF-8 offsets.
@Suite("language server: positions")
struct TextDocumentTests {
    @Test("a position after é, ’ and an emoji counts them as 1, 1 and 2 UTF-16 units")
    func utf16Characters() {
        let text = TextDocument("ok\nsay é’😀 next\n")
        let offset = Array("ok\nsay é’😀 ".utf8).count
        #expect(text.position(at: offset) == Position(line: 1, character: 9))
        #expect(text.offset(at: Position(line: 1, character: 9)) == offset)
        // Inside the emoji's surrogate pair: the start of the emoji.
        #expect(text.offset(at: Position(line: 1, character: 7)) == offset - 5)
    }

    @Test("a diagnostic after é, ’ and an emoji on its line lands on the word in UTF-16 positions")
    func diagnosticRange() throws {
        let source =
            demoHeader + """
                step own "Own it"
                  choose pick "Pick?"
                    option a "Café ’24 😀" -> repyl
                    option b "B" -> own
                """
        let diagnostic = try #require(Playbook.check(source).diagnostics.first { $0.code == .unknownStep })
        #expect(diagnostic.range.start.column == 30)
        #expect(
            TextDocument(source).range(diagnostic.range)
                == PositionRange(Position(line: 5, character: 30), Position(line: 5, character: 35)))
    }

    @Test("positions past the end of a line or the text are clamped, never out of bounds")
    func clamping() {
        let text = TextDocument("ab\r\ncd")
        #expect(text.offset(at: Position(line: 0, character: 99)) == 2)
        #expect(text.offset(at: Position(line: 9, character: 0)) == 6)
        #expect(text.offset(at: Position(line: -1, character: -4)) == 0)
        #expect(text.position(at: 99) == Position(line: 1, character: 2))
    }

    @Test("invalid UTF-8 counts one character per bad byte")
    func invalidBytes() {
        let text = TextDocument([0x61, 0xFF, 0xC3, 0x62, 0xE2, 0x80])
        #expect(text.position(at: 6) == Position(line: 0, character: 6))
        #expect(text.offset(at: Position(line: 0, character: 3)) == 3)
    }

    @Test("an incremental change replaces its range and keeps line starts right")
    func incrementalChange() {
        var text = TextDocument("one\ntwo é\nthree\n")
        text.replace(PositionRange(Position(line: 1, character: 4), Position(line: 2, character: 2)), with: "X\nY😀")
        #expect(text.text == "one\ntwo X\nY😀ree\n")
        #expect(text.lineStarts == TextDocument(text.bytes).lineStarts)
        text.replace(nil, with: "new")
        #expect(text.text == "new" && text.lineStarts == [0])
    }
}
