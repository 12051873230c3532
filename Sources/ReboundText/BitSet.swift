/// A fixed-size set of small integers, for data-flow over many steps and values.
public struct BitSet: Equatable, Sendable {
    private var words: [UInt64]

    /// Room for members `0..<capacity`, all present when `filled`.
    public init(capacity: Int, filled: Bool = false) {
        words = Array(repeating: filled ? ~0 : 0, count: (capacity + 63) / 64)
        // Only members below `capacity`: a filled set equals one with each of them inserted.
        if filled, capacity % 64 != 0, let last = words.indices.last {
            words[last] = (1 << UInt64(capacity % 64)) - 1
        }
    }

    public func contains(_ member: Int) -> Bool {
        words[member / 64] & (1 << UInt64(member % 64)) != 0
    }

    public mutating func insert(_ member: Int) {
        words[member / 64] |= 1 << UInt64(member % 64)
    }

    public mutating func formUnion(_ other: BitSet) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    public mutating func formIntersection(_ other: BitSet) {
        for index in words.indices { words[index] &= other.words[index] }
    }

    public func union(_ other: BitSet) -> BitSet {
        var result = self
        result.formUnion(other)
        return result
    }
}
