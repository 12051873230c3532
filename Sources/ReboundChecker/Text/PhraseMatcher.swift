import ReboundText

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
///
/// The automaton lives in its binary form (`PhraseMatcher+Format.swift`) and is read in
/// place: the standard phrases are compiled before the build (`standard-phrases.automaton`)
/// so a checker starts without compiling anything; a book compiled at run time (a team's
/// phrase file, a playbook's `avoid`s) is written to the same form and read the same way.
///
/// States are numbered breadth first, so the children of a state are a run of consecutive
/// states, a failure or output link always points to a smaller state, and a state's depth
/// (the length of the keys ending there) is its parent's plus one.
struct PhraseMatcher: @unchecked Sendable {
    // @unchecked: the tables are views of `storage`, which is never written after loading.

    /// Most words allowed between the parts of a phrase with `..`.
    static let gapLimit = 4

    /// What the checker reports for a group's matches: `PhraseBook.Group` without its phrases.
    struct GroupInfo: Sendable, Equatable {
        let id: String
        let category: PhraseCategory
        let severity: Diagnostic.Severity?
        let message: String
        let suggestion: String?
        let vetoable: Bool
    }

    /// The book's groups, by the index matches carry.
    let groups: [GroupInfo]
    /// The book's word lists (`category = negation`, `category = transparent`).
    let negationWords: [String]
    let transparentWords: [String]
    let vocabulary: Vocabulary
    /// The hash of the phrase files the automaton was compiled from (0 when not recorded).
    let sourceHash: UInt64
    /// The binary form the tables below point into.
    let storage: AlignedBytes

    /// The child of the root for each word id (0 for none).
    let rootChild: UnsafeBufferPointer<Int32>
    /// The children of state `s` are the states `childStart[s]..<childStart[s + 1]`.
    let childStart: UnsafeBufferPointer<Int32>
    /// The word id on the edge into each state.
    let label: UnsafeBufferPointer<Int32>
    let failure: UnsafeBufferPointer<Int32>
    /// The nearest state along the failure links that has keys (-1 for none).
    let outputLink: UnsafeBufferPointer<Int32>
    /// Each state's depth: the length in words of the keys ending there.
    let depth: UnsafeBufferPointer<Int32>
    /// The keys ending at state `s` are `keyStart[s]..<keyStart[s + 1]`; each has a group
    /// and a tail (the later parts of a gapped phrase, 0 for none).
    let keyStart: UnsafeBufferPointer<Int32>
    let keyGroup: UnsafeBufferPointer<Int32>
    let keyTail: UnsafeBufferPointer<Int32>
    /// Tails, flattened: tail → parts (each with the words allowed before it) → slots →
    /// word sequences a slot may be → word ids, each level a run of the next.
    let tailPartStart: UnsafeBufferPointer<Int32>
    let partGap: UnsafeBufferPointer<Int32>
    let partSlotStart: UnsafeBufferPointer<Int32>
    let slotSequenceStart: UnsafeBufferPointer<Int32>
    let sequenceWordStart: UnsafeBufferPointer<Int32>
    let sequenceWords: UnsafeBufferPointer<Int32>

    /// Compiles a book; `sourceHash` records which phrase files it came from.
    init(book: PhraseBook, sourceHash: UInt64 = 0) {
        let tables = Tables(book: book)
        let bytes = Self.write(tables, groups: book.groups, words: book.words, sourceHash: sourceHash)
        do {
            try self.init(storage: AlignedBytes(copying: bytes))
        } catch {
            // The bytes were just written from a book: failing to read them back is a bug here.
            preconditionFailure("a compiled phrase automaton does not read back: \(error)")
        }
    }

