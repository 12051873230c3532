import Foundation
import ReboundChecker
import Testing

/// `docs/rules.md` documents every checker rule and every phrase-file diagnostic.
@Suite("checker reference")
struct RulesDocumentationTests {
    static let reference = documentationPage("rules.md")

    @Test("every rule is in the table with its category", arguments: ReplyChecker.descriptors)
    func documentsRule(rule: RuleDescriptor) {
        #expect(Self.reference.contains("| \(rule.code) | `\(rule.category.rawValue)` |"), "\(rule.code)")
    }

    @Test("every rule has an explanation and a bad and a good example", arguments: ReplyChecker.descriptors)
    func explained(rule: RuleDescriptor) {
        #expect(rule.explanation.count > 200)
        #expect(!rule.badExample.isEmpty && !rule.goodExample.isEmpty && rule.badExample != rule.goodExample)
    }

    @Test("each rule's bad example is reported by that rule and its good example is clean of it")
    func examplesHoldTrue() {
        for rule in ReplyChecker.descriptors where !rule.badExample.hasPrefix("(") {
            var options = CheckOptions()
            options.expectations = [.timeframe, .nextStep, .name]
            let bad = sharedChecker.check(rule.badExample, options: options).map(\.rule)
            let good = sharedChecker.check(rule.goodExample, options: options).map(\.rule)
            #expect(bad.contains(rule.code), "\(rule.code) bad example: \(bad)")
            #expect(!good.contains(rule.code), "\(rule.code) good example: \(good)")
        }
    }
}
