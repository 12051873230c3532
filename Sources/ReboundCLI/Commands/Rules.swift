import ArgumentParser
import Foundation
import ReboundChecker
import ReboundText

/// `rebound rules`: every checker rule with its code, category and summary.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the reply checker's rules.")

    @Option(help: "Output format: text or json.")
    var format: LintFormat = .text

    @Flag(help: "Print every phrase the checker looks for: category, group and words, tab-separated.")
    var phrases = false

    func run() {
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        if phrases {
            for group in ReplyChecker.standardBook.groups {
                for variant in group.variants { output.write("\(group.category)\t\(group.id)\t\(variant)\n") }
            }
            output.flush()
            return
        }
        switch format {
        case .text:
            let width = FindingCategory.allCases.map(\.rawValue.count).max() ?? 0
            for rule in ReplyChecker.descriptors {
                let category = rule.category.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                let severity = rule.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                output.write("\(rule.code)  \(category)\(severity)\(rule.summary)\n")
            }
            output.write("\nRun 'rebound explain CODE' or 'rebound explain CATEGORY' for details.\n")
        case .json:
            var json = JSONWriter()
            json.raw("[")
            for (index, rule) in ReplyChecker.descriptors.enumerated() {
                if index > 0 { json.raw(",") }
                json.beginObject()
                json.field("code", rule.code)
                json.field("category", rule.category.rawValue)
                json.field("severity", rule.severity.rawValue)
                json.field("summary", rule.summary)
                json.endObject()
            }
            json.raw("]\n")
            output.write(json.bytes)
        }
        output.flush()
    }
}

/// `rebound explain CODE|CATEGORY`: why a rule exists, with a bad and a good example.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a checker rule or category, with examples.")

    @Argument(help: "A rule code (RB201) or a category (excuse).", completion: .ruleCodesAndCategories)
    var topic: String

    func run() throws {
        let rules = ReplyChecker.descriptors
        let matching = rules.filter { $0.code == topic.uppercased() || $0.category.rawValue == topic.lowercased() }
        guard !matching.isEmpty else {
            let suggestion = Suggestion.nearest(
                to: topic, in: rules.map(\.code) + FindingCategory.allCases.map(\.rawValue))
            throw InputError(
                "no rule or category '\(topic)'; run 'rebound rules' for the list"
                    + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        output.write(matching.map(Self.explanation).joined(separator: "\n"))
        output.flush()
    }

    static func explanation(_ rule: RuleDescriptor) -> String {
        """
        \(rule.code) \(rule.category.rawValue) (\(rule.severity.rawValue))
        \(rule.summary)

        \(wordWrapped(rule.explanation, width: 78).joined(separator: "\n"))

          Instead of: \(rule.badExample)
          Write:      \(rule.goodExample)

        """ + learnedLayer(rule)
    }

    /// What the learned layer adds to a rule's category, with its measured accuracy.
    static func learnedLayer(_ rule: RuleDescriptor) -> String {
        guard rule.code == ReplyChecker.descriptor(for: rule.category)?.code,
            let measure = ModelCard.frozenSplit[rule.category]
        else { return "" }
        let head = ReplyChecker.standardModel?.heads.first { $0.category == rule.category }
        // Phrases of groups marked `veto = never`, which the model never overrules.
        let neverOverruled = ReplyChecker.standardBook.groups
            .filter { $0.category == .finding(rule.category) && !$0.vetoable }
            .compactMap { $0.variants.first.map { "\"\($0)\"" } }
        let exemption =
            neverOverruled.isEmpty
            ? ""
            : " It never overrules phrases like \(neverOverruled.joined(separator: " or ")): they are mistakes whatever else the reply says."
        let overrules =
            head.map(\.veto.isFinite) == true
            ? """
             It also overrules the standard phrases of this category in a reply it reads as \
            clearly free of the mistake, such as one that owns the cause it names ("the app was \
            down because we shipped a bad update; that's on us"); a team's own phrases always \
            count.\(exemption)
            """ : ""
        let text = """
            Besides its phrases, this category is found by the learned layer, a sentence \
            classifier trained on \(ModelCard.trainingReplies) labelled replies that weighs each \
            sentence with the rest of its reply: it reports the whole sentence that carries the \
            mistake ("source": "model", with its score) where no phrase matched.\(overrules) \
            On \(ModelCard.frozenReplies) replies written blind to both layers, the checker finds \
            this category with precision \(measure.precision) and recall \(measure.recall). Teams \
            add examples and retrain with Training/train.py (docs/checker-model.md).
            """
        return "\n" + wordWrapped(text, width: 78).joined(separator: "\n") + "\n"
    }
}
