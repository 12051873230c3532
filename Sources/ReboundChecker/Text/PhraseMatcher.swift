/// One occurrence of a phrase in a reply: the group it belongs to and the words it spans.
public struct PhraseMatch: Hashable, Sendable {
    /// The index of the phrase's group in the checker's phrase book.
    public let group: Int
    /// The index of the first word in the reply's tokens.
    public let firstToken: Int
    /// One past the last word.
    public let endToken: Int
}

/// Finds every phrase of a `PhraseBook` in a reply in one pass, with an Aho–Corasick
/// automaton over word ids: the cost grows with the reply, not with the number of phrases.
///
/// A phrase with `..` gaps is matched in two stages: the automaton finds its first part,
/// then the later parts are looked for within a few words, in the same sentence.
struct PhraseMatcher: Sendable {
    /// Most words allowed between the parts of a phrase with `..`.
    static let gapLimit = 4

    let vocabulary: Vocabulary
    private let transitions: TransitionTable
    private let failure: [Int32]
    /// The first key ending at each state (-1 for none); `nextKey` chains the others.
    private let firstKey: [Int32]
    private let nextKey: [Int32]
    /// The nearest state along the failure links that has keys (-1 for none).
    private let outputLink: [Int32]
    /// For each key: its group, its length in tokens and the later parts of its phrase.
    private let keyGroup: [Int32]
    private let keyLength: [Int32]
    private let keyTail: [Int32]
    /// The later parts of gapped phrases: tails[i] lists the parts, each a list of slots,
    /// each slot the id sequences it may be.
    private let tails: [[[[[Int32]]]]]
    /// For each tail, the words allowed before each of its parts.
    private let tailGaps: [[Int]]

    init(book: PhraseBook) {
        var vocabulary = Vocabulary()
        var tails: [[[[[Int32]]]]] = [[]]
        var tailGaps: [[Int]] = [[]]
        func id(_ word: String) -> Int32 { vocabulary.insert(word) }
        var keyGroup: [Int32] = []
        var keyLength: [Int32] = []
        var keyTail: [Int32] = []
        var keyIDs: [Int32] = []
        var keyStart: [Int] = []
        for (groupIndex, group) in book.groups.enumerated() {
            for phrase in group.phrases {
                var tailIndex: Int32 = 0
                if !phrase.tail.isEmpty {
                    tailIndex = Int32(tails.count)
                    tails.append(phrase.tail.map { $0.map { $0.map { $0.map(id) } } })
                    tailGaps.append(phrase.tailGaps)
                }
                for sequence in phrase.head {
                    keyStart.append(keyIDs.count)
                    for word in sequence { keyIDs.append(id(word)) }
                    keyGroup.append(Int32(groupIndex))
                    keyLength.append(Int32(sequence.count))
                    keyTail.append(tailIndex)
                }
            }
        }
        keyStart.append(keyIDs.count)
        self.vocabulary = vocabulary
        self.tails = tails
        self.tailGaps = tailGaps

        // The trie, with each state's children kept as a linked list for the breadth-first pass.
        // Shared prefixes make states far fewer than key words; the table grows if needed.
        var transitions = TransitionTable(capacity: keyIDs.count / 4)
        var firstChild: [Int32] = [-1]
        var nextSibling: [Int32] = [-1]
        var edge: [Int32] = [-1]
        var firstKey: [Int32] = [-1]
        var nextKey = [Int32](repeating: -1, count: keyGroup.count)
        for key in 0..<keyGroup.count {
            var state: Int32 = 0
            for position in keyStart[key]..<keyStart[key + 1] {
                let id = keyIDs[position]
                if let next = transitions[state, id] {
                    state = next
                    continue
                }
                let child = Int32(firstChild.count)
                transitions[state, id] = child
                firstChild.append(-1)
                nextSibling.append(firstChild[Int(state)])
                edge.append(id)
                firstKey.append(-1)
                firstChild[Int(state)] = child
                state = child
            }
            nextKey[key] = firstKey[Int(state)]
            firstKey[Int(state)] = Int32(key)
        }

        // Failure and output links, breadth first.
        let stateCount = firstChild.count
        var failure = [Int32](repeating: 0, count: stateCount)
        var outputLink = [Int32](repeating: -1, count: stateCount)
        var queue: [Int32] = []
        queue.reserveCapacity(stateCount)
        var child = firstChild[0]
        while child >= 0 {
            queue.append(child)
            child = nextSibling[Int(child)]
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            var child = firstChild[Int(state)]
            while child >= 0 {
                let id = edge[Int(child)]
                var fallback = failure[Int(state)]
                while fallback != 0, transitions[fallback, id] == nil { fallback = failure[Int(fallback)] }
                let target = transitions[fallback, id] ?? 0
                failure[Int(child)] = target == child ? 0 : target
                let linked = failure[Int(child)]
                outputLink[Int(child)] = firstKey[Int(linked)] >= 0 ? linked : outputLink[Int(linked)]
                queue.append(child)
                child = nextSibling[Int(child)]
            }
        }
        self.transitions = transitions
        self.failure = failure
        self.firstKey = firstKey
        self.nextKey = nextKey
        self.outputLink = outputLink
        self.keyGroup = keyGroup
        self.keyLength = keyLength
        self.keyTail = keyTail
    }

