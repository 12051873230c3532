import ReboundChecker
import ReboundLanguage
import ReboundText
import Testing

/// Any bytes at all must give a playbook and diagnostics, never a crash, and every
/// diagnostic must point inside the input at the line and column its offset implies.
@Suite("playbook parser robustness")
struct PlaybookRobustnessTests {
    @Test("the shipped playbooks are clean, warnings included")
    func shippedPlaybooksAreClean() {
        let playbooks = ShippedPlaybooks.all
        #expect(playbooks.count >= 7)
        for (name, bytes) in playbooks {
            let diagnostics = Playbook.check(bytes).diagnostics
            #expect(diagnostics.isEmpty, "\(name): \(diagnostics.map(\.message))")
        }
    }

    @Test("random bytes never crash and give in-range diagnostics")
    func randomBytes() {
        var random = SplitMix(seed: 0x5EED)
        let alphabet = Array("playbook step ask say choose option next done draft expect {}\"/->,#\n\t ".utf8)
        for round in 0..<400 {
            let length = Int.random(in: 0...600, using: &random)
            let bytes: [UInt8] = (0..<length).map { _ in
                Bool.random(using: &random)
                    ? UInt8.random(in: 0...255, using: &random) : alphabet.randomElement(using: &random)!
            }
            assertWellFormed(bytes, "random round \(round)")
        }
    }

    @Test("mutated shipped playbooks never crash and give in-range diagnostics")
    func mutations() {
        var random = SplitMix(seed: 42)
        let keywords = PlaybookParser.keywords
        for (name, original) in ShippedPlaybooks.all {
            for round in 0..<120 {
                var lines = original.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(
                    Array.init)
                switch round % 6 {
                case 0:
                    lines.remove(at: Int.random(in: 0..<lines.count, using: &random))
                case 1:
                    lines.swapAt(
                        Int.random(in: 0..<lines.count, using: &random), Int.random(in: 0..<lines.count, using: &random)
                    )
                case 2:
                    let index = Int.random(in: 0..<lines.count, using: &random)
                    let text = String(decoding: lines[index], as: UTF8.self)
                    let word = keywords.randomElement(using: &random)!
                    let replaced =
                        text.split(separator: " ", maxSplits: 1).dropFirst().first.map { "\(word) \($0)" } ?? word
                    lines[index] = Array(replaced.utf8)
                case 3:
                    let index = Int.random(in: 0..<lines.count, using: &random)
                    lines.insert(lines[index], at: Int.random(in: 0...lines.count, using: &random))
                case 4:
                    let index = Int.random(in: 0..<lines.count, using: &random)
                    if !lines[index].isEmpty {
                        let at = Int.random(in: 0..<lines[index].count, using: &random)
                        lines[index][at] = UInt8.random(in: 0...255, using: &random)
                    }
                default:
                    break
                }
                var bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
                if round % 6 == 5 {
                    bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
                }
                assertWellFormed(bytes, "\(name) mutation \(round)")
            }
        }
    }

    @Test("an enormous line is handled in one pass")
    func enormousLine() {
        let long = String(repeating: "word {name} ", count: 50_000)
        let (playbook, diagnostics) = Playbook.check(demoHeader + "step a \"A\"\n  say \(long)\n  done resolved\n")
        #expect(playbook.steps.count == 1)
        #expect(diagnostics.count == 50_000)
        #expect(diagnostics.allSatisfy { $0.code == .undefinedValue })
        assertWellFormed(Array((demoHeader + "step a \"" + long).utf8), "unterminated enormous line")
    }

    /// Checks that every diagnostic's range lies inside the input and agrees with its offset.
    func assertWellFormed(_ bytes: [UInt8], _ context: String) {
        let diagnostics = Playbook.check(bytes).diagnostics
        let oracle = LocationOracle(bytes)
        for diagnostic in diagnostics {
            let range = diagnostic.range
            #expect(range.start.offset <= range.end.offset, "\(context): \(diagnostic)")
            #expect(range.end.offset <= bytes.count, "\(context): \(diagnostic)")
            for location in [range.start, range.end] {
                #expect(location == oracle.location(of: location.offset), "\(context): \(diagnostic.code)")
            }
        }
    }
}

/// Lines and columns of byte offsets, computed independently of the parser.
struct LocationOracle {
    let lineStarts: [Int]
    /// How many scalars begin before each offset.
    let scalarsBefore: [Int]

    init(_ bytes: [UInt8]) {
        var lineStarts = [bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
        var scalarsBefore = [0]
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n") { lineStarts.append(index + 1) }
            scalarsBefore.append(scalarsBefore[index] + (byte & 0xC0 != 0x80 ? 1 : 0))
        }
        self.lineStarts = lineStarts
        self.scalarsBefore = scalarsBefore
    }

    func location(of offset: Int) -> ReboundText.SourceLocation {
        let line = lineStarts.lastIndex { $0 <= offset } ?? 0
        let start = min(lineStarts[line], offset)
        return ReboundText.SourceLocation(
            line: line + 1, column: 1 + scalarsBefore[offset] - scalarsBefore[start], offset: offset)
    }
}

@Suite("shipped playbooks")
struct ShippedPlaybookTests {
    @Test("each shipped playbook branches, validates an answer, has a checklist, a checked draft and a follow-up")
    func usesTheLanguage() {
        for (name, bytes) in ShippedPlaybooks.all {
            let items = Playbook.check(bytes).playbook.steps.flatMap(\.items)
            let branches = items.contains {
                if case .choose(let c) = $0 { c.options.contains { $0.target != nil } } else { false }
            }
            let validates = items.contains { if case .ask(let ask) = $0 { ask.validation != nil } else { false } }
            let confirms = items.contains { if case .confirm = $0 { true } else { false } }
            let checkedDraft = items.contains {
                if case .draft(let d) = $0 {
                    !d.expectations.isEmpty || d.apologyLimit != nil || !d.avoids.isEmpty
                } else {
                    false
                }
            }
            let followsUp = items.contains { if case .followUp = $0 { true } else { false } }
            #expect(branches && validates && confirms && checkedDraft && followsUp, "\(name)")
        }
    }
}
