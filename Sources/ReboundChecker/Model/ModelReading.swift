/// The learned layer's reading of one reply, worked out once per check: every sentence's
/// integer sums, heads side by side, and the reply's context sums. The phrase layer
/// needs it first, for the model's veto; the model's own findings use it after.
struct ModelReading {
    let model: ReplyModel
    /// Each sentence's first and end token.
    let spans: [(firstToken: Int, endToken: Int)]
    /// Each sentence's own weight sums, `model.heads.count` per sentence.
    private let sums: [Int32]
    /// The reply's context weight sums, one per head.
    private let contextSums: [Int32]

    /// One pass over the reply's features.
    init(model: ReplyModel, reply: AnalyzedReply) {
        let headCount = model.heads.count
        var sums: [Int32] = []
        var contextSums = [Int32](repeating: 0, count: headCount)
        spans = model.withLookup { lookup in
            ModelFeatures.forEachFeature(of: reply) { sentence, feature in
                if sentence * headCount >= sums.count { sums.append(contentsOf: repeatElement(0, count: headCount)) }
                lookup(feature) { head, own, contextWeight in
                    sums[sentence * headCount + head] &+= own
                    contextSums[head] &+= contextWeight
                }
            }
        }
        self.model = model
        self.sums = sums
        self.contextSums = contextSums
    }

    /// The first sentence with the highest own sum for the head at `head`: the best
    /// score, as the context weighs on every sentence alike. 0 when there are none.
    func bestSentence(head: Int) -> Int {
        let headCount = model.heads.count
        var best = 0
        for candidate in spans.indices.dropFirst()
        where sums[candidate * headCount + head] > sums[best * headCount + head] {
            best = candidate
        }
        return best
    }

    /// The score (logit) of one sentence for the head at `head`.
    func score(head: Int, sentence: Int) -> Float {
        model.score(head: head, own: sums[sentence * model.heads.count + head], context: contextSums[head])
    }

    /// Whether the model overrules the standard phrases of the head at `head`'s category in
    /// this reply: its best sentence scores below the category's veto.
    func vetoes(head: Int) -> Bool {
        !spans.isEmpty && score(head: head, sentence: bestSentence(head: head)) < model.heads[head].veto
    }
}
