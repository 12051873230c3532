import Testing

@testable import ReboundChecker

/// A matcher over phrase groups written as `(id, [phrase lines])`, all in one category.
private struct Phrases {
    let book: PhraseBook
    let matcher: PhraseMatcher

    init(_ groups: [(id: String, phrases: [String])], classes: String = "") {
        var text = "category = excuse\n" + classes
        for group in groups {
            text += "[\(group.id)]\nmessage = \(group.id)\n" + group.phrases.map { $0 + "\n" }.joined()
        }
        let parsed = PhraseBook.parse(text, name: "test.phrases")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.message))")
        book = parsed.book
        matcher = PhraseMatcher(book: book)
    }

    init(_ phrases: String...) {
        self.init([("g", phrases)])
    }

    func reply(_ text: String) -> AnalyzedReply {
        AnalyzedReply(Array(text.utf8), vocabulary: matcher.vocabulary, negations: Vocabulary())
    }

    /// Each match as `group: text it spans`, in the order the matcher reports them.
    func found(_ text: String) -> [String] {
        let reply = reply(text)
        return matcher.matches(in: reply).map {
            "\(book.groups[$0.group].id): \(reply.text(ofTokens: $0.firstToken, $0.endToken))"
        }
    }

    /// Just the text each match spans.
    func excerpts(_ text: String) -> [String] {
        found(text).map { String($0.split(separator: ": ", maxSplits: 1)[1]) }
    }
}