    /// Every occurrence in the reply's unquoted words.
    func matches(in reply: AnalyzedReply) -> [PhraseMatch] {
        var found: [PhraseMatch] = []
        var state: Int32 = 0
        let tokens = reply.tokens
        for (position, token) in tokens.enumerated() {
            if token.isQuoted || token.id < 0 {
                state = 0
                continue
            }
            if token.gapBefore.contains(.sentence) { state = 0 }
            while true {
                if let next = transitions[state, token.id] {
                    state = next
                    break
                }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            var output = firstKey[Int(state)] >= 0 ? state : outputLink[Int(state)]
            while output >= 0 {
                var key = firstKey[Int(output)]
                while key >= 0 {
                    let first = position + 1 - Int(keyLength[Int(key)])
                    let tail = Int(keyTail[Int(key)])
                    let group = Int(keyGroup[Int(key)])
                    if tail == 0 {
                        found.append(PhraseMatch(group: group, firstToken: first, endToken: position + 1))
                    } else if let end = matchTail(
                        tails[tail][...], gaps: tailGaps[tail][...], after: position + 1, in: tokens)
                    {
                        found.append(PhraseMatch(group: group, firstToken: first, endToken: end))
                    }
                    key = nextKey[Int(key)]
                }
                output = outputLink[Int(output)]
            }
        }
        return found
    }

    /// Where the later parts of a gapped phrase end, if each follows the one before within
    /// the gap limit, in the same sentence.
    private func matchTail(
        _ parts: ArraySlice<[[[Int32]]]>, gaps: ArraySlice<Int>, after start: Int, in tokens: [ReplyToken]
    ) -> Int? {
        guard let slots = parts.first, let gap = gaps.first else { return start }
        for skip in 0...gap {
            let begin = start + skip
            // Every word from the end of the part before on is looked at in turn, so a
            // quotation or a sentence end anywhere in the gap stops the search.
            guard begin < tokens.count, !tokens[begin].isQuoted, !tokens[begin].gapBefore.contains(.sentence) else {
                return nil
            }
            if let end = matchSlots(slots[...], at: begin, in: tokens),
                let tailEnd = matchTail(parts.dropFirst(), gaps: gaps.dropFirst(), after: end, in: tokens)
            {
                return tailEnd
            }
        }
        return nil
    }

    /// Where the slots end when they match one after another from `position`.
    private func matchSlots(_ slots: ArraySlice<[[Int32]]>, at position: Int, in tokens: [ReplyToken]) -> Int? {
        guard let slot = slots.first else { return position }
        for sequence in slot {
            var matches = position + sequence.count <= tokens.count
            var offset = 0
            while matches, offset < sequence.count {
                let token = tokens[position + offset]
                matches = token.id == sequence[offset] && !token.isQuoted && !token.gapBefore.contains(.sentence)
                offset += 1
            }
            if matches, let end = matchSlots(slots.dropFirst(), at: position + sequence.count, in: tokens) {
                return end
            }
        }
        return nil
    }
}

/// Word → id, over normalised UTF-8 bytes, with open addressing so a lookup costs one
/// hash of the bytes and usually one comparison.
struct Vocabulary: Sendable {
    private var slots: [Int32]
    private var hashes: [UInt64]
    private var words: [[UInt8]] = []

