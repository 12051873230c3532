import ReboundText

/// One word of a reply, with what the checker needs to know about its surroundings.
public struct ReplyToken: Sendable {
    /// Where the word starts in the reply, in bytes.
    public let start: Int32
    /// Where the word ends in the reply, in bytes (one past its last byte).
    public let end: Int32
    /// The word's id in the matcher's vocabulary, or -1 when no phrase uses it.
    let id: Int32
    let gapBefore: Tokenizer.Gap
    /// Inside quotation marks or on a line starting with `>`: the customer's words.
    public let isQuoted: Bool
    /// `not`, `never`, `no`, a `n't` word…
    public let isNegation: Bool
    /// FNV-1a of the normalised word: what the learned layer's features are made of.
    public let wordHash: UInt32
    /// Where a sentence or clause boundary lies before the word.
    var startsSentence: Bool { gapBefore.contains(.sentence) }
    var startsClause: Bool { gapBefore.contains(.clause) }
}

/// A reply split into words, with quotation and line positions worked out once.
public struct AnalyzedReply: Sendable {
    /// The reply as UTF-8.
    public let bytes: [UInt8]
    /// The reply's words in order.
    public private(set) var tokens: [ReplyToken]

    /// `respelling`, when given, reads misspelt and shorthand words as the phrase words they
    /// stand for.
    init(_ bytes: [UInt8], vocabulary: Vocabulary, negations: Vocabulary, respelling: Respelling? = nil) {
        self.bytes = bytes
        var quoted = [Bool]()
        Self.markQuotes(bytes, quoted: &quoted)
        var tokens: [ReplyToken] = []
        tokens.reserveCapacity(bytes.count / 5)
        var previous: Int32 = -1
        bytes.withUnsafeBufferPointer { buffer in
            Tokenizer.scan(buffer) { start, end, word, gap in
                // One hash of the word for both tables.
                let wordKey = Vocabulary.hash(word)
                var id = vocabulary.id(of: word, hash: wordKey) ?? -1
                if let respelling {
                    if id < 0 {
                        id = respelling.id(of: word) ?? -1
                    } else if gap.isEmpty, end - start == 1, buffer[start] == UInt8(ascii: "4"),
                        let four = respelling.idOfFour(after: previous)
                    {
                        id = four
                    }
                    previous = id
                }
                let isNegation =
                    negations.id(of: word, hash: wordKey) != nil
                    || (word.count > 3 && word[word.count - 3] == UInt8(ascii: "n")
                        && word[word.count - 2] == UInt8(ascii: "'") && word[word.count - 1] == UInt8(ascii: "t"))
                var hash: UInt32 = 0x811C_9DC5
                for byte in word { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
                tokens.append(
                    ReplyToken(
                        start: Int32(start), end: Int32(end), id: id, gapBefore: gap,
                        isQuoted: !quoted.isEmpty && quoted[start], isNegation: isNegation, wordHash: hash))
            }
        }
        self.tokens = tokens
    }

    /// Finds quoted spans: text between paired `"` or `“ ”` on one line, and lines whose
    /// first non-blank character is `>`. `quoted` stays empty when there are none.
    private static func markQuotes(_ bytes: [UInt8], quoted: inout [Bool]) {
        var lineStart = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                markLine(bytes, lineStart, index, &quoted)
                lineStart = index + 1
            }
            index += 1
        }
    }

    private static func markLine(_ bytes: [UInt8], _ start: Int, _ end: Int, _ quoted: inout [Bool]) {
        var first = start
        while first < end, bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t") { first += 1 }
        func mark(_ from: Int, _ to: Int) {
            if quoted.isEmpty { quoted = [Bool](repeating: false, count: bytes.count) }
            for index in from..<to { quoted[index] = true }
        }
        if first < end, bytes[first] == UInt8(ascii: ">") {
            mark(first, end)
            return
        }
        var open: Int?
        var curlyOpen: Int?
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if let opening = open {
                    mark(opening, index + 1)
                    open = nil
                } else {
                    open = index
                }
            } else if byte == 0xE2, index + 2 < end, bytes[index + 1] == 0x80 {
                if bytes[index + 2] == 0x9C {
                    curlyOpen = index
                } else if bytes[index + 2] == 0x9D, let opening = curlyOpen {
                    mark(opening, index + 3)
                    curlyOpen = nil
                }
            }
            index += 1
        }
    }

    /// The reply with every run of four or more words that repeats the customer's own
    /// words (`customer`, analysed the same way) marked as quoted: an agent who echoes the
    /// complaint is not making the excuse it contains.
    func markingEchoes(of customer: AnalyzedReply) -> AnalyzedReply {
        let run = 4
        guard tokens.count >= run, customer.tokens.count >= run else { return self }
        func key(_ words: ArraySlice<ReplyToken>) -> UInt64 {
            words.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1.wordHash)) &* 0x0000_0100_0000_01B3 }
        }
        var theirs = Set<UInt64>()
        for start in 0...(customer.tokens.count - run) { theirs.insert(key(customer.tokens[start..<start + run])) }
        var echoed = [Bool](repeating: false, count: tokens.count)
        for start in 0...(tokens.count - run) where theirs.contains(key(tokens[start..<start + run])) {
            for index in start..<start + run { echoed[index] = true }
        }
        guard echoed.contains(true) else { return self }
        var marked = self
        marked.tokens = tokens.indices.map { index in
            let token = tokens[index]
            guard echoed[index], !token.isQuoted else { return token }
            return ReplyToken(
                start: token.start, end: token.end, id: token.id, gapBefore: token.gapBefore, isQuoted: true,
                isNegation: token.isNegation, wordHash: token.wordHash)
        }
        return marked
    }

    /// The source locations of byte offsets (1-based line, column in Unicode scalars), in
    /// the order given, found in one forward sweep however many there are.
    func locations(of offsets: [Int]) -> [SourceLocation] {
        var result = offsets.map { SourceLocation(line: 1, column: 1, offset: $0) }
        var line = 1
        var column = 1
        var position = 0
        for index in offsets.indices.sorted(by: { offsets[$0] < offsets[$1] }) {
            let offset = offsets[index]
            while position < offset {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                position += 1
            }
            result[index] = SourceLocation(line: line, column: column, offset: offset)
        }
        return result
    }

    /// The text of a byte range, with control characters made harmless for a terminal.
    public func excerpt(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self).replacingControlCharacters()
    }

    /// The text of the words `first..<end`, as `excerpt` gives it.
    public func text(ofTokens first: Int, _ end: Int) -> String {
        excerpt(Int(tokens[first].start), Int(tokens[end - 1].end))
    }
}
