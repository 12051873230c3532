import Foundation
import ReboundLanguage

/// Suggests playbooks for a customer's message.
///
/// The shipped playbooks are ranked by a learned model (`TriageModel`): the chance that
/// each fits, or that none does, from the message's words, word pairs and the playbook's
/// `triggers` found in it. A playbook the model does not know (one a team wrote) is ranked
/// by its triggers found in the message plus how much the message's words overlap its own
/// (title, summary, tags, triggers, comments), words many playbooks share counting for
/// little, on the same 0–1 scale. A message fits none when the model says so, or, for
/// the team's own playbooks, when no trigger is found and few words are shared.
public struct PlaybookTriage: Sendable {
    /// One suggestion, best first.
    public struct Suggestion: Equatable, Sendable {
        /// The playbook's id.
        public let playbook: String
        /// 0–1: the model's chance that it fits, or the overlap score brought to that scale.
        public let score: Double
        /// The trigger phrases found in the message, as the playbook writes them.
        public let triggers: [String]
        /// Other words the message shares with the playbook, most telling first.
        public let sharedWords: [String]
    }

    /// The ranking of a message, and whether any playbook fits it.
    public struct Result: Equatable, Sendable {
        public let suggestions: [Suggestion]
        public let fits: Bool
    }

    /// The least overlap score that counts as fitting: one trigger found, or a strong
    /// overlap; brought to the 0–1 scale it is 0.5.
    static let overlapFit = 1.0

    private struct Profile: Sendable {
        let id: String
        /// Each trigger as it is written, and as stems.
        let triggers: [(text: String, stems: [String])]
        /// Stem weights (term frequency), before the inverse document frequency.
        let terms: [String: Double]
    }

    private let profiles: [Profile]
    /// How rare a stem is among the playbooks: log(1 + playbooks / playbooks using it).
    private let rarity: [String: Double]
    private let model: TriageModel?

    /// The ids of the playbooks it ranks.
    var playbookIDs: [String] { profiles.map(\.id) }

    public init(_ playbooks: [Playbook]) {
        profiles = playbooks.compactMap { playbook in
            guard let id = playbook.id?.value else { return nil }
            var text = [playbook.title?.value.description ?? "", playbook.summary?.value.description ?? ""]
            text += playbook.tags.map(\.value) + playbook.triggers.map(\.value) + playbook.comments.map(\.value)
            var terms: [String: Double] = [:]
            for stem in Self.stems(of: text.joined(separator: " ")) where !Self.stopWords.contains(stem) {
                terms[stem, default: 0] += 1
            }
            // Triggers say what customers write: they count twice in the overlap.
            for stem in playbook.triggers.flatMap({ Self.stems(of: $0.value) }) where !Self.stopWords.contains(stem) {
                terms[stem, default: 0] += 1
            }
            let triggers = playbook.triggers.map { ($0.value, Self.stems(of: $0.value)) }.filter { !$0.1.isEmpty }
            return Profile(id: id, triggers: triggers, terms: terms)
        }
        var using: [String: Int] = [:]
        for profile in profiles { for stem in profile.terms.keys { using[stem, default: 0] += 1 } }
        let count = Double(max(1, profiles.count))
        rarity = using.mapValues { log(1 + count / Double($0)) }
        model = TriageModel.shipped
    }

    /// Every playbook scored against the message, best first, and whether one fits.
    public func triage(_ message: String) -> Result {
        let words = Self.stems(of: message)
        let overlap = rankByOverlap(message, words: words)
        guard let model, profiles.contains(where: { model.classes.contains($0.id) }) else {
            return Result(suggestions: overlap, fits: (overlap.first?.score ?? 0) >= 0.5)
        }
        let triggerCounts = Dictionary(overlap.map { ($0.playbook, $0.triggers.count) }) { first, _ in first }
        let features = TriageModel.features(message, words: words, triggerCounts: triggerCounts)
        let probabilities = model.probabilities(of: features)
        let noneChance = probabilities.last ?? 1
        let suggestions = overlap.map { suggestion -> Suggestion in
            guard let index = model.classes.firstIndex(of: suggestion.playbook) else { return suggestion }
            return Suggestion(
                playbook: suggestion.playbook, score: (probabilities[index] * 1_000).rounded() / 1_000,
                triggers: suggestion.triggers,
                sharedWords: model.tellingWords(features, for: suggestion.playbook, limit: 3))
        }.sorted { ($0.score, $1.playbook) > ($1.score, $0.playbook) }
        let fits: Bool
        if let top = suggestions.first, !model.classes.contains(top.playbook) {
            fits = top.score >= 0.5
        } else {
            fits = noneChance < TriageModel.noneThreshold
        }
        return Result(suggestions: suggestions, fits: fits)
    }

