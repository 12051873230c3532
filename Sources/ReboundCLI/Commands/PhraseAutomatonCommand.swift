import ArgumentParser
import Foundation
import ReboundChecker

/// `rebound phrase-automaton`: the standard phrase files compiled to the checker's
/// automaton, for `scripts/compile-phrases.sh`; hidden from help and completion.
struct PhraseAutomatonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phrase-automaton",
        abstract: "Print the built-in phrase files compiled to the checker's binary automaton.",
        discussion: """
            Writes the bytes of Sources/ReboundCheckerData/standard-phrases.automaton to standard \
            output; scripts/compile-phrases.sh runs it after the phrase files change.
            """,
        shouldDisplay: false)

    func run() throws {
        if let problem = ReplyChecker.standardPhrasesProblem {
            throw InputError.phraseFile("Sources/ReboundChecker/Phrases/\(problem.file)", problem.diagnostic)
        }
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        output.write(ReplyChecker.compileStandardPhrases())
        output.flush()
    }
}
