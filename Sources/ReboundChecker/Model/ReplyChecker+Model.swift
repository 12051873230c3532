extension ReplyChecker {
    /// One sentence as training sees it: where it is, its feature ids, and the core
    /// categories (those a model finding can carry) the phrase layer found in it.
    public struct TrainingSentence: Sendable, Equatable {
        /// Byte offsets of the sentence's first word and the end of its last.
        public let start: Int
        public let end: Int
        public let features: [UInt32]
        public let phraseCategories: Set<FindingCategory>
    }

    /// The learned layer's view of a reply, for `Training/train.py` (through
    /// `rebound model-features`): the same features the checker scores at run time.
    public func trainingSentences(of reply: String) -> [TrainingSentence] {
        var options = CheckOptions()
        options.layers = .phrase
        let bytes = Array(reply.utf8)
        let analyzed = analyze(bytes)
        let sentences = ModelFeatures.sentences(of: analyzed)
        let bounds = ModelFeatures.byteBounds(of: sentences.map { ($0.firstToken, $0.endToken) }, in: analyzed)
        let covered = Self.coveredSentences(by: check(bytes, options: options), bounds: bounds)
        return zip(sentences, bounds).enumerated().map { index, pair in
            let categories = FindingCategory.allCases.filter {
                covered.contains(SentenceCategory(sentence: index, category: $0))
            }
            return TrainingSentence(
                start: pair.1.start, end: pair.1.end, features: pair.0.features, phraseCategories: Set(categories))
        }
    }
}
