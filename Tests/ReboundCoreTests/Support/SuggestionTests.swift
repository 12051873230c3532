import Testing

@testable import ReboundText

@Suite("did-you-mean suggestions")
struct SuggestionTests {
    static let outcomes = ["resolved", "escalated", "pending", "lost"]

    @Test(
        "a typo finds the name it was meant to be",
        arguments: [
            ("resolvd", "resolved"), ("reslved", "resolved"), ("resovled", "resolved"), ("escalted", "escalated"),
            ("pendng", "pending"), ("lsot", "lost"), ("los", "lost"), ("loss", "lost"), ("RESOLVED", "resolved"),
            ("Pending", "pending"), ("escallated", "escalated"), ("pending!", "pending"),
        ])
    func typos(word: String, expected: String) {
        #expect(Suggestion.nearest(to: word, in: Self.outcomes) == expected)
    }

    @Test(
        "words too far from every name get no suggestion",
        arguments: ["won", "x", "", "resolution", "abandoned", "pend", "zzzz", "penalties"])
    func farAway(word: String) {
        #expect(Suggestion.nearest(to: word, in: Self.outcomes) == nil)
    }

    @Test(
        "up to 3 letters allow 1 edit, up to 6 allow 2, longer words 3",
        arguments: [
            ("ab", "xb", true), ("ab", "xy", false), ("abc", "axc", true), ("abc", "xyc", false),
            ("abcd", "xycd", true), ("abcd", "xyzd", false), ("abcdef", "abcxyf", true),
            ("abcdef", "axyzef", false), ("abcdefg", "axyzefg", true), ("abcdefg", "wxyzefg", false),
            ("abcdefghij", "abcdefghijklm", true), ("abcdefghij", "abcdefghijklmn", false),
        ])
    func thresholds(word: String, candidate: String, suggested: Bool) {
        #expect((Suggestion.nearest(to: word, in: [candidate]) == candidate) == suggested)
    }

    @Test("the threshold follows the word typed, not the candidate")
    func thresholdOfTheWord() {
        #expect(Suggestion.nearest(to: "abcdefg", in: ["abcd"]) == "abcd", "7 letters typed: 3 edits allowed")
        #expect(Suggestion.nearest(to: "abcd", in: ["abcdefg"]) == nil, "4 letters typed: 2 edits allowed")
        #expect(Suggestion.nearest(to: "cat", in: ["cats"]) == "cats")
        #expect(Suggestion.nearest(to: "cat", in: ["catch"]) == nil)
    }

    @Test("the closest name wins; between equally close names the earlier one does")
    func ties() {
        #expect(Suggestion.nearest(to: "bat", in: ["cat", "hat"]) == "cat")
        #expect(Suggestion.nearest(to: "bat", in: ["hat", "cat"]) == "hat")
        #expect(Suggestion.nearest(to: "escalatd", in: ["escaped", "escalated"]) == "escalated")
        #expect(Suggestion.nearest(to: "bat", in: ["cart", "bar"]) == "bar")
        #expect(Suggestion.nearest(to: "bat", in: ["hat", "cat", "bat "]) == "hat")
    }

    @Test("case is ignored for distance, and the name comes back as written")
    func caseHandling() {
        #expect(Suggestion.nearest(to: "resolvd", in: ["Resolved"]) == "Resolved")
        #expect(Suggestion.nearest(to: "Resolved", in: ["resolved"]) == "resolved", "differs only in case")
        #expect(Suggestion.nearest(to: "resolved", in: ["resolved"]) == nil, "the word itself is no suggestion")
        #expect(Suggestion.nearest(to: "resolved", in: ["resolved", "resolve"]) == "resolve")
        #expect(Suggestion.nearest(to: "ÉTAPE", in: ["étape"]) == "étape")
    }

    @Test("distance counts Unicode scalars, so an accent is one edit")
    func unicode() {
        #expect(Suggestion.nearest(to: "cafe", in: ["café"]) == "café")
        #expect(Suggestion.nearest(to: "naïve", in: ["naive"]) == "naive")
        #expect(Suggestion.nearest(to: "😀😀", in: ["😀😁"]) == "😀😁")
    }

    @Test("no candidates, no suggestion; any sequence of names will do")
    func candidates() {
        #expect(Suggestion.nearest(to: "lost", in: [String]()) == nil)
        #expect(Suggestion.nearest(to: "lost", in: Set(["lots"])) == "lots")
        #expect(Suggestion.nearest(to: "lost", in: Self.outcomes.lazy.map { $0.uppercased() }) == "LOST")
    }

    @Test(
        "edit distance: insertions, deletions, substitutions and adjacent swaps each cost one",
        arguments: [
            ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("abc", "abc", 0), ("abc", "abd", 1), ("abc", "ab", 1),
            ("abc", "abxc", 1), ("abc", "acb", 1), ("abcd", "badc", 2), ("kitten", "sitting", 3),
            ("flaw", "lawn", 2), ("ca", "abc", 3),
        ])
    func editDistance(a: String, b: String, distance: Int) {
        let left = Array(a.unicodeScalars)
        let right = Array(b.unicodeScalars)
        #expect(Suggestion.editDistance(left, right, limit: 10) == distance)
        #expect(Suggestion.editDistance(right, left, limit: 10) == distance, "symmetric")
        #expect(Suggestion.editDistance(left, right, limit: distance) == distance, "exact at the limit")
        if distance > 0 {
            #expect(Suggestion.editDistance(left, right, limit: distance - 1) > distance - 1, "over the limit")
        }
    }

    @Test("the early stop never hides a distance within the limit: 3,000 random pairs")
    func earlyStop() {
        var random = SplitMix(seed: 11)
        let alphabet = Array("abcab".unicodeScalars)
        for _ in 0..<3_000 {
            let a = (0..<random.below(9)).map { _ in alphabet[random.below(alphabet.count)] }
            let b = (0..<random.below(9)).map { _ in alphabet[random.below(alphabet.count)] }
            let full = Suggestion.editDistance(a, b, limit: 20)
            for limit in 0...4 {
                let bounded = Suggestion.editDistance(a, b, limit: limit)
                // Within the limit the distance is exact; past it, any number past the limit.
                #expect(full <= limit ? bounded == full : bounded > limit, "\(a) \(b) limit \(limit)")
            }
        }
    }
}
