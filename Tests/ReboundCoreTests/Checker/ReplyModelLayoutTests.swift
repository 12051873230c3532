import Testing

@testable import ReboundChecker

/// The model's lookup table, read in place: features found past a collision, unknown ones
/// add nothing, slots wide enough for any number of heads, and a damaged table that never
/// ends a probe still returns.
@Suite("learned layer lookup")
struct ReplyModelLayoutTests {
    /// Model bytes in reply-model.bin's format, laid out as `Training/train.py` lays them
    /// out: these heads, features 3, 7 and 1_000_003 (the last shares slot 3 of 16 with
    /// the first), `bias` (0.5 unless given), threshold 1, veto -2 and scale 0.25 for every
    /// head. Row r's own weight for head h is 10r - 7h, its context weight 3r + h - 4.
    static func model(heads: [FindingCategory], bias: Float = 0.5) -> [UInt8] {
        let features: [UInt32] = [3, 7, 1_000_003]
        let slotCount = 16
        var bytes = Array("RBM1".utf8)
        func uint32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        let stride = ReplyModel.slotStride(heads: heads.count)
        // Every slot empty (feature id UInt32.max, zero weights) until a feature takes it.
        var table = [UInt8](repeating: 0, count: slotCount * stride)
        for slot in 0..<slotCount {
            table.replaceSubrange(slot * stride..<slot * stride + 4, with: [0xFF, 0xFF, 0xFF, 0xFF])
        }
        var occupied = [Bool](repeating: false, count: slotCount)
        var longestProbe = 0
        for (row, feature) in features.enumerated() {
            var slot = Int(feature) % slotCount
            var probe = 0
            while occupied[slot] {
                slot = (slot + 1) % slotCount
                probe += 1
            }
            occupied[slot] = true
            longestProbe = max(longestProbe, probe)
            withUnsafeBytes(of: feature.littleEndian) {
                table.replaceSubrange(slot * stride..<slot * stride + 4, with: $0)
            }
            for head in heads.indices {
                table[slot * stride + 4 + head] = UInt8(bitPattern: Int8(row * 10 - head * 7))
                table[slot * stride + 4 + heads.count + head] = UInt8(bitPattern: Int8(row * 3 + head - 4))
            }
        }
        for value in [4, UInt32(heads.count), UInt32(features.count), UInt32(slotCount), UInt32(longestProbe)] {
            uint32(value)
        }
        for head in heads {
            bytes += [UInt8(head.rawValue.utf8.count)] + Array(head.rawValue.utf8)
            for value: Float in [bias, 1, -2, 0.25] { uint32(value.bitPattern) }
        }
        bytes += [UInt8](repeating: 0, count: (16 - bytes.count % 16) % 16)
        return bytes + table
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

    static let fourHeads: [FindingCategory] = [.excuse, .blame, .nonApology, .policy]
    /// Known features (one twice, one past a collision) and unknown ones (one in an empty
    /// slot, one probing past the collision to an empty slot).
    static let features: [UInt32] = [3, 7, 7, 1_000_003, 42, 1_000_003 &+ 1 << 20]

    @Test("features are found past a collision and unknown features add nothing")
    func lookupSums() throws {
        let model = try ReplyModel(bytes: Self.model(heads: Self.fourHeads))
        #expect(model.featureCount == 3)
        #expect(Self.sums(model, Self.features).own == [40, 12, -16, -44])
        #expect(Self.sums(model, Self.features).context == [-4, 0, 4, 8])
        #expect(Self.sums(model, [42, 1_000_003 &+ 1 << 20, UInt32.max]).own == [0, 0, 0, 0])
        #expect(Self.sums(model, []).own == [0, 0, 0, 0])
    }

    @Test("slots widen for more heads and score the shared heads alike", arguments: [5, 6, 7])
    func moreHeads(count: Int) throws {
        let heads = Self.fourHeads + [.repeatedApology, .avoid, .privacy].prefix(count - 4)
        #expect(ReplyModel.slotStride(heads: count) == (count <= 6 ? 16 : 32))
        let model = try ReplyModel(bytes: Self.model(heads: heads))
        let four = try ReplyModel(bytes: Self.model(heads: Self.fourHeads))
        #expect(Array(Self.sums(model, Self.features).own.prefix(4)) == Self.sums(four, Self.features).own)
        #expect(Array(Self.sums(model, Self.features).context.prefix(4)) == Self.sums(four, Self.features).context)
        #expect(Self.sums(model, Self.features).own.last == Int32(40 - 28 * (count - 1)))
        #expect(Self.sums(model, Self.features).context.last == Int32(-4 + 4 * (count - 1)))
    }

    @Test("a damaged table with no empty slot gives wrong sums at worst, never an endless probe")
    func fullTableStops() throws {
        var bytes = Self.model(heads: Self.fourHeads)
        let tableStart = bytes.count - 16 * 16
        for slot in 0..<16 where bytes[tableStart + slot * 16..<tableStart + slot * 16 + 4] == [0xFF, 0xFF, 0xFF, 0xFF]
        {
            bytes.replaceSubrange(
                tableStart + slot * 16..<tableStart + slot * 16 + 4, with: [UInt8(100 + slot), 0, 0, 0])
        }
        let model = try ReplyModel(bytes: bytes)
        #expect(Self.sums(model, [42, 99, UInt32.max]).own == [0, 0, 0, 0])
        #expect(Self.sums(model, [3, 7, 1_000_003]).own == [30, 9, -12, -33])
    }

    @Test("the model overrules the standard phrases of a category it scores below the veto, never a team's")
    func vetoSparesTeamPhrases() throws {
        // No word of a reply is one of the model's features, so every reply scores its bias:
        // -5 is below the veto (-2), 0.5 above it, and neither reaches the threshold (1).
        let overruling = try ReplyModel(bytes: Self.model(heads: [.excuse], bias: -5))
        let agreeing = try ReplyModel(bytes: Self.model(heads: [.excuse], bias: 0.5))
        let team = PhraseBook.parse(
            "category = excuse\n[stretched]\nmessage = Say what we did about it.\nwe were stretched\n",
            name: "team.phrases"
        ).book
        let reply = "We were short-staffed, and we were stretched."
        func excuses(_ checker: ReplyChecker, layers: CheckOptions.Layers = .both) -> [String] {
            var options = CheckOptions()
            options.layers = layers
            return checker.check(reply, options: options).filter { $0.category == .excuse }.map(\.excerpt)
        }
        #expect(excuses(ReplyChecker(model: agreeing)) == ["We were short-staffed"])
        #expect(excuses(ReplyChecker(model: overruling)) == [])
        #expect(excuses(ReplyChecker(model: overruling), layers: .phrase) == ["We were short-staffed"])
        let merged = ReplyChecker.standardBook.merged(with: team)
        #expect(excuses(ReplyChecker(book: merged, model: overruling)) == ["we were stretched"])
        #expect(excuses(ReplyChecker(book: merged, model: agreeing)) == ["We were short-staffed", "we were stretched"])
        #expect(excuses(ReplyChecker(book: team, model: overruling)) == ["we were stretched"])
    }

    @Test("a standard group marked 'veto = never' is kept where the model overrules the rest of its category")
    func vetoNeverKeepsMinimising() throws {
        let overruling = try ReplyModel(bytes: Self.model(heads: [.excuse], bias: -5))
        let reply = "We were short-staffed. It's not usually like this, and mistakes happen."
        let excuses = ReplyChecker(model: overruling).check(reply).filter { $0.category == .excuse }.map(\.excerpt)
        #expect(excuses == ["It's not usually like this", "mistakes happen"])
        let shrug = try #require(ReplyChecker.standardBook.groups.first { $0.id == "shrug" })
        #expect(!shrug.vetoable)
        #expect(ReplyChecker.standardBook.groups.filter { !$0.vetoable }.map(\.id) == ["shrug"])
        // The precompiled automaton carries the setting as the phrase files say it.
        let compiled = ReplyChecker(book: ReplyChecker.standardBook, model: overruling)
        #expect(compiled.check(reply).filter { $0.category == .excuse }.map(\.excerpt) == excuses)
    }

    @Test("'veto' takes only 'never'", arguments: ["never", "always", ""])
    func vetoSetting(value: String) {
        let parsed = PhraseBook.parse(
            "category = excuse\n[stretched]\nmessage = m\nveto = \(value)\nwe were stretched\n", name: "team.phrases")
        if value == "never" {
            #expect(parsed.diagnostics.isEmpty)
            #expect(parsed.book.groups.map(\.vetoable) == [false])
        } else {
            #expect(parsed.diagnostics.map(\.code) == [.unknownPhraseSetting])
            #expect(parsed.diagnostics.first?.range.start.line == 4)
        }
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
