import ArgumentParser
import Foundation
import ReboundChecker
import ReboundText

/// `rebound model-features`: the learned layer's view of replies, for the training
/// script (`Training/train.py`); hidden from help and completion.
struct ModelFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model-features",
        abstract: "Print each reply's sentences with their model feature ids and phrase-layer categories.",
        discussion: """
            Reads one {"id": …, "text": …} object per line on standard input and prints one \
            {"id": …, "absent": […], "sentences": [{"start", "end", "features": […], "phrase": […]}]} \
            line each; "absent" lists the reply's absence features (no failure, no apology in it).
            """,
        shouldDisplay: false)

    func run() throws {
        let checker = ReplyChecker()
        var reader = LineReader(descriptor: STDIN_FILENO)
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        var json = JSONWriter()
        var number = 0
        while let line = try reader.next() {
            number += 1
            guard case .success(let request) = LintRun.request(in: line, number: number) else {
                throw InputError("line \(number): expected {\"id\": …, \"text\": …}")
            }
            json.clear()
            json.beginObject()
            json.field("id", request.id)
            let sentences = checker.trainingSentences(of: request.text)
            json.key("absent")
            json.featureIDs((sentences.last?.features ?? []).filter(ModelFeatures.absenceFeatures.contains))
            json.key("sentences")
            json.raw("[")
            for (index, sentence) in sentences.enumerated() {
                if index > 0 { json.raw(",") }
                json.beginObject()
                json.field("start", sentence.start)
                json.field("end", sentence.end)
                json.key("features")
                json.featureIDs(sentence.features)
                json.key("phrase")
                json.value(.array(sentence.phraseCategories.map(\.rawValue).sorted().map(JSON.Value.string)))
                json.endObject()
            }
            json.raw("]")
            json.endObject()
            json.raw("\n")
            output.write(json.bytes)
        }
        output.flush()
    }
}

extension JSONWriter {
    /// Model feature ids as a JSON array of numbers.
    fileprivate mutating func featureIDs(_ ids: [UInt32]) {
        raw("[")
        raw(ids.map(String.init).joined(separator: ","))
        raw("]")
    }
}