    init() {
        slots = [Int32](repeating: -1, count: 1024)
        hashes = [UInt64](repeating: 0, count: 1024)
    }

    /// A vocabulary holding these words.
    init(_ words: [String]) {
        self.init()
        for word in words { _ = insert(word) }
    }

    var count: Int { words.count }

    func word(_ id: Int32) -> [UInt8] { words[Int(id)] }

    /// The id of a word, adding it when new.
    mutating func insert(_ text: String) -> Int32 {
        var text = text
        if let known = text.withUTF8({ id(of: $0) }) { return known }
        return insert(Array(text.utf8))
    }

    mutating func insert(_ word: [UInt8]) -> Int32 {
        if let existing = word.withUnsafeBufferPointer({ self.id(of: $0) }) { return existing }
        if (words.count + 1) * 2 > slots.count { grow() }
        let id = Int32(words.count)
        words.append(word)
        place(id, hash: word.withUnsafeBufferPointer(Self.hash))
        return id
    }

    /// The id of a word, or `nil` if no phrase uses it.
    @inline(__always)
    func id(of word: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(word)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[slot] == hash, words[Int(id)].elementsEqual(word) { return id }
            slot = (slot + 1) & mask
        }
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
        hashes[slot] = hash
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        hashes = [UInt64](repeating: 0, count: hashes.count * 2)
        for (id, word) in words.enumerated() {
            place(Int32(id), hash: word.withUnsafeBufferPointer(Self.hash))
        }
    }

    /// FNV-1a, finished with a multiply so the low bits spread.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
    }
}

/// (state, word id) → state, in one open-addressing table.
struct TransitionTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var count = 0

    /// A table sized for about `capacity` entries without growing.
    init(capacity: Int = 2048) {
        var size = 4096
        while size < capacity * 2 { size *= 2 }
        keys = [UInt64](repeating: .max, count: size)
        values = [Int32](repeating: 0, count: size)
    }

    subscript(state: Int32, id: Int32) -> Int32? {
        get {
            let key = UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: id))
            let mask = keys.count - 1
            var slot = Self.slot(key) & mask
            while true {
                let stored = keys[slot]
                if stored == key { return values[slot] }
                if stored == .max { return nil }
                slot = (slot + 1) & mask
            }
        }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > keys.count { grow() }
            let key = UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: id))
            insert(key, newValue)
        }
    }

    func forEach(_ body: (Int32, Int32, Int32) -> Void) {
        for (slot, key) in keys.enumerated() where key != .max {
            body(Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key & 0xFFFF_FFFF), values[slot])
        }
    }

    private mutating func insert(_ key: UInt64, _ value: Int32) {
        let mask = keys.count - 1
        var slot = Self.slot(key) & mask
        while keys[slot] != .max && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == .max { count += 1 }
        keys[slot] = key
        values[slot] = value
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != .max }
        keys = [UInt64](repeating: .max, count: keys.count * 2)
        values = [Int32](repeating: 0, count: values.count * 2)
        count = 0
        for (key, value) in old { insert(key, value) }
    }

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20)
    }
}
