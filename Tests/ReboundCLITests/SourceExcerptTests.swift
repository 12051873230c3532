import ReboundText
import Testing

@testable import ReboundCLI

/// The source line under a problem: a window of a long line, read without walking the
/// whole line, so that many findings on one huge line stay linear.
@Suite("source excerpts")
struct SourceExcerptTests {
    /// The range of `needle`'s `occurrence`-th appearance on a one-line source.
    static func range(of needle: String, in source: String, occurrence: Int = 0) -> SourceRange {
        var searchStart = source.startIndex
        var found = source.startIndex..<source.startIndex
        for _ in 0...occurrence {
            guard let next = source.range(of: needle, range: searchStart..<source.endIndex) else { break }
            found = next
            searchStart = next.upperBound
        }
        let offset = source.utf8.distance(from: source.startIndex, to: found.lowerBound)
        let column = source.unicodeScalars.distance(from: source.startIndex, to: found.lowerBound) + 1
        let length = needle.utf8.count
        return SourceRange(
            SourceLocation(line: 1, column: column, offset: offset),
            SourceLocation(line: 1, column: column + needle.unicodeScalars.count, offset: offset + length))
    }

    @Test("a byte order mark on the first line is not shown")
    func byteOrderMark() {
        let source = [UInt8]([0xEF, 0xBB, 0xBF]) + Array("playbok demo \"D\"".utf8)
        let range = SourceRange(
            SourceLocation(line: 1, column: 1, offset: 3), SourceLocation(line: 1, column: 8, offset: 10))
        let excerpt = SourceExcerpt(source: source, range: range, width: 120)
        #expect(excerpt.text == "playbok demo \"D\"")
        #expect(excerpt.marker == "^~~~~~~")
    }

    @Test("a short line is shown whole with the range underlined")
    func shortLine() {
        let source = "Sorry, we were short-staffed."
        let excerpt = SourceExcerpt(
            source: Array(source.utf8), range: Self.range(of: "short-staffed", in: source), width: 120)
        #expect(excerpt.text == source)
        #expect(excerpt.marker == String(repeating: " ", count: 15) + "^" + String(repeating: "~", count: 12))
    }

    @Test("the middle of a huge line is a window of the width, cut on both sides, caret in place")
    func middleOfHugeLine() {
        let filler = String(repeating: "all good here. ", count: 20_000)
        let source = filler + "we were short-staffed" + filler
        let excerpt = SourceExcerpt(
            source: Array(source.utf8), range: Self.range(of: "we were short-staffed", in: source), width: 120)
        #expect(excerpt.text.hasPrefix("…") && excerpt.text.hasSuffix("…"))
        #expect(excerpt.text.unicodeScalars.count == 122)
        let caret = excerpt.marker.firstIndex(of: "^").map {
            excerpt.marker.distance(from: excerpt.marker.startIndex, to: $0)
        }
        let start = excerpt.text.range(of: "we were short-staffed").map {
            excerpt.text.distance(from: excerpt.text.startIndex, to: $0.lowerBound)
        }
        #expect(caret != nil && caret == start)
    }

    @Test("near the end of a long line the window ends at the line's end, as it always did")
    func endOfLongLine() {
        let source = String(repeating: "é", count: 5_000) + " the courier lost it"
        let excerpt = SourceExcerpt(
            source: Array(source.utf8), range: Self.range(of: "courier", in: source), width: 120)
        #expect(excerpt.text.hasPrefix("…") && excerpt.text.hasSuffix("the courier lost it"))
        #expect(excerpt.text.unicodeScalars.count == 121)
    }

    @Test("a window that starts inside a multi-byte character starts at the next whole one")
    func multiByteBoundary() {
        let source = String(repeating: "日本", count: 400) + "x" + String(repeating: "日本", count: 400)
        let excerpt = SourceExcerpt(source: Array(source.utf8), range: Self.range(of: "x", in: source), width: 120)
        #expect(!excerpt.text.contains("\u{FFFD}"))
        #expect(excerpt.text.contains("x"))
    }

    @Test("control characters in the window are shown as pictures, never sent to the terminal")
    func controls() {
        let source = String(repeating: "a", count: 1_000) + "\u{1B}[31m bad" + String(repeating: "b", count: 1_000)
        let excerpt = SourceExcerpt(source: Array(source.utf8), range: Self.range(of: "bad", in: source), width: 120)
        #expect(!excerpt.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" })
        #expect(excerpt.text.contains("\u{241B}[31m bad"))
    }
}
