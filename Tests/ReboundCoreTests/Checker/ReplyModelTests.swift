import Foundation
import Testing

@testable import ReboundChecker

/// The learned layer: the shipped model file, its agreement with the training report, and
/// how its findings sit beside the phrase layer's.
@Suite("learned layer")
struct ReplyModelTests {
    static var report: [String: Any] {
        let url = LabelledCorpus.training.appendingPathComponent("report.json")
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }

    /// The model file built into the program.
    static let shippedBytes = Array(ReplyChecker.standardModelBytes)

    @Test("the shipped model loads, with a head for each category it reports")
    func shippedModelLoads() throws {
        let model = try #require(ReplyChecker.standardModel)
        #expect(model.heads.map(\.category) == [.excuse, .blame, .nonApology, .policy])
        #expect(model.featureCount > 1_000)
    }

    @Test("the model's scores on the frozen split are the ones recorded when it was trained")
    func scoresMatchTheTrainingReport() throws {
        let model = try #require(ReplyChecker.standardModel)
        let recorded = try #require(Self.report["frozen-test scores"] as? [[String: Any]])
        let entries = LabelledCorpus.read(LabelledCorpus.training.appendingPathComponent("corpus/frozen-test"))
        #expect(recorded.count == entries.count)
        let checker = ReplyChecker(model: nil)
        for (entry, row) in zip(entries, recorded) {
            #expect(row["origin"] as? String == entry.origin)
            let recordedScores = try #require(row["scores"] as? [String: Any])
            let scores = model.scores(ModelFeatures.sentences(of: checker.analyze(Array(entry.text.utf8))))
            for (index, head) in model.heads.enumerated() {
                let best = scores.map { $0[index] }.max()
                let expected = recordedScores[head.category.rawValue] as? Double
                if let best, let expected {
                    #expect(abs(Double(best) - expected) < 1e-3, "\(entry.origin) \(head.category.rawValue)")
                } else {
                    #expect(best == nil && expected == nil, "\(entry.origin) \(head.category.rawValue)")
                }
            }
        }
    }

    @Test("the report's model is the shipped file")
    func reportDescribesTheShippedFile() throws {
        let model = try #require(Self.report["model"] as? [String: Any])
        #expect(model["bytes"] as? Int == ReplyChecker.standardModelBytes.count)
    }

    @Test("what explain says about the model is what its training measured")
    func modelCardMatchesTheReport() throws {
        let evaluation = try #require(Self.report["evaluation"] as? [String: Any])
        let both = try #require(evaluation["both"] as? [String: Any])
        let frozen = try #require(both["frozen-test"] as? [String: Any])
        #expect(ModelCard.trainingReplies == Self.report["training replies"] as? Int)
        for (category, measure) in ModelCard.frozenSplit {
            let row = try #require(frozen[category.rawValue] as? [String: Any])
            #expect(row["precision"] as? Double == measure.precision)
            #expect(row["recall"] as? Double == measure.recall)
        }
    }

    /// Ways model bytes can be damaged; named cases, so a test case's name is not two
    /// megabytes of bytes.
    enum Damage: CaseIterable {
        case empty, otherMagic, versionOne, versionThree, noSlots, truncated, trailingByte

        var bytes: [UInt8] {
            var copy = ReplyModelTests.shippedBytes
            switch self {
            case .empty: return []
            case .otherMagic: return Array("RBM2".utf8)
            case .versionOne: return Array("RBM1".utf8) + [1, 0, 0, 0]
            case .versionThree: copy.replaceSubrange(4..<8, with: [3, 0, 0, 0])
            case .noSlots: copy.replaceSubrange(16..<20, with: [0, 0, 0, 0])
            case .truncated: copy.removeLast()
            case .trailingByte: copy.append(0)
            }
            return copy
        }

        var reason: String {
            switch self {
            case .empty, .otherMagic: "not a Rebound model"
            case .versionOne, .versionThree: "unknown model version"
            case .noSlots: "bad model header"
            case .truncated, .trailingByte: "model table does not fit the header"
            }
        }
    }

    @Test("damaged model bytes are refused with a reason, never read", arguments: Damage.allCases)
    func damagedBytes(damage: Damage) {
        #expect(throws: ReplyModel.FormatError(description: damage.reason)) { try ReplyModel(bytes: damage.bytes) }
    }

    @Test("a model finding covers its sentence, says where it came from and how sure the model is")
    func modelFindingShape() throws {
        let checker = ReplyChecker()
        let reply = "Hi Sam, your refund is on its way. Our whole team was run off its feet with the festive rush."
        let findings = checker.check(reply).filter { $0.source == .model }
        let finding = try #require(findings.first { $0.category == .excuse })
        #expect(finding.excerpt == "Our whole team was run off its feet with the festive rush")
        #expect(finding.rule == "RB201" && finding.severity == .warning)
        #expect((finding.score ?? 0) > 0.5 && (finding.score ?? 2) <= 1)
    }

