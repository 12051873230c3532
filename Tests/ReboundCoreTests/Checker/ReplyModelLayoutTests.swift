import Testing

@testable import ReboundChecker

/// The model's two lookup tables (weights packed beside the feature for up to four heads,
/// a row index otherwise) give the same sums.
@Suite("learned layer lookup")
struct ReplyModelLayoutTests {
    /// Model bytes in reply-model.bin's format: these heads, features 3, 7 and 1_000_003;
    /// bias 0.5, threshold 1 and scale 0.25 for every head.
    static func model(heads: [FindingCategory]) -> [UInt8] {
        var bytes = Array("RBM1".utf8)
        func uint32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        uint32(2)
        uint32(UInt32(heads.count))
        uint32(3)
        for head in heads {
            bytes += [UInt8(head.rawValue.utf8.count)] + Array(head.rawValue.utf8)
            for value: Float in [0.5, 1, 0.25] { uint32(value.bitPattern) }
        }
        for feature: UInt32 in [3, 7, 1_000_003] { uint32(feature) }
        for row in 0..<3 {
            for head in heads.indices { bytes.append(UInt8(bitPattern: Int8(row * 10 - head * 7))) }
            for head in heads.indices { bytes.append(UInt8(bitPattern: Int8(row * 3 + head - 4))) }
        }
        return bytes
    }

    /// The own and context sums of `features`, per head.
    static func sums(_ model: ReplyModel, _ features: [UInt32]) -> (own: [Int32], context: [Int32]) {
        var own = [Int32](repeating: 0, count: model.heads.count)
        var context = own
        model.withLookup { lookup in
            for feature in features {
                lookup(feature) { head, ownWeight, contextWeight in
                    own[head] &+= ownWeight
                    context[head] &+= contextWeight
                }
            }
        }
        return (own, context)
    }

    @Test("four heads (packed) and five heads (row table) score the shared heads alike")
    func packedAndRowTablesAgree() throws {
        let four: [FindingCategory] = [.excuse, .blame, .nonApology, .policy]
        let packed = try ReplyModel(bytes: Self.model(heads: four))
        let rows = try ReplyModel(bytes: Self.model(heads: four + [.repeatedApology]))
        let features: [UInt32] = [3, 7, 7, 1_000_003, 42, 1_000_003 &+ 1 << 20]
        #expect(Self.sums(packed, features).own == [40, 12, -16, -44])
        #expect(Self.sums(packed, features).context == [-4, 0, 4, 8])
        #expect(Array(Self.sums(rows, features).own.prefix(4)) == Self.sums(packed, features).own)
        #expect(Array(Self.sums(rows, features).context.prefix(4)) == Self.sums(packed, features).context)
        #expect(Self.sums(rows, features).own[4] == -72 && Self.sums(rows, features).context[4] == 12)
        #expect(Self.sums(packed, []).own == [0, 0, 0, 0])
    }

    @Test("a sentence's score adds the context weights of its whole reply")
    func replyContextWeighsOnEverySentence() throws {
        let model = try ReplyModel(bytes: Self.model(heads: [.excuse, .blame]))
        let sentences = [
            ModelSentence(firstToken: 0, endToken: 1, features: [3]),
            ModelSentence(firstToken: 1, endToken: 2, features: [7]),
        ]
        // Own sums 0 and 10 for excuse; the reply's context (-4) + (-1) = -5 for both.
        #expect(model.scores(sentences).map { $0[0] } == [0.5 - 5 * 0.25, 0.5 + 5 * 0.25])
        // Alone, the second sentence has only its own context (-1).
        #expect(model.scores([sentences[1]]).map { $0[0] } == [0.5 + 9 * 0.25])
    }
}
