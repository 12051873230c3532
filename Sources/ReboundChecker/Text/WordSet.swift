/// A set of words, compared by the hash the tokenizer already computed for each token
/// (`ReplyToken.wordHash`), so that looking at a word allocates nothing.
public struct WordSet: Sendable {
    let hashes: Set<UInt32>

    /// The set of these lower-case words.
    public init(_ words: [String]) {
        hashes = Set(words.map(WordSet.hash))
    }

    /// FNV-1a of a normalised word, as the tokenizer computes it.
    static func hash(_ word: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in word.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }
}

extension AnalyzedReply {
    /// Whether the word at `index` is one of `words` (false past either end).
    public func isWord(_ index: Int, _ words: WordSet) -> Bool {
        tokens.indices.contains(index) && words.hashes.contains(tokens[index].wordHash)
    }

    /// Whether the word at `index` is `word`, given in lower case (false past either end).
    public func isWord(_ index: Int, _ word: String) -> Bool {
        tokens.indices.contains(index) && tokens[index].wordHash == WordSet.hash(word)
    }
}