    /// Every occurrence in the reply's unquoted words.
    func matches(in reply: AnalyzedReply) -> [PhraseMatch] {
        var found: [PhraseMatch] = []
        var state: Int32 = 0
        let tokens = reply.tokens
        for (position, token) in tokens.enumerated() {
            if token.isQuoted || token.id < 0 || Int(token.id) >= rootChild.count {
                state = 0
                continue
            }
            if token.gapBefore.contains(.sentence) { state = 0 }
            while true {
                if let next = child(of: state, token.id) {
                    state = next
                    break
                }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            var output = keyStart[Int(state)] < keyStart[Int(state) + 1] ? state : outputLink[Int(state)]
            while output >= 0 {
                let first = position + 1 - Int(depth[Int(output)])
                for key in Int(keyStart[Int(output)])..<Int(keyStart[Int(output) + 1]) {
                    let tail = Int(keyTail[key])
                    let group = Int(keyGroup[key])
                    if tail == 0 {
                        found.append(PhraseMatch(group: group, firstToken: first, endToken: position + 1))
                    } else if let end = matchTail(
                        part: Int(tailPartStart[tail]), end: Int(tailPartStart[tail + 1]), after: position + 1,
                        in: tokens)
                    {
                        found.append(PhraseMatch(group: group, firstToken: first, endToken: end))
                    }
                }
                output = outputLink[Int(output)]
            }
        }
        return found
    }

    /// The state after `state` on word `id`, if the trie has that edge.
    @inline(__always)
    private func child(of state: Int32, _ id: Int32) -> Int32? {
        if state == 0 {
            let child = rootChild[Int(id)]
            return child > 0 ? child : nil
        }
        var child = Int(childStart[Int(state)])
        let end = Int(childStart[Int(state) + 1])
        while child < end {
            if label[child] == id { return Int32(child) }
            child += 1
        }
        return nil
    }

    /// Where the later parts `part..<end` of a gapped phrase end, if each follows the one
    /// before within its gap, in the same sentence.
    private func matchTail(part: Int, end: Int, after start: Int, in tokens: [ReplyToken]) -> Int? {
        guard part < end else { return start }
        for skip in 0...Int(partGap[part]) {
            let begin = start + skip
            // Every word from the end of the part before on is looked at in turn, so a
            // quotation or a sentence end anywhere in the gap stops the search.
            guard begin < tokens.count, !tokens[begin].isQuoted, !tokens[begin].gapBefore.contains(.sentence) else {
                return nil
            }
            if let slotsEnd = matchSlots(
                Int(partSlotStart[part]), end: Int(partSlotStart[part + 1]), at: begin, in: tokens),
                let tailEnd = matchTail(part: part + 1, end: end, after: slotsEnd, in: tokens)
            {
                return tailEnd
            }
        }
        return nil
    }

    /// Where the slots `slot..<end` end when they match one after another from `position`.
    private func matchSlots(_ slot: Int, end: Int, at position: Int, in tokens: [ReplyToken]) -> Int? {
        guard slot < end else { return position }
        for sequence in Int(slotSequenceStart[slot])..<Int(slotSequenceStart[slot + 1]) {
            let words = Int(sequenceWordStart[sequence])..<Int(sequenceWordStart[sequence + 1])
            var matches = position + words.count <= tokens.count
            var offset = 0
            while matches, offset < words.count {
                let token = tokens[position + offset]
                matches =
                    token.id == sequenceWords[words.lowerBound + offset] && !token.isQuoted
                    && !token.gapBefore.contains(.sentence)
                offset += 1
            }
            if matches, let slotsEnd = matchSlots(slot + 1, end: end, at: position + words.count, in: tokens) {
                return slotsEnd
            }
        }
        return nil
    }
}

extension PhraseMatcher {
    /// The automaton's tables as arrays, while it is compiled and before it is written out.
    struct Tables {
        var vocabulary = Vocabulary()
        var rootChild: [Int32] = []
        var childStart: [Int32] = []
        var label: [Int32] = []
        var failure: [Int32] = []
        var outputLink: [Int32] = []
        var depth: [Int32] = []
        var keyStart: [Int32] = []
        var keyGroup: [Int32] = []
        var keyTail: [Int32] = []
        var tailPartStart: [Int32] = [0, 0]
        var partGap: [Int32] = []
        var partSlotStart: [Int32] = [0]
        var slotSequenceStart: [Int32] = [0]
        var sequenceWordStart: [Int32] = [0]
        var sequenceWords: [Int32] = []

