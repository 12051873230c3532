import Foundation
import ReboundCheckerData
import ReboundText

extension ReplyChecker {
    /// The learned layer's file built into the program (`reply-model.bin`).
    static var standardModelBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: rebound_reply_model(), count: rebound_reply_model_size())
    }

    /// The learned layer built into the program, read in place; `nil` only if its bytes
    /// were damaged, which `ReplyModelTests` rules out.
    public static let standardModel: ReplyModel? = try? ReplyModel(storage: AlignedBytes(static: standardModelBytes))

    /// The rule whose code and severity a model finding of `category` carries.
    public static func descriptor(for category: FindingCategory) -> RuleDescriptor? {
        switch category {
        case .excuse: ExcuseRule.descriptor
        case .blame: BlameRule.descriptor
        case .repeatedApology: RepeatedApologyRule.descriptor
        case .nonApology: NonApologyRule.descriptor
        case .policy: PolicyRule.descriptor
        case .avoid, .expectation, .repetition, .privacy: nil
        }
    }

    /// Findings of the learned layer: per category, the reply's best-scoring sentence
    /// when its score reaches the category's threshold, unless the phrase layer already
    /// found that category there (its finding has the exact span and the specific
    /// message); and no policy finding where the sentence grants the customer something
    /// without a limit (`PolicyRule`, as for phrases). Only the best: the reply's context
    /// weighs on all its sentences alike, and the best is the one whose own words carry
    /// the mistake most.
    func modelFindings(in context: CheckContext, beside found: [Finding]) -> [Finding] {
        guard let reading = context.modelReading, !reading.spans.isEmpty else { return [] }
        // Worked out only for a reply the model reports something in.
        var bounds: [(start: Int, end: Int)] = []
        var covered = Set<SentenceCategory>()
        var findings: [Finding] = []
        for (position, head) in reading.model.heads.enumerated() {
            let index = reading.bestSentence(head: position)
            let score = reading.score(head: position, sentence: index)
            guard score >= head.threshold, let descriptor = Self.descriptor(for: head.category),
                context.options.isEnabled(descriptor)
            else { continue }
            if bounds.isEmpty {
                bounds = ModelFeatures.byteBounds(of: reading.spans, in: context.reply)
                covered = Self.coveredSentences(by: found, bounds: bounds)
            }
            guard !covered.contains(SentenceCategory(sentence: index, category: head.category)) else { continue }
            let tokens = reading.spans[index].firstToken..<reading.spans[index].endToken
            if head.category == .policy,
                PolicyRule.grantsWithoutLimit(tokens, grants: context.matches(.grant), in: context.reply)
            {
                continue
            }
            let (start, end) = bounds[index]
            let offsets = SourceRange(
                SourceLocation(line: 1, column: 1, offset: start), SourceLocation(line: 1, column: 1, offset: end))
            let fix = context.fixes.fix(model: head.category, sentenceStart: start)
            findings.append(
                Finding(
                    rule: descriptor.code, category: head.category, severity: descriptor.severity,
                    message: ModelMessages.message(for: head.category), range: offsets,
                    excerpt: context.reply.excerpt(start, end),
                    suggestion: context.fixes.suggestion(
                        ModelMessages.suggestion(for: head.category), category: head.category, fix: fix),
                    fix: fix, source: .model, score: 1 / (1 + exp(-Double(score)))))
        }
        return findings
    }

    /// A sentence, by index, and a category found in it.
    struct SentenceCategory: Hashable {
        let sentence: Int
        let category: FindingCategory
    }

    /// The sentences each phrase finding touches, by category: found by binary search,
    /// so a reply with a hundred thousand findings stays linear.
    static func coveredSentences(
        by found: [Finding], bounds: [(start: Int, end: Int)]
    ) -> Set<SentenceCategory> {
        var covered = Set<SentenceCategory>()
        for finding in found where descriptor(for: finding.category) != nil {
            // The first sentence that ends after the finding starts.
            var low = 0
            var high = bounds.count
            while low < high {
                let middle = (low + high) / 2
                if bounds[middle].end <= finding.range.start.offset { low = middle + 1 } else { high = middle }
            }
            var index = low
            while index < bounds.count,
                bounds[index].start < max(finding.range.end.offset, finding.range.start.offset + 1)
            {
                covered.insert(SentenceCategory(sentence: index, category: finding.category))
                index += 1
            }
        }
        return covered
    }
}

/// What a model finding says: the model knows the kind of mistake and the sentence, not
/// the words, so the message names the kind and the suggestion says what to do instead.
enum ModelMessages {
    static func message(for category: FindingCategory) -> String {
        switch category {
        case .excuse:
            "This sentence reads as an excuse: it explains why it was hard for us instead of owning the mistake."
        case .blame: "This sentence points at someone else: the customer dealt with us, and the fix is ours."
        case .repeatedApology: "This sentence apologises again: one clear apology is enough."
        case .nonApology: "This apology owns nothing: it does not say what we got wrong."
        case .policy: "This sentence hides behind a rule: say what you can do instead."
        case .avoid, .expectation, .repetition, .privacy: ""
        }
    }

    static func suggestion(for category: FindingCategory) -> String {
        switch category {
        case .excuse: "Leave out the circumstances; say what went wrong on our side and what you have done about it."
        case .blame: "Say \"we\" and take the fix on: what you have done, and when the customer will see it."
        case .repeatedApology: "Keep the first apology and cut this one; use the space for what happens next."
        case .nonApology: "Apologise for what happened, in so many words, once."
        case .policy: "Lead with what you can do for the customer; if a limit is real, explain it plainly."
        case .avoid, .expectation, .repetition, .privacy: ""
        }
    }
}
