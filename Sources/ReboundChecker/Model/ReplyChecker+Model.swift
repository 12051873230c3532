extension ReplyChecker {
    /// One sentence as training sees it: where it is, its feature ids, and the categories
    /// the phrase layer found in it.
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
        let findings = check(bytes, options: options)
        return ModelFeatures.sentences(of: analyzed).map { sentence in
            let start = Int(analyzed.tokens[sentence.firstToken].start)
            let end = Int(analyzed.tokens[sentence.endToken - 1].end)
            let categories = findings.filter { $0.range.start.offset < end && $0.range.end.offset > start }
                .map(\.category)
            return TrainingSentence(
                start: start, end: end, features: sentence.features, phraseCategories: Set(categories))
        }
    }
}
