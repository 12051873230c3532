import Foundation
import ReboundLanguage
import Testing

@testable import ReboundSession

/// Suggesting a playbook from the customer's message, measured on messages written by
/// someone who had not seen the triage code or the triggers (`Training/triage`), frozen
/// before any tuning.
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
            let ranked = triage.rank(message.text)
            let fits = (ranked.first?.score ?? 0) >= PlaybookTriage.fitThreshold
            let top = ranked.prefix(3).map(\.playbook)
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

    @Test("the frozen set of 246 customer messages: top-1, top-3 and 'none fits'")
    func frozenMessages() throws {
        let url = LabelledCorpus.training.appendingPathComponent("triage/frozen-messages.jsonl")
        let messages = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONDecoder().decode(Message.self, from: Data($0.utf8))
        }
        #expect(messages.count == 246)
        let score = Self.score(messages)
        print(score)
        // First run, before any tuning: top-1 0.546, top-3 0.908, none fits 0.74. After tuning
        // the triggers and the enquiry damping on the development set (Training/triage/
        // dev-messages.jsonl, another writer: 0.903, 1.0, 0.836 there), measured once here:
        // 0.638, 0.929, 0.94. These floors hold that; the issue's targets are a known issue.
        #expect(score.top1Rate >= 0.63)
        #expect(score.top3Rate >= 0.92)
        #expect(score.noneRate >= 0.94)
        withKnownIssue("issue 16: triage does not reach its targets yet", isIntermittent: true) {
            #expect(score.top1Rate >= 0.80)
            #expect(score.top3Rate >= 0.95)
            #expect(score.noneRate >= 0.80)
        }
    }

    @Test("triggers in the message rank their playbook first and say why; unrelated text fits none")
    func basics() {
        let late = Self.triage.rank("It's been nine days, my parcel still hasn't arrived and tracking is stuck")
        #expect(late.first?.playbook == "late-delivery")
        #expect(late.first?.triggers.contains("tracking") == true)
        #expect((late.first?.score ?? 0) >= PlaybookTriage.fitThreshold)
        let none = Self.triage.rank("Hi, what are your opening hours on Sunday?")
        #expect((none.first?.score ?? 0) < PlaybookTriage.fitThreshold)
        #expect(PlaybookTriage.stems(of: "Cancelled, cancelling, cancel") == ["cancel", "cancel", "cancel"])
        #expect(PlaybookTriage.stems(of: "hasn't arrived") == PlaybookTriage.stems(of: "hasnt arrives"))
    }
}