    /// Every playbook scored by triggers and shared words alone, best first, each score
    /// s brought to 0–1 as s / (s + 1), so that fitting (s ≥ 1) is 0.5 or more.
    private func rankByOverlap(_ message: String, words: [String]) -> [Suggestion] {
        var counts: [String: Double] = [:]
        for stem in words where !Self.stopWords.contains(stem) { counts[stem, default: 0] += 1 }
        let messageNorm = counts.reduce(0) { $0 + ($1.value * (rarity[$1.key] ?? 0)).squared }.squareRoot()
        // An enquiry, thanks or a request with no sign that anything went wrong fits a
        // recovery playbook only if it names the situation strongly.
        let asks = message.contains("?") || words.contains(where: Self.enquirySignals.contains)
        let damping = !asks || words.contains(where: Self.failureSignals.contains) ? 1.0 : 0.3
        let suggestions = profiles.map { profile -> Suggestion in
            var found: [String] = []
            var score = 0.0
            for trigger in profile.triggers where Self.contains(words, trigger.stems) {
                found.append(trigger.text)
                // A phrase of several words says more than one word.
                score += 1 + 0.5 * Double(trigger.stems.count - 1)
            }
            var dot = 0.0
            var profileNorm = 0.0
            var shared: [(String, Double)] = []
            for (stem, weight) in profile.terms {
                let value = weight * (rarity[stem] ?? 0)
                profileNorm += value * value
                if let count = counts[stem] {
                    let contribution = value * count * (rarity[stem] ?? 0)
                    dot += contribution
                    shared.append((stem, contribution))
                }
            }
            let cosine = messageNorm > 0 && profileNorm > 0 ? dot / (messageNorm * profileNorm.squareRoot()) : 0
            score += 2 * cosine
            score *= damping
            let foundStems = Set(profile.triggers.filter { found.contains($0.text) }.flatMap(\.stems))
            let telling = shared.filter { !foundStems.contains($0.0) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            return Suggestion(
                playbook: profile.id, score: (score / (score + Self.overlapFit) * 1_000).rounded() / 1_000,
                triggers: found, sharedWords: telling.prefix(3).map(\.0))
        }
        return suggestions.sorted { ($0.score, $1.playbook) > ($1.score, $0.playbook) }
    }

    /// Whether `stems` occur in `words` one after another.
    private static func contains(_ words: [String], _ stems: [String]) -> Bool {
        guard !stems.isEmpty, stems.count <= words.count else { return false }
        for start in 0...(words.count - stems.count) where words[start] == stems[0] {
            if stems.indices.allSatisfy({ words[start + $0] == stems[$0] }) { return true }
        }
        return false
    }

    /// The message's words, lower-cased, apostrophes dropped ("hasn't" → "hasnt"), each cut
    /// to a rough stem so "arrived", "arrives" and "arriving" meet.
    static func stems(of text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "'" || character == "’" {
                continue
            } else if !current.isEmpty {
                words.append(stem(current))
                current = ""
            }
        }
        if !current.isEmpty { words.append(stem(current)) }
        return words
    }

    /// A light suffix-stripper: plural and verb endings, a final "e" and a doubled final
    /// consonant go, so "arrived", "arrives" and "arriving" meet, and "cancelled" meets "cancel".
    static func stem(_ word: String) -> String {
        var base = word
        if word.count > 4 {
            for (suffix, replacement) in [("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")]
            where word.hasSuffix(suffix) {
                let candidate = String(word.dropLast(suffix.count)) + replacement
                if candidate.count >= 3 {
                    base = candidate
                    break
                }
            }
        }
        if base.count > 4, base.hasSuffix("e") { base.removeLast() }
        if base.count > 3, let last = base.last, base.dropLast().last == last, !"aeiouy".contains(last) {
            base.removeLast()
        }
        return base
    }

    /// Words that say something went wrong: waiting, faults, anger (a plain "not" or
    /// "can't" is as common in questions). A question or request needs one of them to fit
    /// a recovery playbook easily.
    static let failureSignals: Set<String> = Set(
        [
            "never", "nothing", "nobody", "still", "again", "waited", "waiting", "late", "delayed", "missing", "lost",
            "broken", "broke", "faulty", "damaged", "wrong", "instead", "forgot", "forgotten", "ignored", "rude",
            "terrible", "awful", "useless", "disgusting", "unacceptable", "ridiculous", "joke", "angry", "furious",
            "disappointed", "gutted", "fed", "sick", "complaint", "complain", "worst", "mistake", "error", "fault",
            "stopped", "overcharged", "twice", "refused", "cracked", "smashed", "snapped", "stain", "stained", "smoke",
            "fried", "wobbly", "wobbles", "jams", "dead", "dropped", "missed", "ages", "supposed", "promised",
            "apparently", "seriously", "leak", "leaking", "blocked", "liar", "rip", "ripped", "stuck", "charged",
        ].map(stem))

    /// Words of questions, thanks and requests: with no failure signal, a message that has
    /// one of them is taken for an enquiry.
    static let enquirySignals: Set<String> = Set(
        [
            "how", "wonder", "wondering", "checking", "check", "thank", "thanks", "great", "love", "possible", "like",
            "question", "enquiry", "inquiry", "interested", "thinking", "planning", "update", "change", "move", "pause",
            "confirm", "feedback", "suggestion",
        ].map(stem))

    /// Words too common to tell playbooks apart, as stems.
    static let stopWords: Set<String> = Set(commonWords.map(stem))

    private static let commonWords = [
        "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "from", "by", "is", "it",
        "i", "me", "my", "we", "us", "our", "you", "your", "they", "them", "their", "this", "that", "was", "were",
        "be", "been", "am", "are", "have", "has", "had", "do", "did", "so", "if", "as", "just", "what", "when", "who",
        "hi", "hello", "dear", "thank", "thanks", "please", "pls", "can", "could", "would", "will", "get", "got",
    ]
}

extension Double {
    fileprivate var squared: Double { self * self }
}
