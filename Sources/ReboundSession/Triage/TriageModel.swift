import Foundation

/// The learned part of playbook triage: a logistic regression over a customer message's
/// word stems, pairs of stems, a question mark and the triggers it holds, giving the
/// chance that each shipped playbook fits, or none does. Written by
/// `Training/triage/train.py` (the features here must be made exactly as there).
struct TriageModel: Sendable, Equatable {
    /// The playbook ids it knows, and `none` last.
    let classes: [String]
    let bias: [Double]
    let weights: [String: [Double]]

    /// Below this chance of "none", the message fits a playbook.
    static let noneThreshold = 0.5

    /// The model shipped with Rebound; `nil` only if the file is damaged, which a test
    /// rules out.
    static let shipped: TriageModel? = TriageModel(String(decoding: PackageResources.triage_model_tsv, as: UTF8.self))

    init?(_ text: String) {
        var classes: [String] = []
        var bias: [Double] = []
        var weights: [String: [Double]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("# ") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let name = fields.first else { continue }
            if name == "classes" {
                classes = Array(fields.dropFirst())
                continue
            }
            let values = fields.dropFirst().compactMap(Double.init)
            guard !classes.isEmpty, values.count == classes.count else { return nil }
            if name == "bias" { bias = values } else { weights[name] = values }
        }
        guard classes.last == "none", bias.count == classes.count else { return nil }
        self.classes = classes
        self.bias = bias
        self.weights = weights
    }

    /// The features of a message, as the training script makes them: stems that are not
    /// stop words or numbers, each pair of neighbouring stems, `#question`, and
    /// `#trigger ID N` for the first three triggers of each playbook found.
    static func features(_ text: String, words: [String], triggerCounts: [String: Int]) -> [String] {
        var features = words.filter { !PlaybookTriage.stopWords.contains($0) && !$0.allSatisfy(\.isNumber) }
        features += zip(words, words.dropFirst()).map { $0 + " " + $1 }
        if text.contains("?") { features.append("#question") }
        for (playbook, count) in triggerCounts.sorted(by: { $0.key < $1.key }) where count > 0 {
            features += (1...min(count, 3)).map { "#trigger \(playbook) \($0)" }
        }
        return features
    }

    /// The chance of each class, in `classes` order.
    func probabilities(of features: [String]) -> [Double] {
        var logits = bias
        // Each feature counts once, as in training.
        for feature in Set(features) {
            guard let column = weights[feature] else { continue }
            for index in logits.indices { logits[index] += column[index] }
        }
        let top = logits.max() ?? 0
        let exponentials = logits.map { exp($0 - top) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }

    /// The message's words that speak most for `playbook` (its largest positive weights),
    /// for saying why it was suggested.
    func tellingWords(_ features: [String], for playbook: String, limit: Int) -> [String] {
        guard let index = classes.firstIndex(of: playbook) else { return [] }
        let scored = Set(features).filter { !$0.hasPrefix("#") }.compactMap { feature -> (String, Double)? in
            guard let weight = weights[feature]?[index], weight > 0.1 else { return nil }
            return (feature, weight)
        }
        return scored.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(limit).map(\.0)
    }
}
