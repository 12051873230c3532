/// The learned layer: a linear classifier per category over a sentence's hashed
/// features (`ModelFeatures`), trained offline by `Training/train.py` and shipped as
/// `Model/reply-model.bin`. It catches the paraphrases no phrase list anticipates; the
/// phrase layer keeps exact spans and specific messages.
///
/// A sentence's score adds its own features' weights and the *context* weights of every
/// feature in its reply: ownership said in one sentence ("that's on us") can clear another
/// ("the warehouse sent the wrong one"), which a sentence alone cannot show.
///
/// File format, little-endian: `RBM1`, then UInt32 version (2), category count C and
/// feature count N; per category its name (UInt8 length, UTF-8), then Float32 bias,
/// threshold (a logit: a sentence is reported when its score reaches it) and weight
/// scale; then N UInt32 feature ids in ascending order; then N × 2C Int8 weights, one row
/// per feature: each category's own weight, then each category's context weight, all
/// times their category's scale.
public struct ReplyModel: Sendable {
    /// One category the model reports.
    public struct Head: Sendable, Equatable {
        public let category: FindingCategory
        public let bias: Float
        /// The score (logit) at or above which a sentence is reported.
        public let threshold: Float
        let scale: Float
    }

    public let heads: [Head]
    let features: [UInt32]
    /// Per feature, each head's own weight, then each head's context weight.
    let weights: [Int8]
    /// With at most four heads, the same open addressing as `slots` with two words per
    /// slot: its feature (low 32 bits) and its own weights (one byte per head above them),
    /// then its context weights: a probe reads one cache line instead of three arrays.
    /// Empty with more heads.
    private let packed: [UInt64]
    /// What an empty slot of `packed` holds.
    private static let emptySlot = UInt64.max
    /// Open addressing over `features`: slot → row + 1 (0 is empty), so a lookup is a
    /// probe or two instead of a binary search; built only when `packed` is empty.
    private let slots: [Int32]
    private let slotMask: Int

    /// Why model bytes could not be read.
    public struct FormatError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(bytes: [UInt8]) throws(FormatError) {
        var reader = ByteReader(bytes: bytes)
        guard reader.take(4) == Array("RBM1".utf8) else { throw FormatError(description: "not a Rebound model") }
        guard let version = reader.uint32(), version == 2 else {
            throw FormatError(description: "unknown model version")
        }
        guard let categoryCount = reader.uint32(), let featureCount = reader.uint32(), categoryCount > 0,
            categoryCount <= 16, featureCount <= 1 << 24
        else { throw FormatError(description: "bad model header") }
        var heads: [Head] = []
        for _ in 0..<categoryCount {
            guard let length = reader.take(1)?.first, let name = reader.take(Int(length)),
                let category = FindingCategory(rawValue: String(decoding: name, as: UTF8.self)),
                let bias = reader.float(), let threshold = reader.float(), let scale = reader.float()
            else { throw FormatError(description: "bad model category") }
            heads.append(Head(category: category, bias: bias, threshold: threshold, scale: scale))
        }
        // The feature ids and weights are copied whole, not value by value: loading is
        // part of every `lint`'s start-up.
        guard let features = reader.uint32s(Int(featureCount)) else {
            throw FormatError(description: "truncated model")
        }
        guard zip(features, features.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw FormatError(description: "model features out of order")
        }
        guard let weights = reader.int8s(Int(featureCount) * Int(categoryCount) * 2), reader.isAtEnd else {
            throw FormatError(description: "model weights do not fit the header")
        }
        self.heads = heads
        self.features = features
        self.weights = weights
        var capacity = 16
        while capacity < features.count * 2 { capacity *= 2 }
        slotMask = capacity - 1
        let packed = Self.packedTable(features, weights, heads: heads.count, capacity: capacity)
        self.packed = packed
        guard packed.isEmpty else {
            slots = []
            return
        }
        var slots = [Int32](repeating: 0, count: capacity)
        for (row, feature) in features.enumerated() {
            var slot = Int(feature) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(row + 1)
        }
        self.slots = slots
    }

    /// `packed` for these rows, or empty when they do not fit in it (more than four heads, or
    /// a row that would read as an empty slot).
    private static func packedTable(_ features: [UInt32], _ weights: [Int8], heads: Int, capacity: Int) -> [UInt64] {
        guard heads <= 4 else { return [] }
        var packed = [UInt64](repeating: Self.emptySlot, count: capacity * 2)
        for (row, feature) in features.enumerated() {
            var slot = Int(feature) & (capacity - 1)
            while packed[slot * 2] != Self.emptySlot { slot = (slot + 1) & (capacity - 1) }
            var own: UInt64 = 0
            var context: UInt64 = 0
            for head in 0..<heads {
                own |= UInt64(UInt8(bitPattern: weights[row * heads * 2 + head])) << (8 * head)
                context |= UInt64(UInt8(bitPattern: weights[row * heads * 2 + heads + head])) << (8 * head)
            }
            packed[slot * 2] = own << 32 | UInt64(feature)
            packed[slot * 2 + 1] = context
            if packed[slot * 2] == Self.emptySlot { return [] }
        }
        return packed
    }