@Suite("phrase matcher")
struct PhraseMatcherTests {
    @Test("every occurrence is found, with the tokens it spans")
    func occurrences() {
        let phrases = Phrases("short staffed")
        let reply = phrases.reply("We were short staffed, and SHORT-STAFFED again: short staffed.")
        #expect(
            phrases.matcher.matches(in: reply) == [
                .init(group: 0, firstToken: 2, endToken: 4), .init(group: 0, firstToken: 5, endToken: 7),
                .init(group: 0, firstToken: 8, endToken: 10),
            ])
        #expect(phrases.excerpts("short, staffed") == ["short, staffed"], "a comma does not break a phrase")
    }

    @Test("nothing is found in an empty reply, in one without phrase words, or in half a phrase")
    func nothing() {
        let phrases = Phrases("short staffed", "mistakes happen")
        for text in ["", "   \n", "Thanks for waiting!", "short", "staffed short", "mistakes do happen", "😀"] {
            #expect(phrases.found(text).isEmpty, "\(text)")
        }
    }

    @Test("overlapping phrases are all reported, ordered by where they end, the longest first at the same end")
    func overlaps() {
        let phrases = Phrases("we were short", "short staffed", "staffed", "we were short staffed")
        #expect(
            phrases.excerpts("Sorry, we were short staffed today")
                == ["we were short", "we were short staffed", "short staffed", "staffed"])
    }

    @Test("a phrase inside a longer one is found even when the longer one fails part way (failure links)")
    func failureLinks() {
        let phrases = Phrases("a b c", "b d", "b c e", "c")
        #expect(phrases.excerpts("a b d") == ["b d"])
        #expect(phrases.excerpts("a b c e") == ["a b c", "c", "b c e"])
        let repeated = Phrases("no no yes")
        #expect(repeated.excerpts("no no no yes") == ["no no yes"])
        #expect(repeated.excerpts("no no no no yes no no yes") == ["no no yes", "no no yes"])
    }

    @Test("a sentence end, a line break, an unknown word or quoted words break a phrase; a comma does not")
    func boundaries() {
        let phrases = Phrases("mistakes happen")
        #expect(phrases.found("Mistakes happen.").count == 1)
        #expect(phrases.found("Mistakes, happen").count == 1)
        #expect(phrases.found("Mistakes. Happen to all.").isEmpty)
        #expect(phrases.found("Mistakes!\nhappen").isEmpty)
        #expect(phrases.found("mistakes\nhappen").isEmpty)
        #expect(phrases.found("mistakes often happen").isEmpty)
        #expect(phrases.found("You wrote \"mistakes happen\" in your mail.").isEmpty)
        #expect(phrases.found("You wrote “mistakes happen”.").isEmpty)
        #expect(phrases.found("> mistakes happen\nThey do.").isEmpty)
        #expect(phrases.found("\"mistakes\" happen").isEmpty, "half quoted")
        #expect(phrases.found("version 3.5 mistakes happen").count == 1)
    }

    @Test("words are matched as the tokenizer normalises them: case, apostrophes, hyphens, numbers")
    func normalisation() {
        let phrases = Phrases("didn't arrive", "within {number} days", "short staffed")
        #expect(phrases.excerpts("It DIDN’T ARRIVE") == ["DIDN’T ARRIVE"])
        #expect(phrases.excerpts("within 10 days or within 3 days") == ["within 10 days", "within 3 days"])
        #expect(phrases.excerpts("within ten days").isEmpty)
        #expect(phrases.excerpts("Short-Staffed") == ["Short-Staffed"])
    }

    @Test("alternatives and classes expand to each variant")
    func variants() {
        let phrases = Phrases(
            [("g", ["the {system} (was|went) down"])], classes: "@system = crm, \"order tool\"\n")
        #expect(
            phrases.excerpts("the crm was down; the order tool went down; the crm is down")
                == ["the crm was down", "the order tool went down"])
    }

    @Test("each match carries its own group, also when two groups share a phrase")
    func groups() {
        let phrases = Phrases([("first", ["mistakes happen"]), ("second", ["happen", "mistakes happen"])])
        #expect(
            Set(phrases.found("mistakes happen"))
                == ["first: mistakes happen", "second: mistakes happen", "second: happen"])
        #expect(phrases.found("mistakes happen").count == 3)
    }

    @Test("after '..' the later part may come up to four words on, in the same sentence")
    func gaps() {
        let phrases = Phrases("because .. crm crashed")
        #expect(phrases.excerpts("because crm crashed") == ["because crm crashed"])
        #expect(phrases.excerpts("because the crm crashed") == ["because the crm crashed"])
        #expect(phrases.excerpts("because one two three four crm crashed").count == 1)
        #expect(phrases.excerpts("because one two three four five crm crashed").isEmpty)
        #expect(phrases.excerpts("because, sadly, the crm crashed") == ["because, sadly, the crm crashed"])
        #expect(phrases.excerpts("because crm froze").isEmpty)
        #expect(phrases.excerpts("crm crashed because").isEmpty, "the parts keep their order")
        #expect(phrases.excerpts("because the \"crm crashed\"").isEmpty, "the later part is quoted")
        #expect(phrases.excerpts("because \"it\" crm crashed").isEmpty, "a quoted word between")
    }

    @Test("a gapped phrase does not reach into the next sentence, wherever the sentence ends")
    func gapsStopAtSentences() {
        let phrases = Phrases("because .. crm crashed")
        #expect(phrases.excerpts("because the. crm crashed").isEmpty)
        #expect(phrases.excerpts("because. The crm crashed").isEmpty)
        #expect(phrases.excerpts("because.\ncrm crashed").isEmpty)
        #expect(phrases.excerpts("because the crm. crashed").isEmpty)
        #expect(phrases.excerpts("It was because. Then crm crashed.").isEmpty)
        #expect(phrases.excerpts("It was because. Then, the crm crashed.").isEmpty)
    }

    @Test("' + ' joins parts with no words between, and several gaps chain")
    func tightAndChainedGaps() {
        let tight = Phrases("we + were short")
        #expect(tight.excerpts("we were short") == ["we were short"])
        #expect(tight.excerpts("we really were short").isEmpty)
        let chained = Phrases("sorry .. but .. policy")
        #expect(chained.excerpts("sorry, but policy") == ["sorry, but policy"])
        #expect(
            chained.excerpts("sorry about it, but that is our policy") == ["sorry about it, but that is our policy"])
        #expect(chained.excerpts("sorry about that but one two three four five policy").isEmpty)
        #expect(chained.excerpts("sorry. But that is our policy").isEmpty)
    }

    @Test("the nearest later part is taken, so a match ends as early as it can")
    func nearestTail() {
        let phrases = Phrases("because .. crashed")
        #expect(phrases.excerpts("because it crashed and crashed") == ["because it crashed"])
    }

    @Test("optional words in a later part: both forms match")
    func optionalTail() {
        let phrases = Phrases("because .. (the|) crm crashed")
        #expect(phrases.excerpts("because our crm crashed") == ["because our crm crashed"])
        #expect(phrases.excerpts("because of the crm crashed") == ["because of the crm crashed"])
    }

    @Test("thousands of phrases are all found: the word and transition tables grow as needed")
    func manyPhrases() {
        let words = (0..<3_000).map { "w\($0)x" }
        let phrases = Phrases([("g", (0..<3_000).map { "\(words[$0]) \(words[(($0 * 7) + 1) % 3_000]) end" })])
        #expect(phrases.matcher.vocabulary.count == 3_001)
        for index in stride(from: 0, to: 3_000, by: 97) {
            let text = "x \(words[index]) \(words[((index * 7) + 1) % 3_000]) end y"
            #expect(phrases.found(text).count == 1, "\(text)")
        }
        #expect(phrases.found("\(words[0]) \(words[2]) end").isEmpty)
    }

    @Test("the checker keeps the leftmost match, then the longest, and drops what overlaps it")
    func leftmostLongest() {
        typealias Match = PhraseMatch
        let matches = [
            Match(group: 0, firstToken: 3, endToken: 5), Match(group: 1, firstToken: 1, endToken: 3),
            Match(group: 2, firstToken: 1, endToken: 4), Match(group: 3, firstToken: 2, endToken: 6),
            Match(group: 4, firstToken: 4, endToken: 7), Match(group: 5, firstToken: 7, endToken: 8),
        ]
        #expect(CheckContext.leftmostLongest(matches).map(\.group) == [2, 4, 5])
        let tie = [Match(group: 1, firstToken: 0, endToken: 2), Match(group: 0, firstToken: 0, endToken: 2)]
        #expect(CheckContext.leftmostLongest(tie).map(\.group) == [0], "the earlier group on a tie")
    }
}