    @Test(
        "a standard phrase is not reported where the reply owns the cause",
        arguments: [
            "Our website was down on Monday morning. That was our fault: we released an update we had not tested properly. I've refunded your booking fee, and we now test every release on a copy of the site first.",
            "Hi Sam, our checkout was offline for two hours because we let a security certificate expire. Our mistake entirely. Your order went through at 14:02 and I've taken 15% off it.",
        ])
    func ownedCauseOverrulesThePhrase(reply: String) {
        var phraseOnly = CheckOptions()
        phraseOnly.layers = .phrase
        #expect(ReplyChecker().check(reply, options: phraseOnly).map(\.category) == [.excuse])
        #expect(ReplyChecker().check(reply).isEmpty)
        // Told as a cause with nothing owned, the same words stay an excuse.
        let excuse =
            "Our website was down on Monday morning, so bookings could not go through. It is working again now."
        #expect(ReplyChecker().check(excuse).map(\.source) == [.phrase])
    }

    @Test("a rule applied in the customer's favour is not read as policy, unless the sentence limits it")
    func grantedRule() {
        var modelOnly = CheckOptions()
        modelOnly.layers = .model
        let granted = "Our terms and conditions say you are entitled to a refund."
        let limited = "Our terms and conditions say you are entitled to a refund, but only within 14 days."
        #expect(ReplyChecker().check(granted, options: modelOnly).isEmpty)
        #expect(ReplyChecker().check(limited, options: modelOnly).map(\.category) == [.policy])
        #expect(
            ReplyChecker().check(
                "Under the warranty terms, the repair is covered and you are entitled to a replacement."
            ).isEmpty)
    }

    @Test("the phrase layer's finding wins where both layers see the same category in a sentence")
    func noDoubleReport() {
        let findings = ReplyChecker().check("Sorry, we were short-staffed this week.")
        #expect(findings.filter { $0.category == .excuse }.map(\.source) == [.phrase])
    }

    @Test("the customer's quoted words never reach the model")
    func quotesAreLeftOut() {
        let checker = ReplyChecker(model: nil)
        let quoted = checker.analyze(
            Array(#"You wrote "the staff were stretched thin and useless". Fixed today."#.utf8))
        let plain = checker.analyze(Array("You wrote. Fixed today.".utf8))
        #expect(
            ModelFeatures.sentences(of: quoted).map(\.features) == ModelFeatures.sentences(of: plain).map(\.features))
    }

    @Test("a negated word is a different feature from the same word unnegated")
    func negationChangesFeatures() {
        let checker = ReplyChecker(model: nil)
        let negated = ModelFeatures.sentences(of: checker.analyze(Array("We will not blame the courier.".utf8)))
        let plain = ModelFeatures.sentences(of: checker.analyze(Array("We will now blame the courier.".utf8)))
        // Only "we", "will" and their pairs are shared: "blame the courier" after "not" are
        // other features than after "now".
        let prefix = ModelFeatures.sentences(of: checker.analyze(Array("We will".utf8))).flatMap(\.features)
        #expect(Set(negated.flatMap(\.features)).intersection(plain.flatMap(\.features)) == Set(prefix))
    }

    @Test("a reply with no failure or no apology in it says so once, in its last sentence")
    func absenceFeatures() {
        let checker = ReplyChecker(model: nil)
        func sentences(_ reply: String) -> [Set<UInt32>] {
            ModelFeatures.sentences(of: checker.analyze(Array(reply.utf8))).map { Set($0.features) }
        }
        let noFailure = ModelFeatures.absenceFeature(.failure)
        let noApology = ModelFeatures.absenceFeature(.apology)
        let announcement = sentences("Heads up: Monday is a bank holiday. Payouts go out on Wednesday.")
        #expect(announcement.map { $0.intersection([noFailure, noApology]) } == [[], [noFailure, noApology]])
        let owned = sentences("We lost your parcel. A new one goes out on Wednesday.")
        #expect(owned.map { $0.intersection([noFailure, noApology]) } == [[], [noApology]])
        let apologised = sentences("I'm sorry we lost your parcel. A new one goes out today.")
        #expect(apologised.allSatisfy { $0.isDisjoint(with: [noFailure, noApology]) })
        // A negated word plays no role: "not sorry" is no apology.
        let negated = sentences("We are not sorry about the delay.")
        #expect(negated.last?.contains(noApology) == true)
    }

    @Test("--layer phrase leaves the model out, --layer model the core phrase rules")
    func layers() {
        var options = CheckOptions()
        let reply = "Sorry for any inconvenience. Our whole team was run off its feet with the festive rush."
        options.layers = .phrase
        #expect(ReplyChecker().check(reply, options: options).allSatisfy { $0.source == .phrase })
        options.layers = .model
        #expect(ReplyChecker().check(reply, options: options).allSatisfy { $0.source == .model })
    }
}