    /// The score (logit) of each head for each sentence of one reply, in `heads` order.
    public func scores(_ sentences: [ModelSentence]) -> [[Float]] {
        let count = heads.count
        var sums = [Int32](repeating: 0, count: sentences.count * count)
        var context = [Int32](repeating: 0, count: count)
        withLookup { lookup in
            for (index, sentence) in sentences.enumerated() {
                for feature in sentence.features {
                    lookup(feature) { head, own, contextWeight in
                        sums[index * count + head] &+= own
                        context[head] &+= contextWeight
                    }
                }
            }
        }
        return sentences.indices.map { index in
            heads.indices.map { score(head: $0, own: sums[index * count + $0], context: context[$0]) }
        }
    }

    /// A sentence's score for one head from its integer sums: the sentence's own weights
    /// and its reply's context weights, added before scaling (so the order of the features
    /// does not matter).
    @inline(__always)
    func score(head: Int, own: Int32, context: Int32) -> Float {
        heads[head].bias + Float(own &+ context) * heads[head].scale
    }

    /// Runs `body` with a function that finds a feature's row and calls its second
    /// argument with each head's own and context weight; unknown features call nothing.
    func withLookup<Result>(
        _ body: (_ lookup: (UInt32, (Int, Int32, Int32) -> Void) -> Void) -> Result
    ) -> Result {
        let count = heads.count
        let mask = slotMask
        if !packed.isEmpty {
            return packed.withUnsafeBufferPointer { packed in
                body { feature, add in
                    var slot = Int(feature) & mask
                    while true {
                        let entry = packed[slot * 2]
                        if entry == Self.emptySlot { return }
                        if UInt32(truncatingIfNeeded: entry) == feature {
                            let own = entry >> 32
                            let context = packed[slot * 2 + 1]
                            for head in 0..<count {
                                let shift = 8 * UInt64(head)
                                add(
                                    head, Int32(Int8(truncatingIfNeeded: own >> shift)),
                                    Int32(Int8(truncatingIfNeeded: context >> shift)))
                            }
                            return
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        return weights.withUnsafeBufferPointer { weights in
            slots.withUnsafeBufferPointer { slots in
                features.withUnsafeBufferPointer { features in
                    body { feature, add in
                        var slot = Int(feature) & mask
                        while true {
                            let entry = Int(slots[slot])
                            if entry == 0 { return }
                            if features[entry - 1] == feature {
                                let base = (entry - 1) * count * 2
                                for head in 0..<count {
                                    add(head, Int32(weights[base + head]), Int32(weights[base + count + head]))
                                }
                                return
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }
}

/// Reads little-endian values from bytes, `nil` at the end.
private struct ByteReader {
    let bytes: [UInt8]
    var index = 0

    var isAtEnd: Bool { index == bytes.count }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, index + count <= bytes.count else { return nil }
        defer { index += count }
        return Array(bytes[index..<(index + count)])
    }

    mutating func uint32() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        defer { index += 4 }
        return UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16
            | UInt32(bytes[index + 3]) << 24
    }

    mutating func float() -> Float? {
        uint32().map(Float.init(bitPattern:))
    }

    /// `count` little-endian UInt32s, copied in one go.
    mutating func uint32s(_ count: Int) -> [UInt32]? {
        guard count >= 0, count <= (bytes.count - index) / 4 else { return nil }
        let start = index
        index += 4 * count
        let values = bytes.withUnsafeBytes { raw in
            [UInt32](unsafeUninitializedCapacity: count) { values, initialized in
                UnsafeMutableRawBufferPointer(values).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[start..<start + 4 * count]))
                initialized = count
            }
        }
        #if _endian(big)
            return values.map { UInt32(littleEndian: $0) }
        #else
            return values
        #endif
    }

    /// `count` signed bytes, copied in one go.
    mutating func int8s(_ count: Int) -> [Int8]? {
        guard count >= 0, count <= bytes.count - index else { return nil }
        let start = index
        index += count
        return bytes.withUnsafeBytes { raw in
            [Int8](unsafeUninitializedCapacity: count) { values, initialized in
                UnsafeMutableRawBufferPointer(values).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[start..<start + count]))
                initialized = count
            }
        }
    }
}
