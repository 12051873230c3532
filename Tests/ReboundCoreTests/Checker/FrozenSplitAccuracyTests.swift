import Foundation
import ReboundChecker
import Testing

/// The shipped checker (phrase layer and learned layer) on text nobody tuned on: the
/// frozen split (`Training/corpus/frozen-test`, written blind to the phrase lists and the
/// model), the second test split (`corpus/second-test`, written the same way, later) and,
/// when `../shared` is there, the hand-labelled real agent replies.
///
/// The test splits are held to issue 14's targets; the real replies, which do not reach
/// them, to the floor reached so far (so the checker cannot get worse unnoticed), with the
/// targets recorded as a known issue.
@Suite("accuracy on held-out text")
struct FrozenSplitAccuracyTests {
    static let categories: [FindingCategory] = [.excuse, .blame, .repeatedApology, .nonApology, .policy]

    struct Score {
        var precision: Double
        var recall: Double
        var recallByCategory: [FindingCategory: Double]
        var cleanFalseAlarms: Double
        var table: String
    }

    static func score(_ entries: [(labels: Set<FindingCategory>, text: String)]) -> Score {
        let checker = ReplyChecker()
        var tp: [FindingCategory: Int] = [:]
        var fp: [FindingCategory: Int] = [:]
        var fn: [FindingCategory: Int] = [:]
        var cleanAlarms = 0
        for entry in entries {
            let found = Set(checker.check(entry.text).map(\.category)).intersection(categories)
            if entry.labels.isEmpty, !found.isEmpty { cleanAlarms += 1 }
            for category in categories {
                switch (entry.labels.contains(category), found.contains(category)) {
                case (true, true): tp[category, default: 0] += 1
                case (false, true): fp[category, default: 0] += 1
                case (true, false): fn[category, default: 0] += 1
                case (false, false): break
                }
            }
        }
        func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }
        var table = "category            TP   FP   FN  precision  recall\n"
        var recalls: [FindingCategory: Double] = [:]
        for category in categories {
            let (t, f, n) = (tp[category] ?? 0, fp[category] ?? 0, fn[category] ?? 0)
            recalls[category] = ratio(t, t + n)
            table += category.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
            table += String(format: "%4d %4d %4d  %9.3f  %6.3f\n", t, f, n, ratio(t, t + f), ratio(t, t + n))
        }
        let (t, f, n) = (tp.values.reduce(0, +), fp.values.reduce(0, +), fn.values.reduce(0, +))
        let clean = entries.count { $0.labels.isEmpty }
        table += String(
            format: "micro             %4d %4d %4d  %9.3f  %6.3f\n", t, f, n, ratio(t, t + f), ratio(t, t + n))
        table += String(format: "clean false alarms: %d of %d\n", cleanAlarms, clean)
        return Score(
            precision: ratio(t, t + f), recall: ratio(t, t + n), recallByCategory: recalls,
            cleanFalseAlarms: ratio(cleanAlarms, clean), table: table)
    }

    /// Micro precision and recall at least these, every category's recall at least 0.85,
    /// clean false alarms at most this.
    static func expect(_ score: Score, precision: Double, recall: Double, cleanFalseAlarms: Double) {
        #expect(score.precision >= precision)
        #expect(score.recall >= recall)
        #expect(score.recallByCategory.values.allSatisfy { $0 >= 0.85 })
        #expect(score.cleanFalseAlarms <= cleanFalseAlarms)
    }

    /// Issue 14's targets, recorded as a known issue while they are not met.
    static func expectTargets(_ score: Score) {
        withKnownIssue("issue 14: the checker does not reach its accuracy targets yet", isIntermittent: true) {
            expect(score, precision: 0.95, recall: 0.90, cleanFalseAlarms: 0.03)
        }
    }

    /// A test split of `Training/corpus` with this many replies, scored; its table printed.
    static func score(split folder: String, replies: Int) -> Score {
        let entries = LabelledCorpus.read(LabelledCorpus.training.appendingPathComponent("corpus/\(folder)"))
        #expect(entries.count == replies)
        let score = score(entries.map { ($0.labels, $0.text) })
        print(score.table)
        return score
    }

    @Test("the second test split, written after this checker and scored once: the targets themselves")
    func secondSplit() {
        Self.expect(
            Self.score(split: "second-test", replies: 200), precision: 0.95, recall: 0.90, cleanFalseAlarms: 0.03)
    }

    @Test("the frozen split: the targets themselves")
    func frozenSplit() {
        Self.expect(
            Self.score(split: "frozen-test", replies: 450), precision: 0.95, recall: 0.90, cleanFalseAlarms: 0.03)
    }

    /// Labels by reply id, one `{"id", "labels"}` object a line.
    static func labelsByID(_ relativePath: String) throws -> [String: Set<FindingCategory>] {
        let lines = try String(
            contentsOf: LabelledCorpus.training.appendingPathComponent(relativePath), encoding: .utf8)
        var labels: [String: Set<FindingCategory>] = [:]
        for line in lines.split(separator: "\n") {
            let row = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try #require(row["id"] as? String)
            let names = try #require(row["labels"] as? [String])
            labels[id] = Set(names.compactMap(FindingCategory.init(rawValue:)))
        }
        return labels
    }

    @Test("1,200 real agent replies labelled by hand (texts from ../shared, when present)")
    func realReplies() throws {
        let source = ShippedPlaybooks.directory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/corpus/agent-replies.jsonl")
        guard let corpus = try? String(contentsOf: source, encoding: .utf8) else { return }
        var texts: [String: String] = [:]
        for line in corpus.split(separator: "\n") {
            guard let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let id = row["id"] as? String, let text = row["text"] as? String
            else { continue }
            texts[id] = text
        }
        let labels = try Self.labelsByID("corpus/real/labels.jsonl")
        let ids = labels.keys.sorted().filter { texts[$0] != nil }
        #expect(ids.count == 1_200)
        let score = Self.score(ids.map { (labels[$0] ?? [], texts[$0] ?? "") })
        print(score.table)
        #expect(score.precision >= 0.82)
        #expect(score.recall >= 0.68)
        #expect(score.cleanFalseAlarms <= 0.02)
        Self.expectTargets(score)

        // Two more coaches read every reply (`real/agreement`): where the three labellers
        // disagree, two of them decide. Careful readers reach the targets against this.
        let folder = LabelledCorpus.training.appendingPathComponent("corpus/real/agreement")
        let coaches = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { $0.hasPrefix("coach-") && $0.hasSuffix(".jsonl") }
            .map { try Self.labelsByID("corpus/real/agreement/\($0)") }
        let majority = ids.map { id in
            let readers = [labels[id] ?? []] + coaches.compactMap { $0[id] }
            #expect(readers.count == 3, "\(id) has \(readers.count) labellers")
            return Set(
                Self.categories.filter { category in 2 * readers.count { $0.contains(category) } > readers.count })
        }
        let adjudicated = Self.score(zip(majority, ids).map { ($0, texts[$1] ?? "") })
        print("against the majority of three labellers:\n" + adjudicated.table)
        #expect(adjudicated.precision >= 0.84)
        #expect(adjudicated.recall >= 0.70)
        #expect(adjudicated.cleanFalseAlarms <= 0.02)
        Self.expectTargets(adjudicated)
    }
}
