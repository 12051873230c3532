/// Reads the tokens of one line of a line-oriented file (playbooks, playbook tests) from UTF-8 bytes.
///
/// The language is line-oriented and what a token means depends on the keyword before it,
/// so the parser asks for the kind of token it expects next (a word, a quoted string,
/// a pattern) rather than lexing the line up front.
public struct LineScanner {
    /// The whole file.
    public let bytes: [UInt8]
    /// 1-based number of this line.
    public let line: Int
    /// Offset of the line's first byte.
    public let lineStart: Int
    /// Offset just after the line's last byte (before any `\r\n`).
    public let lineEnd: Int
    /// The next byte to read.
    public var index: Int

    // Column of `columnIndex`, so that positions are counted forward once, not from
    // the line start each time: an enormous line stays linear.
    private var columnIndex: Int
    private var columnValue = 1

    /// A scanner at the start of the line `bytes[start..<end]`.
    public init(bytes: [UInt8], line: Int, start: Int, end: Int) {
        self.bytes = bytes
        self.line = line
        self.lineStart = start
        self.lineEnd = end
        self.index = start
        self.columnIndex = start
    }

    /// Calls `body` with a scanner for each line of `bytes` in turn: after a UTF-8
    /// byte-order mark, with `\n` or `\r\n` line ends, and a last line without one.
    public static func forEachLine(of bytes: [UInt8], _ body: (LineScanner) -> Void) {
        scanLines(of: bytes) { line in
            body(line)
            return true
        }
    }

    /// Calls `body` with a scanner for each line of `bytes`, as `forEachLine(of:_:)` does,
    /// until `body` returns `false`.
    public static func scanLines(of bytes: [UInt8], while body: (LineScanner) -> Bool) {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let next = end + 1
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            guard body(LineScanner(bytes: bytes, line: line, start: start, end: end)) else { return }
            start = next
            line += 1
        }
    }

    /// Whether the whole line has been read.
    public var isAtEnd: Bool { index >= lineEnd }

    /// The next byte of the line, without reading it.
    public var peek: UInt8? { index < lineEnd ? bytes[index] : nil }

    /// Line, column and offset of a byte of this line.
    public mutating func location(at offset: Int) -> SourceLocation {
        if offset < columnIndex {
            columnIndex = lineStart
            columnValue = 1
        }
        while columnIndex < offset {
            if bytes[columnIndex] & 0xC0 != 0x80 { columnValue += 1 }
            columnIndex += 1
        }
        return SourceLocation(line: line, column: columnValue, offset: offset)
    }

    /// The source range of `bytes[start..<end]` on this line.
    public mutating func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(location(at: start), location(at: end))
    }

    /// An empty range at the current position, for "expected …" diagnostics.
    public mutating func here() -> SourceRange {
        let location = location(at: index)
        return SourceRange(at: location)
    }

    /// The range of the whole line, ignoring leading and trailing blanks.
    public mutating func lineRange() -> SourceRange {
        var start = lineStart
        var end = lineEnd
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return range(start, end)
    }

    /// Moves past spaces and tabs.
    public mutating func skipBlanks() {
        while index < lineEnd, isBlank(bytes[index]) { index += 1 }
    }

    /// A run of characters up to a blank, a quote, a comma or `->`.
    public mutating func word() -> Located<String>? {
        skipBlanks()
        let start = index
        while index < lineEnd {
            let byte = bytes[index]
            if isBlank(byte) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: ",") { break }
            if isArrow(at: index) { break }
            index += 1
        }
        guard index > start else { return nil }
        return Located(text(start, index), range(start, index))
    }

    /// Consumes `literal` if it comes next, ignoring leading blanks.
    public mutating func consume(_ literal: StaticString) -> Bool {
        skipBlanks()
        let count = literal.utf8CodeUnitCount
        guard index + count <= lineEnd else { return false }
        let matches = literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        if matches { index += count }
        return matches
    }

    /// Consumes the word `keyword` if it comes next as a whole word.
    public mutating func consumeWord(_ keyword: StaticString) -> Bool {
        let saved = index
        guard consume(keyword) else { return false }
        if index < lineEnd, !isBlank(bytes[index]) {
            index = saved
            return false
        }
        return true
    }

    /// Whether the next non-blank character opens a quoted string (straight or curly).
    public mutating func atQuote() -> Bool {
        skipBlanks()
        return peek == UInt8(ascii: "\"") || atCurlyQuote
    }

    /// U+201C or U+201D, which word processors put in place of `"`, comes next.
    public var atCurlyQuote: Bool { isCurlyQuote(at: index) }

    /// Whether U+201C or U+201D starts at `offset` (and ends before the end of the line).
    public func isCurlyQuote(at offset: Int) -> Bool {
        offset + 2 < lineEnd && bytes[offset] == 0xE2 && bytes[offset + 1] == 0x80
            && (bytes[offset + 2] == 0x9C || bytes[offset + 2] == 0x9D)
    }

    /// Whether `->` starts at `offset`.
    public func isArrow(at offset: Int) -> Bool {
        offset + 1 < lineEnd && bytes[offset] == UInt8(ascii: "-") && bytes[offset + 1] == UInt8(ascii: ">")
    }

    /// The rest of the line without surrounding blanks, and its range.
    public mutating func rest() -> (start: Int, end: Int) {
        skipBlanks()
        var end = lineEnd
        while end > index, isBlank(bytes[end - 1]) { end -= 1 }
        let start = index
        index = lineEnd
        return (start, end)
    }

    /// `bytes[start..<end]` as text (invalid UTF-8 read as U+FFFD).
    public func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// A space or a tab.
@inline(__always)
public func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
}
