import Foundation
import ReboundChecker
import ReboundText
import Testing

/// Precision and recall of the five core categories on a corpus of replies written and
/// labelled for Rebound (Corpus/*.txt): over 250 replies, over 40% of them clean traps.
@Suite("checker accuracy")
struct AccuracyTests {
    struct Entry {
        let origin: String
        let labels: Set<FindingCategory>
        let text: String
    }

    static let categories: [FindingCategory] = [.excuse, .blame, .repeatedApology, .nonApology, .policy]

    static let entries: [Entry] = LabelledCorpus.read(
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    ).map { Entry(origin: $0.origin, labels: $0.labels, text: $0.text) }

    @Test("the corpus is big enough and has enough clean traps")
    func corpusShape() {
        #expect(Self.entries.count >= 250)
        let clean = Self.entries.count { $0.labels.isEmpty }
        #expect(Double(clean) / Double(Self.entries.count) >= 0.4)
    }

    @Test("micro precision ≥ 0.95 and recall ≥ 0.90 over the five categories")
    func precisionAndRecall() {
        var truePositives: [FindingCategory: Int] = [:]
        var falsePositives: [FindingCategory: Int] = [:]
        var falseNegatives: [FindingCategory: Int] = [:]
        var mistakes: [String] = []
        for entry in Self.entries {
            let found = Set(sharedChecker.check(entry.text).map(\.category)).intersection(Self.categories)
            for category in Self.categories {
                switch (entry.labels.contains(category), found.contains(category)) {
                case (true, true): truePositives[category, default: 0] += 1
                case (false, true):
                    falsePositives[category, default: 0] += 1
                    mistakes.append("false \(category.rawValue) at \(entry.origin): \(entry.text.prefix(70))")
                case (true, false):
                    falseNegatives[category, default: 0] += 1
                    mistakes.append("missed \(category.rawValue) at \(entry.origin): \(entry.text.prefix(70))")
                case (false, false): break
                }
            }
        }
        var table = "category            TP   FP   FN  precision  recall\n"
        for category in Self.categories {
            let tp = truePositives[category] ?? 0
            let fp = falsePositives[category] ?? 0
            let fn = falseNegatives[category] ?? 0
            table += category.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
            table += String(format: "%4d %4d %4d  %9.3f  %6.3f\n", tp, fp, fn, ratio(tp, tp + fp), ratio(tp, tp + fn))
        }
        let tp = truePositives.values.reduce(0, +)
        let fp = falsePositives.values.reduce(0, +)
        let fn = falseNegatives.values.reduce(0, +)
        let precision = ratio(tp, tp + fp)
        let recall = ratio(tp, tp + fn)
        table += String(format: "micro             %4d %4d %4d  %9.3f  %6.3f\n", tp, fp, fn, precision, recall)
        print(table + mistakes.joined(separator: "\n"))
        #expect(precision >= 0.95)
        #expect(recall >= 0.90)
    }

    func ratio(_ part: Int, _ whole: Int) -> Double {
        whole == 0 ? 1 : Double(part) / Double(whole)
    }
}
