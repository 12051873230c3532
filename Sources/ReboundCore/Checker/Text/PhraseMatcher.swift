/// Finds every phrase of a `PhraseBook` in a reply in one pass, with an Aho–Corasick
/// automaton over word ids: the cost grows with the reply, not with the number of phrases.
///
/// A phrase with `..` gaps is matched in two stages: the automaton finds its first part,
/// then the later parts are looked for within a few words, in the same sentence.
struct PhraseMatcher: Sendable {
    /// One occurrence: the group it belongs to and the tokens it spans.
    struct Match: Hashable, Sendable {
        let group: Int
        let firstToken: Int
        /// One past the last token.
        let endToken: Int
    }

    /// Most words allowed between the parts of a phrase with `..`.
    static let gapLimit = 4

    let vocabulary: Vocabulary
    private let transitions: TransitionTable
    private let failure: [Int32]
    /// For each state, the keys ending there (its own and those reached by failure links).
    private let outputStart: [Int32]
    private let outputs: [Int32]
    /// For each key: its group, its length in tokens and the later parts of its phrase.
    private let keyGroup: [Int32]
    private let keyLength: [Int32]
    private let keyTail: [Int32]
    /// The later parts of gapped phrases: tails[i] lists the segments, each a list of id sequences.
    private let tails: [[[[Int32]]]]

    init(book: PhraseBook) {
        var vocabulary = Vocabulary()
        var tails: [[[[Int32]]]] = [[]]
        var keys: [(ids: [Int32], group: Int32, tail: Int32)] = []
        for (groupIndex, group) in book.groups.enumerated() {
            for phrase in group.phrases {
                var tailIndex: Int32 = 0
                if phrase.count > 1 {
                    tailIndex = Int32(tails.count)
                    tails.append(phrase.dropFirst().map { $0.map { $0.map { vocabulary.insert($0) } } })
                }
                for sequence in phrase[0] {
                    keys.append((sequence.map { vocabulary.insert($0) }, Int32(groupIndex), tailIndex))
                }
            }
        }
        self.vocabulary = vocabulary
        self.tails = tails

        // The trie.
        var transitions = TransitionTable()
        var stateCount: Int32 = 1
        var keysAt: [[Int32]] = [[]]
        for (index, key) in keys.enumerated() {
            var state: Int32 = 0
            for id in key.ids {
                if let next = transitions[state, id] {
                    state = next
                } else {
                    transitions[state, id] = stateCount
                    state = stateCount
                    stateCount += 1
                    keysAt.append([])
                }
            }
            keysAt[Int(state)].append(Int32(index))
        }

        // Failure links, breadth first; outputs merged along them.
        var failure = [Int32](repeating: 0, count: Int(stateCount))
        var children = [[(id: Int32, state: Int32)]](repeating: [], count: Int(stateCount))
        transitions.forEach { state, id, next in children[Int(state)].append((id, next)) }
        var queue: [Int32] = children[0].map(\.state)
        var head = 0
        var merged = keysAt
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (id, child) in children[Int(state)] {
                var fallback = failure[Int(state)]
                while fallback != 0, transitions[fallback, id] == nil { fallback = failure[Int(fallback)] }
                let target = state == 0 ? 0 : (transitions[fallback, id] ?? 0)
                failure[Int(child)] = target == child ? 0 : target
                merged[Int(child)] += merged[Int(failure[Int(child)])]
                queue.append(child)
            }
        }
        var outputStart: [Int32] = [0]
        var outputs: [Int32] = []
        for list in merged {
            outputs += list
            outputStart.append(Int32(outputs.count))
        }
        self.transitions = transitions
        self.failure = failure
        self.outputStart = outputStart
        self.outputs = outputs
        keyGroup = keys.map(\.group)
        keyLength = keys.map { Int32($0.ids.count) }
        keyTail = keys.map(\.tail)
    }

    /// Every occurrence in the reply's unquoted words.
    func matches(in reply: AnalyzedReply) -> [Match] {
        var found: [Match] = []
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
            var output = Int(outputStart[Int(state)])
            let outputEnd = Int(outputStart[Int(state) + 1])
            while output < outputEnd {
                let key = Int(outputs[output])
                output += 1
                let first = position + 1 - Int(keyLength[key])
                let tail = Int(keyTail[key])
                if tail == 0 {
                    found.append(Match(group: Int(keyGroup[key]), firstToken: first, endToken: position + 1))
                } else if let end = matchTail(tails[tail], after: position + 1, in: tokens) {
                    found.append(Match(group: Int(keyGroup[key]), firstToken: first, endToken: end))
                }
            }
        }
        return found
    }

    /// Where the later parts of a gapped phrase end, if they follow within the gap limit.
    private func matchTail(_ segments: [[[Int32]]], after start: Int, in tokens: [ReplyToken]) -> Int? {
        guard let segment = segments.first else { return start }
        for skip in 0...Self.gapLimit {
            let begin = start + skip
            guard begin < tokens.count else { return nil }
            if skip > 0, tokens[begin].gapBefore.contains(.sentence) { return nil }
            if tokens[begin].isQuoted { return nil }
            for sequence in segment where begin + sequence.count <= tokens.count {
                var matches = true
                for (offset, id) in sequence.enumerated() {
                    let token = tokens[begin + offset]
                    if token.id != id || token.isQuoted || (offset > 0 && token.gapBefore.contains(.sentence)) {
                        matches = false
                        break
                    }
                }
                if matches, let end = matchTail(Array(segments.dropFirst()), after: begin + sequence.count, in: tokens)
                {
                    return end
                }
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

    var count: Int { words.count }

    func word(_ id: Int32) -> [UInt8] { words[Int(id)] }

    /// The id of a word, adding it when new.
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

    init() {
        keys = [UInt64](repeating: .max, count: 4096)
        values = [Int32](repeating: 0, count: 4096)
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