        /// Compiles a book: every phrase's first part becomes keys of a trie over word ids,
        /// numbered breadth first, with failure and output links.
        init(book: PhraseBook) {
            var keyGroupInOrder: [Int32] = []
            var keyTailInOrder: [Int32] = []
            var keyIDs: [Int32] = []
            var keyBounds: [Int] = []
            for (groupIndex, group) in book.groups.enumerated() {
                for phrase in group.phrases {
                    var tailIndex: Int32 = 0
                    if !phrase.tail.isEmpty {
                        tailIndex = Int32(tailPartStart.count - 1)
                        addTail(phrase)
                    }
                    for sequence in phrase.head {
                        keyBounds.append(keyIDs.count)
                        for word in sequence { keyIDs.append(vocabulary.insert(word)) }
                        keyGroupInOrder.append(Int32(groupIndex))
                        keyTailInOrder.append(tailIndex)
                    }
                }
            }
            keyBounds.append(keyIDs.count)

            // The trie in insertion order, each state's children as a linked list; the
            // keys ending at a state chained newest first, the order matches are reported in.
            var transitions = TransitionTable(capacity: keyIDs.count / 4)
            var firstChild: [Int32] = [-1]
            var nextSibling: [Int32] = [-1]
            var edge: [Int32] = [-1]
            var firstKey: [Int32] = [-1]
            var nextKey = [Int32](repeating: -1, count: keyGroupInOrder.count)
            for key in 0..<keyGroupInOrder.count {
                var state: Int32 = 0
                for position in keyBounds[key]..<keyBounds[key + 1] {
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

            // Breadth-first numbering, each state's children in word-id order.
            let stateCount = firstChild.count
            var order: [Int32] = [0]
            order.reserveCapacity(stateCount)
            var renumbered = [Int32](repeating: 0, count: stateCount)
            childStart = [Int32](repeating: 0, count: stateCount + 1)
            var head = 0
            while head < order.count {
                let old = order[head]
                childStart[head] = Int32(order.count)
                var children: [Int32] = []
                var child = firstChild[Int(old)]
                while child >= 0 {
                    children.append(child)
                    child = nextSibling[Int(child)]
                }
                for child in children.sorted(by: { edge[Int($0)] < edge[Int($1)] }) {
                    renumbered[Int(child)] = Int32(order.count)
                    order.append(child)
                }
                head += 1
            }
            childStart[stateCount] = Int32(stateCount)
            label = order.map { edge[Int($0)] }
            label[0] = -1
            rootChild = [Int32](repeating: 0, count: vocabulary.count)
            for state in Int(childStart[0])..<Int(childStart[1]) { rootChild[Int(label[state])] = Int32(state) }

            // Depth, failure and output links, keys per state: breadth first, so every
            // link points to a state already done.
            depth = [Int32](repeating: 0, count: stateCount)
            failure = [Int32](repeating: 0, count: stateCount)
            outputLink = [Int32](repeating: -1, count: stateCount)
            keyStart = [Int32](repeating: 0, count: stateCount + 1)
            for state in 0..<stateCount {
                keyStart[state] = Int32(keyGroup.count)
                var key = firstKey[Int(order[state])]
                while key >= 0 {
                    keyGroup.append(keyGroupInOrder[Int(key)])
                    keyTail.append(keyTailInOrder[Int(key)])
                    key = nextKey[Int(key)]
                }
                for child in Int(childStart[state])..<Int(childStart[state + 1]) {
                    depth[child] = depth[state] + 1
                    guard state != 0 else { continue }
                    let id = label[child]
                    var fallback = failure[state]
                    var target: Int32?
                    while true {
                        target = next(fallback, id)
                        if target != nil || fallback == 0 { break }
                        fallback = failure[Int(fallback)]
                    }
                    failure[child] = target ?? 0
                }
                if state != 0 {
                    let linked = Int(failure[state])
                    outputLink[state] = firstKey[Int(order[linked])] >= 0 ? Int32(linked) : outputLink[linked]
                }
            }
            keyStart[stateCount] = Int32(keyGroup.count)
        }

        /// The child of `state` on word `id`, from the tables built so far.
        private func next(_ state: Int32, _ id: Int32) -> Int32? {
            if state == 0 { return rootChild[Int(id)] > 0 ? rootChild[Int(id)] : nil }
            for child in Int(childStart[Int(state)])..<Int(childStart[Int(state) + 1]) where label[child] == id {
                return Int32(child)
            }
            return nil
        }

        /// Appends a gapped phrase's later parts as one tail.
        private mutating func addTail(_ phrase: PhraseBook.Phrase) {
            for (part, gap) in zip(phrase.tail, phrase.tailGaps) {
                for slot in part {
                    for sequence in slot {
                        for word in sequence { sequenceWords.append(vocabulary.insert(word)) }
                        sequenceWordStart.append(Int32(sequenceWords.count))
                    }
                    slotSequenceStart.append(Int32(sequenceWordStart.count - 1))
                }
                partSlotStart.append(Int32(slotSequenceStart.count - 1))
                partGap.append(Int32(gap))
            }
            tailPartStart.append(Int32(partGap.count))
        }
    }
}

/// Word → id, over normalised UTF-8 bytes, with open addressing so a lookup costs one
/// hash of the bytes and usually one comparison. The words are kept end to end in one
/// array, so the whole table is four arrays that the automaton's binary form holds as they are.
struct Vocabulary: Sendable {
    private(set) var slots: [Int32]
    private(set) var hashes: [UInt64]
    /// Word `i` is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private(set) var ends: [Int32] = []
    private(set) var bytes: [UInt8] = []

