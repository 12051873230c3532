/// The learned layer: a linear classifier per category over a sentence's hashed
/// features (`ModelFeatures`), trained offline by `Training/train.py` and shipped as
/// `Model/reply-model.bin`. It catches the paraphrases no phrase list anticipates; the
/// phrase layer keeps exact spans and specific messages.
///
/// File format, little-endian: `RBM1`, then UInt32 version (1), category count C and
/// feature count N; per category its name (UInt8 length, UTF-8), then Float32 bias,
/// threshold (a logit: a sentence is reported when its score reaches it) and weight
/// scale; then N UInt32 feature ids in ascending order; then N × C Int8 weights, one row
/// per feature, each weight times its category's scale.
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
    let weights: [Int8]

    /// Why model bytes could not be read.
    public struct FormatError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(bytes: [UInt8]) throws(FormatError) {
        var reader = ByteReader(bytes: bytes)
        guard reader.take(4) == Array("RBM1".utf8) else { throw FormatError(description: "not a Rebound model") }
        guard let version = reader.uint32(), version == 1 else {
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
        var features: [UInt32] = []
        features.reserveCapacity(Int(featureCount))
        for _ in 0..<featureCount {
            guard let feature = reader.uint32() else { throw FormatError(description: "truncated model") }
            features.append(feature)
        }
        guard zip(features, features.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw FormatError(description: "model features out of order")
        }
        guard let weights = reader.take(Int(featureCount) * Int(categoryCount)), reader.isAtEnd else {
            throw FormatError(description: "model weights do not fit the header")
        }
        self.heads = heads
        self.features = features
        self.weights = weights.map { Int8(bitPattern: $0) }
    }

    /// The score (logit) of each head for one sentence, in `heads` order.
    public func scores(_ sentence: ModelSentence) -> [Float] {
        let count = heads.count
        var sums = [Int32](repeating: 0, count: count)
        for feature in sentence.features {
            guard let row = row(of: feature) else { continue }
            let base = row * count
            for head in 0..<count { sums[head] += Int32(weights[base + head]) }
        }
        return heads.indices.map { heads[$0].bias + Float(sums[$0]) * heads[$0].scale }
    }

    /// The row of a feature id, by binary search over the sorted ids.
    private func row(of feature: UInt32) -> Int? {
        var low = 0
        var high = features.count
        while low < high {
            let middle = (low + high) / 2
            if features[middle] < feature { low = middle + 1 } else { high = middle }
        }
        return low < features.count && features[low] == feature ? low : nil
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
        take(4).map { $0.reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    }

    mutating func float() -> Float? {
        uint32().map(Float.init(bitPattern:))
    }
}
