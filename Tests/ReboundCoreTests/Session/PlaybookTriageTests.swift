import Foundation
import ReboundLanguage
import Testing

@testable import ReboundSession

/// Suggesting a playbook from the customer's message, measured on messages written by
/// someone who had not seen the triage code, the triggers or the model (`Training/triage`),
/// frozen before any tuning.
@Suite("playbook triage")
struct PlaybookTriageTests {
    static let triage = PlaybookTriage(
        ShippedPlaybooks.all.map { Playbook.check(String(decoding: $0.bytes, as: UTF8.self)).playbook })

    struct Message: Decodable {
        let id: String
        let text: String
        let best: String
        let also: [String]
    }

    /// How the ranking does on a labelled set.
    struct Score: CustomStringConvertible {
        var top1 = 0
        var top3 = 0
        var placed = 0
        var noneRecognised = 0
        var none = 0
        var misses: [String] = []

        var top1Rate: Double { Double(top1) / Double(max(1, placed)) }
        var top3Rate: Double { Double(top3) / Double(max(1, placed)) }
        var noneRate: Double { Double(noneRecognised) / Double(max(1, none)) }
        var description: String {
            "top-1 \(top1)/\(placed) (\(top1Rate)), top-3 \(top3)/\(placed) (\(top3Rate)), "
                + "none fits \(noneRecognised)/\(none) (\(noneRate))"
        }
    }

    static func score(_ messages: [Message]) -> Score {
        var score = Score()
        for message in messages {
            let result = triage.triage(message.text)
            let fits = result.fits
            let top = result.suggestions.prefix(3).map(\.playbook)
            if message.best == "none" {
                score.none += 1
                if !fits { score.noneRecognised += 1 } else { score.misses.append("\(message.id): none → \(top[0])") }
                continue
            }
            score.placed += 1
            if fits, top.first == message.best {
                score.top1 += 1
            } else {
                score.misses.append("\(message.id): \(message.best) → \(fits ? top[0] : "none") \(top)")
            }
            if top.contains(message.best) { score.top3 += 1 }
        }
        return score
    }

    static func messages(_ name: String) throws -> [Message] {
        let url = LabelledCorpus.training.appendingPathComponent("triage/\(name)")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Message.self, from: Data($0.utf8))
        }
    }

    @Test(
        "the second frozen set of 260 customer messages meets the targets: top-1 ≥ 0.80, top-3 ≥ 0.95, none fits ≥ 0.80"
    )
    func frozenMessages() throws {
        let messages = try Self.messages("frozen-2-messages.jsonl")
        #expect(messages.count == 260)
        let score = Self.score(messages)
        print(score)
        // The learned model (Training/triage/train.py: the development set and the first
        // frozen set), scored here once, on its first run: 0.847, 0.980, 0.842. The rules
        // alone had scored 0.638, 0.929, 0.94 on the first frozen set.
        #expect(score.top1Rate >= 0.84)
        #expect(score.top3Rate >= 0.98)
        #expect(score.noneRate >= 0.84)
    }

    @Test("the model learned its training messages (the development set and the first frozen set)")
    func trainingMessages() throws {
        let score = Self.score(try Self.messages("dev-messages.jsonl") + Self.messages("frozen-1-messages.jsonl"))
        #expect(score.top1Rate >= 0.98 && score.top3Rate >= 0.99 && score.noneRate >= 0.98, "\(score)")
    }

    @Test("the shipped model file is what Training/triage/train.py writes, and it loads")
    func shippedModel() throws {
        let model = try #require(TriageModel.shipped)
        #expect(model.classes.last == "none")
        #expect(Set(model.classes.dropLast()) == Set(Self.triage.playbookIDs))
        #expect(model.weights.count > 1_000)
        #expect(TriageModel("classes\ta\tnone\nbias\t1\n") == nil, "a damaged file is refused")
    }

    @Test("a team's own playbook, unknown to the model, is ranked by its triggers and shared words")
    func ownPlaybook() {
        let own = Playbook.check(
            """
            playbook lost-key "Lost key card"
            version 1
            summary A hotel guest locked out because their key card stopped working.
            triggers "key card", "locked out"

            step help "Help"
              done resolved
            """
        ).playbook
        let triage = PlaybookTriage(
            ShippedPlaybooks.all.map { Playbook.check(String(decoding: $0.bytes, as: UTF8.self)).playbook } + [own])
        let result = triage.triage("I'm locked out of room 214, the key card stopped working again")
        #expect(result.fits)
        #expect(result.suggestions.first?.playbook == "lost-key")
        #expect(result.suggestions.first?.triggers == ["key card", "locked out"])
    }

    @Test("triggers in the message rank their playbook first and say why; unrelated text fits none")
    func basics() {
        let late = Self.triage.triage("It's been nine days, my parcel still hasn't arrived and tracking is stuck")
        #expect(late.fits)
        #expect(late.suggestions.first?.playbook == "late-delivery")
        #expect(late.suggestions.first?.triggers.contains("tracking") == true)
        #expect(late.suggestions.first?.sharedWords.isEmpty == false, "the words that spoke for it")
        let none = Self.triage.triage("Hi, what are your opening hours on Sunday?")
        #expect(!none.fits)
        #expect(PlaybookTriage.stems(of: "Cancelled, cancelling, cancel") == ["cancel", "cancel", "cancel"])
        #expect(PlaybookTriage.stems(of: "hasn't arrived") == PlaybookTriage.stems(of: "hasnt arrives"))
    }
}