    init() {
        slots = [Int32](repeating: -1, count: 1024)
        hashes = [UInt64](repeating: 0, count: 1024)
    }

    /// A vocabulary holding these words.
    init(_ words: [String]) {
        self.init()
        for word in words { _ = insert(word) }
    }

    /// A vocabulary from its four arrays, as `PhraseMatcher+Format` checked them.
    init(slots: [Int32], hashes: [UInt64], ends: [Int32], bytes: [UInt8]) {
        self.slots = slots
        self.hashes = hashes
        self.ends = ends
        self.bytes = bytes
    }

    var count: Int { ends.count }

    /// The word with this id, as normalised bytes.
    func word(_ id: Int32) -> [UInt8] {
        Array(bytes[(id == 0 ? 0 : Int(ends[Int(id) - 1]))..<Int(ends[Int(id)])])
    }

    /// The id of a word, adding it when new.
    mutating func insert(_ text: String) -> Int32 {
        var text = text
        if let known = text.withUTF8({ id(of: $0) }) { return known }
        return insert(Array(text.utf8))
    }

    /// The id of a word given as bytes, adding it when new.
    mutating func insert(_ word: [UInt8]) -> Int32 {
        if let known = word.withUnsafeBufferPointer({ id(of: $0) }) { return known }
        if (count + 1) * 2 > slots.count { grow() }
        let newID = Int32(count)
        bytes += word
        ends.append(Int32(bytes.count))
        place(newID, hash: word.withUnsafeBufferPointer(Self.hash))
        return newID
    }

    /// The id of a word, or `nil` if no phrase uses it.
    @inline(__always)
    func id(of word: UnsafeBufferPointer<UInt8>) -> Int32? {
        id(of: word, hash: Self.hash(word))
    }

    /// The id of a word whose `hash` is known, or `nil`.
    @inline(__always)
    func id(of word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { return nil }
            if hashes[slot] == hash, isWord(id, word) { return Int32(id) }
            slot = (slot + 1) & mask
        }
    }

    /// Whether word `id` is these bytes: a plain loop, which the generic `elementsEqual`
    /// over a slice is several times slower than on words this short.
    @inline(__always)
    private func isWord(_ id: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = id == 0 ? 0 : Int(ends[id - 1])
        guard Int(ends[id]) - start == word.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            for offset in 0..<word.count where all[start + offset] != word[offset] { return false }
            return true
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
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for (id, end) in ends.enumerated() {
                place(Int32(id), hash: Self.hash(UnsafeBufferPointer(rebasing: all[start..<Int(end)])))
                start = Int(end)
            }
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
