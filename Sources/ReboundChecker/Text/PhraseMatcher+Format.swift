import ReboundText

/// The phrase automaton's binary form, read in place: the standard phrases ship in it
/// (`Sources/ReboundCheckerData/standard-phrases.automaton`, written by
/// `scripts/compile-phrases.sh`), so no checker compiles them at launch.
///
/// Layout, in the host's byte order (the byte-order mark tells): `RBPA`; UInt32 version
/// (2: a group has six fields, its veto the sixth); UInt32 byte-order mark 0x01020304;
/// UInt32 section count; UInt64 hash of the phrase files it was compiled from; UInt64
/// checksum of every byte after it; then per section UInt32 offset and UInt32 length, and
/// the sections, each starting on a multiple of 8.
/// `Section` lists them. Every index in the tables is checked when the bytes are read,
/// so damaged bytes give a `FormatError`, never a crash or an endless loop.
extension PhraseMatcher {
    /// Why bytes are not a phrase automaton this checker can use.
    struct FormatError: Error, Equatable, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static let magic = Array("RBPA".utf8)
    static let version: UInt32 = 2
    static let byteOrderMark: UInt32 = 0x0102_0304
    static let headerSize = 32

    /// The sections, in file order.
    enum Section: Int, CaseIterable {
        case groups, negationWords, transparentWords
        case vocabularySlots, vocabularyHashes, vocabularyEnds, vocabularyBytes
        case rootChild, childStart, label, failure, outputLink, depth, keyStart, keyGroup, keyTail
        case tailPartStart, partGap, partSlotStart, slotSequenceStart, sequenceWordStart, sequenceWords
    }

