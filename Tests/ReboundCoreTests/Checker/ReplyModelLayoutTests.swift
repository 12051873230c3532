import Testing

@testable import ReboundChecker

/// The model's two lookup tables (weights packed beside the feature for up to four heads,
/// a row index otherwise) give the same sums.
@Suite("learned layer lookup")
struct ReplyModelLayoutTests {
    /// Model bytes in reply-model.bin's format: these heads, features 3, 7 and 1_000_003.
    static func model(heads: [FindingCategory]) -> [UInt8] {
        var bytes = Array("RBM1".utf8)
        func uint32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        uint32(1)
        uint32(UInt32(heads.count))
        uint32(3)
        for head in heads {
            bytes += [UInt8(head.rawValue.utf8.count)] + Array(head.rawValue.utf8)
            for value: Float in [0.5, 1, 0.25] { uint32(value.bitPattern) }
        }
        for feature: UInt32 in [3, 7, 1_000_003] { uint32(feature) }
        for row in 0..<3 {
            for head in heads.indices { bytes.append(UInt8(bitPattern: Int8(row * 10 - head * 7))) }
        }
        return bytes
    }

    static func sums(_ model: ReplyModel, _ features: [UInt32]) -> [Int32] {
        var sums = [Int32](repeating: 0, count: model.heads.count)
        model.accumulate(features, into: &sums)
        return sums
    }

    @Test("four heads (packed) and five heads (row table) score the shared heads alike")
    func packedAndRowTablesAgree() throws {
        let four: [FindingCategory] = [.excuse, .blame, .nonApology, .policy]
        let packed = try ReplyModel(bytes: Self.model(heads: four))
        let rows = try ReplyModel(bytes: Self.model(heads: four + [.repeatedApology]))
        let features: [UInt32] = [3, 7, 7, 1_000_003, 42, 1_000_003 &+ 1 << 20]
        #expect(Self.sums(packed, features) == [40, 12, -16, -44])
        #expect(Array(Self.sums(rows, features).prefix(4)) == Self.sums(packed, features))
        #expect(Self.sums(rows, features)[4] == -72)
        #expect(Self.sums(packed, []) == [0, 0, 0, 0])
    }
}