@Suite("phrase matcher tables")
struct PhraseMatcherTableTests {
    @Test("a word gets one id however often it is added, and its bytes back")
    func vocabulary() {
        var vocabulary = Vocabulary()
        let apple = vocabulary.insert("apple")
        #expect(vocabulary.insert("apple") == apple)
        #expect(vocabulary.insert(Array("apple".utf8)) == apple)
        let pear = vocabulary.insert("pear")
        #expect(pear != apple)
        #expect(vocabulary.count == 2)
        #expect(vocabulary.word(pear) == Array("pear".utf8))
        #expect(Array("pear".utf8).withUnsafeBufferPointer { vocabulary.id(of: $0) } == pear)
        #expect(Array("plum".utf8).withUnsafeBufferPointer { vocabulary.id(of: $0) } == nil)
        #expect(Array("".utf8).withUnsafeBufferPointer { vocabulary.id(of: $0) } == nil)
        let empty = vocabulary.insert("")
        #expect([UInt8]().withUnsafeBufferPointer { vocabulary.id(of: $0) } == empty)
    }

    @Test("past its first 1,024 slots the vocabulary grows and keeps every id")
    func vocabularyGrowth() {
        var vocabulary = Vocabulary()
        let ids = (0..<5_000).map { vocabulary.insert("word\($0)") }
        #expect(ids == (0..<5_000).map { Int32($0) })
        for index in stride(from: 0, to: 5_000, by: 7) {
            #expect(Array("word\(index)".utf8).withUnsafeBufferPointer { vocabulary.id(of: $0) } == Int32(index))
        }
    }

    @Test("transitions are stored, replaced and listed, also after the table grows")
    func transitions() {
        var table = TransitionTable(capacity: 4)
        #expect(table[0, 0] == nil)
        table[0, 5] = 1
        table[1, 5] = 2
        table[0, 5] = 3
        table[7, 9] = nil
        #expect(table[0, 5] == 3 && table[1, 5] == 2 && table[5, 0] == nil && table[7, 9] == nil)
        for state in Int32(2)..<6_000 { table[state, state % 13] = state + 1 }
        #expect(table[0, 5] == 3 && table[1, 5] == 2)
        #expect((Int32(2)..<6_000).allSatisfy { table[$0, $0 % 13] == $0 + 1 && table[$0, 13] == nil })
        var listed = 0
        table.forEach { state, id, next in
            listed += 1
            #expect(table[state, id] == next)
        }
        #expect(listed == 6_000)
    }
}
