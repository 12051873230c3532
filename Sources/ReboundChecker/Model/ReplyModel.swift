/// The learned layer: a linear classifier per category over a sentence's hashed
/// features (`ModelFeatures`), trained offline by `Training/train.py` and shipped as
/// `reply-model.bin` in ReboundCheckerData. It catches the paraphrases no phrase list
/// anticipates; the phrase layer keeps exact spans and specific messages.
///
/// A sentence's score adds its own features' weights and the *context* weights of every
/// feature in its reply: ownership said in one sentence ("that's on us") can clear another
/// ("the warehouse sent the wrong one"), which a sentence alone cannot show.
///
/// File format, little-endian: `RBM1`, then UInt32 version (4), category count C, feature
/// count N, slot count S (a power of two above N) and longest probe P; per category its name
/// (UInt8 length, UTF-8), then Float32 bias, threshold (a logit: a sentence is reported when
/// its score reaches it), veto (a logit: below it the standard phrases of the category are
/// not reported; -infinity for none) and weight scale; zeros up to a multiple of 16 bytes; then the
/// lookup table, read in place: S slots of 4 + 2C bytes rounded up to 16, open addressing
/// by feature id (slot = id mod S, then the next slots, at most P further). A slot holds
/// its UInt32 feature id (`UInt32.max` when empty, with zero weights), each category's
/// Int8 own weight, then each category's Int8 context weight, all times their category's
/// scale. Nothing is built at start-up: a probe reads one slot, one cache line.
public struct ReplyModel: Sendable {
    /// One category the model reports.
    public struct Head: Sendable, Equatable {
        public let category: FindingCategory
        public let bias: Float
        /// The score (logit) at or above which a sentence is reported.
        public let threshold: Float
        /// The reply's best score (logit) below which the model overrules the standard
        /// phrases of this category: a reply it reads as clearly free of the mistake ("the
        /// app was down because we shipped a bad update") keeps no phrase finding of it.
        /// Chosen in training where such phrase findings were mostly wrong; -infinity for none.
        public let veto: Float
        let scale: Float
    }

    public let heads: [Head]
    /// How many features carry a weight.
    public let featureCount: Int
    private let storage: AlignedBytes
    private let tableOffset: Int
    private let slotStride: Int
    private let slotMask: Int
    /// How many slots past its own a feature can sit: a lookup never probes further, so
    /// damaged bytes give wrong scores but never an endless probe.
    private let longestProbe: Int
    /// The feature id of an empty slot.
    static let emptySlot = UInt32.max

    /// Why model bytes could not be read.
    public struct FormatError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// A model read from a copy of `bytes`.
    public init(bytes: [UInt8]) throws(FormatError) {
        try self.init(storage: AlignedBytes(copying: bytes))
    }

    /// A model read in place from `storage`: only its header is read here.
    init(storage: AlignedBytes) throws(FormatError) {
        var reader = ByteReader(bytes: storage.bytes)
        guard reader.take(4).map(Array.init) == Array("RBM1".utf8) else {
            throw FormatError(description: "not a Rebound model")
        }
        guard let version = reader.uint32(), version == 4 else {
            throw FormatError(description: "unknown model version")
        }
        guard let categoryCount = reader.uint32(), let featureCount = reader.uint32(),
            let slotCount = reader.uint32(), let longestProbe = reader.uint32(),
            (1...16).contains(categoryCount), slotCount.nonzeroBitCount == 1, featureCount < slotCount,
            slotCount <= 1 << 26, longestProbe < slotCount
        else { throw FormatError(description: "bad model header") }
        var heads: [Head] = []
        for _ in 0..<categoryCount {
            guard let length = reader.take(1)?.first, let name = reader.take(Int(length)),
                let category = FindingCategory(rawValue: String(decoding: name, as: UTF8.self)),
                let bias = reader.float(), let threshold = reader.float(), let veto = reader.float(),
                let scale = reader.float()
            else { throw FormatError(description: "bad model category") }
            heads.append(Head(category: category, bias: bias, threshold: threshold, veto: veto, scale: scale))
        }
        let stride = Self.slotStride(heads: heads.count)
        let tableOffset = (reader.index + 15) / 16 * 16
        guard storage.bytes.count - tableOffset == Int(slotCount) * stride else {
            throw FormatError(description: "model table does not fit the header")
        }
        self.heads = heads
        self.featureCount = Int(featureCount)
        self.storage = storage
        self.tableOffset = tableOffset
        slotStride = stride
        slotMask = Int(slotCount) - 1
        self.longestProbe = Int(longestProbe)
    }

    /// The bytes of one slot: the feature id, then two weights per head, padded to 16.
    static func slotStride(heads: Int) -> Int {
        (4 + 2 * heads + 15) / 16 * 16
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

    /// Runs `body` with a function that finds a feature's slot and calls its second
    /// argument with each head's own and context weight; unknown features call nothing.
    func withLookup<Result>(
        _ body: (_ lookup: (UInt32, (Int, Int32, Int32) -> Void) -> Void) -> Result
    ) -> Result {
        let count = heads.count
        let mask = slotMask
        let stride = slotStride
        let longest = longestProbe
        // Every slot index is masked, so every read stays inside the table.
        let table = UnsafeRawBufferPointer(rebasing: storage.bytes[tableOffset...])
        return body { feature, add in
            var slot = Int(feature) & mask
            for _ in 0...longest {
                let base = slot &* stride
                let entry = UInt32(littleEndian: table.load(fromByteOffset: base, as: UInt32.self))
                if entry == feature {
                    for head in 0..<count {
                        add(
                            head, Int32(table.load(fromByteOffset: base + 4 + head, as: Int8.self)),
                            Int32(table.load(fromByteOffset: base + 4 + count + head, as: Int8.self)))
                    }
                    return
                }
                if entry == Self.emptySlot { return }
                slot = (slot + 1) & mask
            }
        }
    }
}

/// Reads little-endian values from bytes, `nil` at the end.
private struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    mutating func take(_ count: Int) -> UnsafeRawBufferPointer.SubSequence? {
        guard count >= 0, count <= bytes.count - index else { return nil }
        defer { index += count }
        return bytes[index..<(index + count)]
    }

    mutating func uint32() -> UInt32? {
        take(4).map { word in word.reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    }

    mutating func float() -> Float? {
        uint32().map(Float.init(bitPattern:))
    }
}