    /// The hash recorded for phrase files: FNV-1a over each file's name and bytes, in order.
    static func sourceHash(of files: [(name: String, bytes: [UInt8])]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func add(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        for file in files {
            add(file.name.utf8)
            add([0])
            add(file.bytes)
            add([0])
        }
        return hash
    }

    /// The automaton's binary form.
    var bytes: [UInt8] { Array(storage.bytes) }

    // MARK: Writing

    static func write(
        _ tables: Tables, groups: [PhraseBook.Group], words: [PhraseBook.WordList: [String]], sourceHash: UInt64
    ) -> [UInt8] {
        var sections = [[UInt8]](repeating: [], count: Section.allCases.count)
        func put(_ section: Section, _ values: [some FixedWidthInteger]) {
            sections[section.rawValue] = values.withUnsafeBytes { Array($0) }
        }
        sections[Section.groups.rawValue] = strings(
            groups.flatMap { group in
                [
                    group.id, group.category.name, group.severity?.rawValue, group.message, group.suggestion,
                    group.vetoable ? nil : "never",
                ]
            })
        sections[Section.negationWords.rawValue] = strings(words[.negation] ?? [])
        sections[Section.transparentWords.rawValue] = strings(words[.transparent] ?? [])
        put(.vocabularySlots, tables.vocabulary.slots)
        put(.vocabularyHashes, tables.vocabulary.hashes)
        put(.vocabularyEnds, tables.vocabulary.ends)
        put(.vocabularyBytes, tables.vocabulary.bytes)
        put(.rootChild, tables.rootChild)
        put(.childStart, tables.childStart)
        put(.label, tables.label)
        put(.failure, tables.failure)
        put(.outputLink, tables.outputLink)
        put(.depth, tables.depth)
        put(.keyStart, tables.keyStart)
        put(.keyGroup, tables.keyGroup)
        put(.keyTail, tables.keyTail)
        put(.tailPartStart, tables.tailPartStart)
        put(.partGap, tables.partGap)
        put(.partSlotStart, tables.partSlotStart)
        put(.slotSequenceStart, tables.slotSequenceStart)
        put(.sequenceWordStart, tables.sequenceWordStart)
        put(.sequenceWords, tables.sequenceWords)

        var out = magic
        append(version, to: &out)
        append(byteOrderMark, to: &out)
        append(UInt32(sections.count), to: &out)
        append(sourceHash, to: &out)
        append(UInt64(0), to: &out)  // the checksum, filled in last
        var offset = headerSize + 8 * sections.count
        for section in sections {
            append(UInt32(offset), to: &out)
            append(UInt32(section.count), to: &out)
            offset += (section.count + 7) / 8 * 8
        }
        for section in sections {
            out += section
            out += [UInt8](repeating: 0, count: (8 - section.count % 8) % 8)
        }
        let sum = out.withUnsafeBytes { checksum(UnsafeRawBufferPointer(rebasing: $0[headerSize...])) }
        withUnsafeBytes(of: sum) { out.replaceSubrange(24..<32, with: $0) }
        return out
    }

    private static func append(_ value: some FixedWidthInteger, to out: inout [UInt8]) {
        withUnsafeBytes(of: value) { out += $0 }
    }

    /// Strings end to end: UInt32 count, then each as Int32 length (-1 for none) and bytes.
    private static func strings(_ values: [String?]) -> [UInt8] {
        var out: [UInt8] = []
        append(UInt32(values.count), to: &out)
        for value in values {
            append(Int32(value.map { $0.utf8.count } ?? -1), to: &out)
            out += value?.utf8 ?? "".utf8
        }
        return out
    }

    /// A checksum of 8-byte words in four lanes (so the multiplies overlap), then the rest.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (1, 2, 3, 4)
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        var index = 0
        while index + 32 <= bytes.count {
            lanes.0 = (lanes.0 ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* prime
            lanes.1 = (lanes.1 ^ bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)) &* prime
            lanes.2 = (lanes.2 ^ bytes.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)) &* prime
            lanes.3 = (lanes.3 ^ bytes.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)) &* prime
            index += 32
        }
        var hash = lanes.0 ^ (lanes.1 >> 1) ^ (lanes.2 << 1) ^ (lanes.3 >> 3) ^ UInt64(bytes.count)
        while index < bytes.count {
            hash = (hash ^ UInt64(bytes[index])) &* prime
            index += 1
        }
        return hash ^ (hash >> 31)
    }

    // MARK: Reading

    /// Reads an automaton from its binary form, checking every table; `storage` is kept
    /// alive by the matcher, whose tables point into it.
    init(storage: AlignedBytes) throws(FormatError) {
        let reader = try Reader(storage.bytes)
        groups = try reader.groups()
        negationWords = try reader.strings(.negationWords).map { $0 ?? "" }
        transparentWords = try reader.strings(.transparentWords).map { $0 ?? "" }
        vocabulary = try reader.vocabulary()
        sourceHash = reader.sourceHash
        self.storage = storage

        let words = vocabulary.count
        rootChild = try reader.int32s(.rootChild)
        childStart = try reader.int32s(.childStart)
        let states = childStart.count - 1
        label = try reader.int32s(.label, count: states)
        failure = try reader.int32s(.failure, count: states)
        outputLink = try reader.int32s(.outputLink, count: states)
        depth = try reader.int32s(.depth, count: states)
        keyStart = try reader.int32s(.keyStart, count: states + 1)
        keyGroup = try reader.int32s(.keyGroup)
        keyTail = try reader.int32s(.keyTail, count: keyGroup.count)
        tailPartStart = try reader.int32s(.tailPartStart)
        partGap = try reader.int32s(.partGap)
        partSlotStart = try reader.int32s(.partSlotStart, count: partGap.count + 1)
        slotSequenceStart = try reader.int32s(.slotSequenceStart)
        sequenceWordStart = try reader.int32s(.sequenceWordStart)
        sequenceWords = try reader.int32s(.sequenceWords)
        guard states >= 1, rootChild.count == words else { throw FormatError("the trie does not fit the vocabulary") }

        // The trie: breadth first, so children come after their parent, in runs that follow
        // one another; a child is one word deeper; links point to shallower states.
        guard childStart[0] == 1, childStart[states] == states, depth[0] == 0, failure[0] == 0, outputLink[0] == -1
        else { throw FormatError("the trie's root is damaged") }
        for state in 0..<states {
            let first = Int(childStart[state])
            let end = Int(childStart[state + 1])
            guard first > state, first <= end, end <= states else {
                throw FormatError("state \(state)'s children are out of order")
            }
            for child in first..<end {
                guard label[child] >= 0, Int(label[child]) < words, depth[child] == depth[state] + 1 else {
                    throw FormatError("state \(child) does not follow its parent")
                }
            }
            guard state > 0 else { continue }
            let fail = Int(failure[state])
            let output = Int(outputLink[state])
            guard fail >= 0, fail < states, depth[fail] < depth[state], output >= -1, output < states,
                output < 0 || depth[output] < depth[state]
            else { throw FormatError("state \(state)'s links are damaged") }
        }
        for (id, child) in rootChild.enumerated() where child != 0 {
            guard child >= childStart[0], child < childStart[1], label[Int(child)] == id else {
                throw FormatError("the root's children are damaged")
            }
        }
        try Self.checkRuns(keyStart, over: keyGroup.count, "keys")
        guard keyGroup.allSatisfy({ $0 >= 0 && Int($0) < groups.count }),
            keyTail.allSatisfy({ $0 >= 0 && Int($0) < tailPartStart.count - 1 })
        else { throw FormatError("a key names a group or tail that does not exist") }

        // Tails: each level a run of the next, in order.
        guard tailPartStart.count >= 2 else { throw FormatError("the tails are damaged") }
        try Self.checkRuns(tailPartStart, over: partGap.count, "tail parts")
        try Self.checkRuns(partSlotStart, over: slotSequenceStart.count - 1, "part slots")
        try Self.checkRuns(slotSequenceStart, over: sequenceWordStart.count - 1, "slot sequences")
        try Self.checkRuns(sequenceWordStart, over: sequenceWords.count, "sequence words")
        guard partGap.allSatisfy({ $0 >= 0 && $0 <= 64 }), sequenceWords.allSatisfy({ $0 >= 0 && Int($0) < words })
        else { throw FormatError("a tail's gap or word is out of range") }
    }

    /// Checks that `starts` cuts `0..<count` into runs in order.
    private static func checkRuns(
        _ starts: UnsafeBufferPointer<Int32>, over count: Int, _ what: String
    ) throws(FormatError) {
        guard let first = starts.first, first == 0, count >= 0, Int(starts[starts.count - 1]) == count,
            zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw FormatError("the \(what) are out of order") }
    }

    /// Reads the header and section table, and gives typed views of the sections.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        let sourceHash: UInt64
        let sections: [Range<Int>]

        init(_ bytes: UnsafeRawBufferPointer) throws(FormatError) {
            self.bytes = bytes
            guard bytes.count >= headerSize, bytes.prefix(4).elementsEqual(magic) else {
                throw FormatError("not a Rebound phrase automaton")
            }
            guard let base = bytes.baseAddress, Int(bitPattern: base) % 8 == 0 else {
                throw FormatError("the automaton's bytes are not aligned")
            }
            guard bytes.load(fromByteOffset: 4, as: UInt32.self) == version else {
                throw FormatError("unknown phrase automaton version")
            }
            guard bytes.load(fromByteOffset: 8, as: UInt32.self) == byteOrderMark else {
                throw FormatError("the automaton was written on a machine of the other byte order")
            }
            let count = Int(bytes.load(fromByteOffset: 12, as: UInt32.self))
            guard count == Section.allCases.count, bytes.count >= headerSize + 8 * count, bytes.count % 8 == 0 else {
                throw FormatError("the automaton's section table is damaged")
            }
            let stored = bytes.load(fromByteOffset: 24, as: UInt64.self)
            guard stored == checksum(UnsafeRawBufferPointer(rebasing: bytes[headerSize...])) else {
                throw FormatError("the automaton's checksum does not match: the file is damaged")
            }
            sourceHash = bytes.load(fromByteOffset: 16, as: UInt64.self)
            var sections: [Range<Int>] = []
            for index in 0..<count {
                let offset = Int(bytes.load(fromByteOffset: headerSize + 8 * index, as: UInt32.self))
                let length = Int(bytes.load(fromByteOffset: headerSize + 8 * index + 4, as: UInt32.self))
                guard offset % 8 == 0, offset >= headerSize + 8 * count, offset <= bytes.count,
                    length <= bytes.count - offset
                else { throw FormatError("section \(index) lies outside the automaton") }
                sections.append(offset..<offset + length)
            }
            self.sections = sections
        }

        func raw(_ section: Section) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: bytes[sections[section.rawValue]])
        }

        func typed<T: FixedWidthInteger>(
            _ section: Section, as type: T.Type
        ) throws(FormatError)
            -> UnsafeBufferPointer<T>
        {
            let raw = raw(section)
            guard raw.count % MemoryLayout<T>.stride == 0 else {
                throw FormatError("section \(section) has a partial value")
            }
            return raw.bindMemory(to: T.self)
        }

        func int32s(_ section: Section, count: Int? = nil) throws(FormatError) -> UnsafeBufferPointer<Int32> {
            let values = try typed(section, as: Int32.self)
            if let count, values.count != count { throw FormatError("section \(section) has the wrong length") }
            return values
        }

        func strings(_ section: Section) throws(FormatError) -> [String?] {
            let raw = raw(section)
            guard raw.count >= 4 else { throw FormatError("section \(section) is too short") }
            let count = Int(raw.loadUnaligned(as: UInt32.self))
            var values: [String?] = []
            var offset = 4
            for _ in 0..<count {
                guard offset + 4 <= raw.count else { throw FormatError("section \(section) is truncated") }
                let length = Int(raw.loadUnaligned(fromByteOffset: offset, as: Int32.self))
                offset += 4
                if length < 0 {
                    values.append(nil)
                    continue
                }
                guard length <= raw.count - offset else { throw FormatError("section \(section) is truncated") }
                values.append(String(decoding: raw[offset..<offset + length], as: UTF8.self))
                offset += length
            }
            return values
        }

        func groups() throws(FormatError) -> [GroupInfo] {
            let fields = try strings(.groups)
            guard fields.count % 6 == 0 else { throw FormatError("the phrase groups are damaged") }
            var groups: [GroupInfo] = []
            for start in stride(from: 0, to: fields.count, by: 6) {
                guard let id = fields[start], let name = fields[start + 1], let category = PhraseCategory(name: name),
                    let message = fields[start + 3]
                else { throw FormatError("phrase group \(start / 6) is damaged") }
                var severity: Diagnostic.Severity?
                if let name = fields[start + 2] {
                    guard let known = Diagnostic.Severity(rawValue: name) else {
                        throw FormatError("phrase group \(id) has an unknown severity")
                    }
                    severity = known
                }
                groups.append(
                    GroupInfo(
                        id: id, category: category, severity: severity, message: message,
                        suggestion: fields[start + 4], vetoable: fields[start + 5] == nil))
            }
            return groups
        }

        func vocabulary() throws(FormatError) -> Vocabulary {
            let slots = try int32s(.vocabularySlots)
            let hashes = try typed(.vocabularyHashes, as: UInt64.self)
            let ends = try int32s(.vocabularyEnds)
            let words = try typed(.vocabularyBytes, as: UInt8.self)
            // A power of two with room to spare, so every probe ends at an empty slot.
            guard slots.count == hashes.count, slots.count > ends.count, slots.count & (slots.count - 1) == 0,
                slots.allSatisfy({ $0 >= -1 && Int($0) < ends.count }),
                zip([0] + ends, ends).allSatisfy({ $0 <= $1 }), Int(ends.last ?? 0) == words.count
            else { throw FormatError("the vocabulary is damaged") }
            return Vocabulary(slots: Array(slots), hashes: Array(hashes), ends: Array(ends), bytes: Array(words))
        }
    }
}
