/// Misspelt and shorthand forms of the few words a mistake hinges on ("appologies",
/// "inconvinience", "sry", "sorry 4 any"), which the phrase layer reads as the words they
/// stand for: a typo should not hide a hollow apology or a second one.
///
/// Only words no phrase uses are respelt, and only to a short list of target words, by
/// one edit (two for words of twelve letters or more). The edit keeps the first letter and
/// the last two, and a word the target starts with or that starts with the target
/// ("unfortunate", "inconveniences") is not respelt: those are other words, not typos.
/// Words under eight letters are not respelt by a changed letter, only by one left out,
/// doubled or swapped ("sory", "polcy"), since one changed letter makes other words
/// ("police", "worry"). The spans and the learned layer's features stay those of the
/// words as written.
struct Respelling: Sendable {
    /// The words a mistake hinges on: apologies and hollow ones, rules, the common causes.
    static let targets = [
        "apologies", "apologise", "apologize", "apologised", "apologized", "apologising", "apologizing", "apology",
        "sorry", "inconvenience", "inconvenienced", "frustration", "disappointment", "disappointed", "regret",
        "regrettably", "policy", "policies", "procedure", "procedures", "unfortunately", "understaffed", "staffed",
        "unforeseen", "circumstances", "unavoidable", "technical", "difficulties", "glitch", "outage", "backlog",
        "system", "courier", "warehouse", "restaurant", "responsible", "fault", "mistake", "blame", "excuse",
    ]

    /// Chat shorthand, read as the word it stands for.
    static let shorthand = [
        "sry": "sorry", "srry": "sorry", "ur": "your", "u": "you", "pls": "please", "plz": "please",
        "cuz": "because", "coz": "because",
    ]

    /// The apology words after which "4" stands for "for" ("sorry 4 any delay").
    static let apologyWords = ["sorry", "apologies", "apologise", "apologize", "apology"]

    private let words: [(bytes: [UInt8], id: Int32)]
    private let short: [(bytes: [UInt8], id: Int32)]
    private let apologyIDs: [Int32]
    private let forID: Int32?
    /// Bit `b - 97` is set when a target word starts with the letter `b`.
    private let firstLetters: UInt32

    init(vocabulary: Vocabulary) {
        func known(_ word: String) -> Int32? { Array(word.utf8).withUnsafeBufferPointer { vocabulary.id(of: $0) } }
        words = Self.targets.compactMap { word in known(word).map { (Array(word.utf8), $0) } }
        short = Self.shorthand.compactMap { word, meaning in
            known(word) == nil ? known(meaning).map { (Array(word.utf8), $0) } : nil
        }
        apologyIDs = Self.apologyWords.compactMap(known)
        forID = known("for")
        firstLetters = words.reduce(0) { $0 | 1 << UInt32($1.bytes[0] &- 97) }
    }

    /// The id "4" is read as right after the word read as `previous`: "for" after an apology.
    func idOfFour(after previous: Int32) -> Int32? {
        apologyIDs.contains(previous) ? forID : nil
    }

    /// The id of the word a word no phrase uses stands for, if it is a misspelling or
    /// shorthand of one.
    func id(of word: UnsafeBufferPointer<UInt8>) -> Int32? {
        if word.count <= 4 {
            for entry in short where entry.bytes.elementsEqual(word) { return entry.id }
        }
        guard word.count >= 4, word[0] >= 97, word[0] <= 122, firstLetters & 1 << UInt32(word[0] - 97) != 0
        else { return nil }
        var best: (distance: Int, id: Int32)?
        for target in words where target.bytes[0] == word[0] {
            let length = target.bytes.count
            let allowed = length >= 12 ? 2 : 1
            guard abs(length - word.count) <= allowed, target.bytes[length - 1] == word[word.count - 1],
                target.bytes[length - 2] == word[word.count - 2], !Self.isPrefix(word, of: target.bytes),
                !Self.isPrefix(target.bytes, of: word)
            else { continue }
            let distance = Self.distance(word, target.bytes, substitution: length >= 8 ? 1 : 2, limit: allowed)
            if distance <= allowed, best.map({ distance < $0.distance }) ?? true { best = (distance, target.id) }
        }
        return best?.id
    }

    private static func isPrefix(_ word: some Collection<UInt8>, of other: some Collection<UInt8>) -> Bool {
        word.count < other.count && other.starts(with: word)
    }

    /// Edits from `a` to `b`, adjacent letters swapped counting as one (optimal string
    /// alignment), or `limit + 1` once more than `limit` are needed.
    static func distance(
        _ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8], substitution: Int, limit: Int
    ) -> Int {
        let width = b.count + 1
        var before = [Int](repeating: 0, count: width)
        var previous = Array(0..<width)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowBest = i
            for j in 1..<width {
                let change = a[i - 1] == b[j - 1] ? 0 : substitution
                var cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + change)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cost = min(cost, before[j - 2] + 1) }
                current[j] = cost
                rowBest = min(rowBest, cost)
            }
            if rowBest > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
