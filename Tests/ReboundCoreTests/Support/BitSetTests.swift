import Testing

@testable import ReboundText

@Suite("bit sets")
struct BitSetTests {
    @Test("members on either side of word boundaries are kept apart", arguments: [1, 63, 64, 65, 128, 200])
    func boundaries(capacity: Int) {
        var set = BitSet(capacity: capacity)
        #expect((0..<capacity).allSatisfy { !set.contains($0) })
        let members = Set([0, 62, 63, 64, 65, 127, 128, capacity - 1].filter { $0 < capacity })
        for member in members { set.insert(member) }
        for member in 0..<capacity { #expect(set.contains(member) == members.contains(member), "\(member)") }
        set.insert(0)
        #expect(set.contains(0), "inserting twice keeps it")
    }

    @Test(
        "a filled set holds exactly 0..<capacity, and equals the set with each of them inserted",
        arguments: [0, 1, 3, 63, 64, 65, 130])
    func filled(capacity: Int) {
        let full = BitSet(capacity: capacity, filled: true)
        var built = BitSet(capacity: capacity)
        for member in 0..<capacity {
            #expect(full.contains(member))
            built.insert(member)
        }
        #expect(full == built)
        #expect(full.union(BitSet(capacity: capacity)) == built)
    }

    @Test("union and intersection work across words; union leaves its operands alone")
    func algebra() {
        var a = BitSet(capacity: 150)
        var b = BitSet(capacity: 150)
        for member in [1, 64, 100, 149] { a.insert(member) }
        for member in [1, 65, 100, 148] { b.insert(member) }
        let before = a
        let union = a.union(b)
        #expect(a == before)
        #expect((0..<150).filter(union.contains) == [1, 64, 65, 100, 148, 149])
        var intersection = a
        intersection.formIntersection(b)
        #expect((0..<150).filter(intersection.contains) == [1, 100])
        var formed = a
        formed.formUnion(b)
        #expect(formed == union)
        var everything = BitSet(capacity: 150, filled: true)
        everything.formIntersection(a)
        #expect(everything == a, "filled is the identity of intersection")
        #expect(a != b)
        #expect(BitSet(capacity: 150) == BitSet(capacity: 150))
    }

    @Test("a random mix of inserts, unions and intersections agrees with Set<Int>")
    func againstSet() {
        var random = SplitMix(seed: 64)
        for _ in 0..<200 {
            let capacity = 1 + random.below(300)
            var bits = [BitSet(capacity: capacity), BitSet(capacity: capacity, filled: random.chance(0.3))]
            var sets = [Set<Int>(), bits[1].contains(0) ? Set(0..<capacity) : []]
            for _ in 0..<40 {
                let which = random.below(2)
                switch random.below(4) {
                case 0, 1:
                    let member = random.below(capacity)
                    bits[which].insert(member)
                    sets[which].insert(member)
                case 2:
                    bits[which].formUnion(bits[1 - which])
                    sets[which].formUnion(sets[1 - which])
                default:
                    bits[which].formIntersection(bits[1 - which])
                    sets[which].formIntersection(sets[1 - which])
                }
            }
            for which in 0..<2 {
                #expect(Set((0..<capacity).filter(bits[which].contains)) == sets[which])
            }
            #expect((bits[0] == bits[1]) == (sets[0] == sets[1]))
        }
    }
}
