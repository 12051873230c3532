import ReboundText

/// A position as the protocol counts it: 0-based line, and 0-based character counted in
/// UTF-16 code units (so an emoji counts two, `é` one).
public struct Position: Hashable, Sendable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (lhs: Position, rhs: Position) -> Bool {
        (lhs.line, lhs.character) < (rhs.line, rhs.character)
    }
}

/// A range of protocol positions, end exclusive.
public struct PositionRange: Hashable, Sendable {
    public var start: Position
    public var end: Position

    public init(_ start: Position, _ end: Position) {
        self.start = start
        self.end = end
    }
}

/// The text of one document as UTF-8 bytes, with where each line starts, converting
/// between byte offsets (what diagnostics carry) and protocol positions.
///
/// Bytes need not be valid UTF-8: a byte that does not start a well-formed sequence counts
/// as one character, as an editor shows it as one replacement character.
public struct TextDocument: Sendable {
    public private(set) var bytes: [UInt8]
    /// Offset of each line's first byte; lines end at `\n`.
    public private(set) var lineStarts: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        lineStarts = Self.lineStarts(of: bytes)
    }

    public init(_ text: String) {
        self.init(Array(text.utf8))
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        return starts
    }

    /// The line holding a byte offset (0-based).
    public func line(at offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Where a line's text ends: before its `\n` (and a `\r` before that).
    public func lineEnd(_ line: Int) -> Int {
        guard line + 1 < lineStarts.count else { return bytes.count }
        let newline = lineStarts[line + 1] - 1
        return newline > lineStarts[line] && bytes[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
    }

    /// The bytes of one scalar starting at `offset` (1 for a byte that starts none), and
    /// how many UTF-16 units it takes.
    private func scalar(at offset: Int, before end: Int) -> (bytes: Int, units: Int) {
        let lead = bytes[offset]
        let length: Int
        switch lead {
        case 0x00..<0x80: return (1, 1)
        case 0xC2..<0xE0: length = 2
        case 0xE0..<0xF0: length = 3
        case 0xF0..<0xF5: length = 4
        default: return (1, 1)
        }
        guard offset + length <= end, bytes[(offset + 1)..<(offset + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
        else { return (1, 1) }
        return (length, length == 4 ? 2 : 1)
    }

    /// The protocol position of a byte offset (clamped to the text).
    public func position(at offset: Int) -> Position {
        let offset = min(max(offset, 0), bytes.count)
        let line = line(at: offset)
        var index = lineStarts[line]
        var character = 0
        while index < offset {
            let scalar = scalar(at: index, before: bytes.count)
            index += scalar.bytes
            character += scalar.units
        }
        return Position(line: line, character: character)
    }

    /// The protocol range of a diagnostic's or node's source range.
    public func range(_ range: SourceRange) -> PositionRange {
        PositionRange(position(at: range.start.offset), position(at: range.end.offset))
    }

    /// The byte offset of a protocol position: a character beyond the end of its line is
    /// the line's end, a line beyond the text is its end, and a position inside a
    /// surrogate pair is the start of the scalar.
    public func offset(at position: Position) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let end = lineEnd(position.line)
        var index = lineStarts[position.line]
        var character = 0
        while index < end {
            let scalar = scalar(at: index, before: end)
            guard character + scalar.units <= position.character else { break }
            index += scalar.bytes
            character += scalar.units
        }
        return index
    }

    /// The range covering the whole text, for an edit that replaces it.
    public var wholeRange: PositionRange {
        PositionRange(Position(line: 0, character: 0), position(at: bytes.count))
    }

    /// Replaces the text a range covers (all of it when `range` is nil), as an editor's
    /// change event says.
    public mutating func replace(_ range: PositionRange?, with replacement: String) {
        guard let range else {
            self = TextDocument(Array(replacement.utf8))
            return
        }
        let start = offset(at: range.start)
        let end = max(start, offset(at: range.end))
        let inserted = Array(replacement.utf8)
        bytes.replaceSubrange(start..<end, with: inserted)
        // Only the lines from the change on move; those before keep their starts.
        let firstLine = line(at: start)
        lineStarts.removeSubrange((firstLine + 1)...)
        for offset in start..<bytes.count where bytes[offset] == UInt8(ascii: "\n") {
            lineStarts.append(offset + 1)
        }
    }
}
