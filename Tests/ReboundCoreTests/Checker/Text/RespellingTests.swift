import ReboundText
import Testing

@testable import ReboundChecker

@Suite("Misspelt and shorthand words read as the phrase words they stand for")
struct RespellingTests {
    @Test(
        "a typo or chat shorthand does not hide a hollow apology, a second apology or blame",
        arguments: [
            ("1️⃣Sorry for any inconvinience caused.", "RB205"),
            ("1️⃣We apologize for the incovenience.", "RB205"),
            ("1️⃣apologies for any inconvienence", "RB205"),
            ("1️⃣sry 4 any inconvinience!!", "RB205"),
            ("We are 1️⃣sory for any inconvenience.", "RB205"),
            ("1️⃣sorry u feel that way", "RB205"),
            ("Appologies for the wait. 1️⃣Appologies again, the order is on its way.", "RB203"),
            ("1️⃣as per company polcy we cant refund it", "RB206"),
            ("Sorry about that, 1️⃣u entered the wrong postcode", "RB202"),
        ])
    func respelt(text: String, rule: String) {
        let result = findingStarts(text, rule: rule)
        #expect(result.found == result.expected)
    }

    @Test(
        "other words are left as they are: inflections, near words, numbers that are numbers, brands",
        arguments: [
            "That was an unfortunate timing on our side; the refund is done.",
            "Sorry, the new slot is inconvenient, so I've booked the one you asked for.",
            "Your parcel went with Delhivery and arrives on Monday.",
            "Sorry, 4 items are still to come and ship tomorrow.",
            "I'm sorry 2 hear that; the replacement ships today.",
            "Don't worry, the police report isn't needed for the refund.",
            "The item is unavailable, so I've refunded it in full.",
        ])
    func leftAlone(text: String) {
        #expect(ruleCodes(text).isEmpty)
    }

    @Test("spans, excerpts and fixes keep the words as the agent wrote them")
    func spans() throws {
        let finding = try #require(sharedChecker.check("Sorry for any inconvinience caused.").first)
        #expect(finding.range.start.offset == 0)
        #expect(finding.excerpt == "Sorry for any inconvinience")
    }

    @Test("edits: one for a long word, two from twelve letters, none but dropped or swapped letters under eight")
    func distances() {
        let vocabulary = Vocabulary(Respelling.targets + ["for", "your", "you", "please", "because"])
        let respelling = Respelling(vocabulary: vocabulary)
        func reads(_ word: String) -> String? {
            Array(word.utf8).withUnsafeBufferPointer { respelling.id(of: $0) }.map {
                String(decoding: vocabulary.word($0), as: UTF8.self)
            }
        }
        #expect(reads("inconvinience") == "inconvenience")
        #expect(reads("inconvienence") == "inconvenience")
        #expect(reads("appologies") == "apologies")
        #expect(reads("apologiez") == nil)
        #expect(reads("techincal") == "technical")
        #expect(reads("polcy") == "policy")
        #expect(reads("poilcy") == "policy")
        #expect(reads("police") == nil)
        #expect(reads("worry") == nil)
        #expect(reads("unfortunate") == nil)
        #expect(reads("inconveniences") == nil)
        #expect(reads("ur") == "your")
        #expect(reads("x") == nil)
    }
}
