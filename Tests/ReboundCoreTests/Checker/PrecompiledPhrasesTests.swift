import Foundation
import Testing

@testable import ReboundChecker

/// The precompiled phrase automaton (`Sources/ReboundCheckerData/standard-phrases.automaton`):
/// it is what the phrase files compile to, it finds what a checker compiled at run time
/// finds, and damaged bytes are an error, never a crash.
@Suite("precompiled phrases")
struct PrecompiledPhrasesTests {
    /// The automaton built into the program.
    static var shipped: [UInt8] {
        guard case .success(let matcher) = ReplyChecker.precompiledMatcher else { return [] }
        return matcher.bytes
    }

    @Test("the shipped automaton is what the phrase files compile to (else run scripts/compile-phrases.sh)")
    func shippedMatchesPhraseFiles() {
        #expect(ReplyChecker.precompiledPhrasesProblem == nil)
        let compiled = ReplyChecker.compileStandardPhrases()
        #expect(
            Self.shipped == compiled,
            "standard-phrases.automaton is stale: run scripts/compile-phrases.sh and commit the result")
    }

    @Test("a phrase file with a mistake is named with its place, so it is never compiled without it")
    func problemsAreNamed() {
        #expect(ReplyChecker.standardPhrasesProblem == nil)
        let clean = Array("category = excuse\n[busy]\nmessage = m\nwe were busy\n".utf8)
        // One phrase over the variant limit: compiled, it would be left out without a word.
        let options = (1...80).map { "w\($0)" }.joined(separator: "|")
        let tooMany = Array("category = excuse\n[busy]\nmessage = m\n(\(options)) (\(options)) busy\n".utf8)
        #expect(ReplyChecker.firstProblem(in: [("a.phrases", clean)]) == nil)
        let problem = ReplyChecker.firstProblem(in: [("a.phrases", clean), ("b.phrases", tooMany)])
        #expect(problem?.file == "b.phrases")
        #expect(problem.map { [$0.diagnostic.range.start.line, $0.diagnostic.range.start.column] } == [4, 1])
        #expect(problem?.diagnostic.code == .phraseTooBroad)
    }

    @Test("compiling the same phrases twice gives the same bytes")
    func reproducible() {
        #expect(ReplyChecker.compileStandardPhrases() == ReplyChecker.compileStandardPhrases())
    }

    @Test("the precompiled checker finds exactly what a checker compiled from the phrase files finds")
    func sameFindings() {
        let precompiled = ReplyChecker(model: nil)
        let compiled = ReplyChecker(book: ReplyChecker.standardBook, model: nil)
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        var replies = 0
        for file in files.sorted() where file.hasSuffix(".txt") {
            let text = (try? String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8)) ?? ""
            for reply in text.components(separatedBy: "\n=== ") {
                replies += 1
                #expect(precompiled.check(reply) == compiled.check(reply), "\(file): \(reply.prefix(60))")
            }
        }
        #expect(replies > 200)
    }

    @Test("a compiled automaton reads back from its bytes and matches the same")
    func roundTrip() throws {
        let book = PhraseBook.parse(
            """
            category = excuse
            [staffing]
            message = m
            we were (short staffed|busy)
            because .. (the|) {number} crashed
            """, name: "test.phrases"
        ).book
        let matcher = PhraseMatcher(book: book)
        let copy = try PhraseMatcher(storage: AlignedBytes(copying: matcher.bytes))
        #expect(copy.bytes == matcher.bytes)
        let reply = AnalyzedReply(
            Array("Sorry, we were busy because the 3 crashed.".utf8), vocabulary: copy.vocabulary,
            negations: Vocabulary())
        #expect(copy.matches(in: reply) == matcher.matches(in: reply))
        #expect(copy.matches(in: reply).count == 2)
    }

    /// Reads bytes as an automaton, giving the error's text or "read".
    static func read(_ bytes: [UInt8]) -> String {
        do {
            _ = try PhraseMatcher(storage: AlignedBytes(copying: bytes))
            return "read"
        } catch {
            return error.description
        }
    }

    /// The bytes with one Int32 of a section replaced, and the checksum made to fit, so
    /// that only the tables' own checks can catch it.
    static func replacing(
        _ section: PhraseMatcher.Section, at index: Int, with value: Int32, in bytes: [UInt8]
    )
        -> [UInt8]
    {
        var bytes = bytes
        let entry = PhraseMatcher.headerSize + 8 * section.rawValue
        let offset = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: entry, as: UInt32.self)) }
        withUnsafeBytes(of: value) { bytes.replaceSubrange((offset + 4 * index)..<(offset + 4 * index + 4), with: $0) }
        let sum = bytes.withUnsafeBytes {
            PhraseMatcher.checksum(UnsafeRawBufferPointer(rebasing: $0[PhraseMatcher.headerSize...]))
        }
        withUnsafeBytes(of: sum) { bytes.replaceSubrange(24..<32, with: $0) }
        return bytes
    }

    @Test("damaged bytes are a clear error, not a crash")
    func damaged() {
        let good = ReplyChecker.compileStandardPhrases()
        #expect(Self.read(good) == "read")
        #expect(Self.read([]) == "not a Rebound phrase automaton")
        #expect(Self.read(Array("XXXXXXXX".utf8)) == "not a Rebound phrase automaton")
        #expect(Self.read(Array(good.prefix(1000))).contains("damaged"))
        var flipped = good
        flipped[good.count / 2] ^= 0x10
        #expect(Self.read(flipped) == "the automaton's checksum does not match: the file is damaged")
        var version = good
        version[4] = 9
        #expect(Self.read(version) == "unknown phrase automaton version")
        // Damage that keeps the checksum right: a link forward, a child out of range, a key
        // naming a group that does not exist.
        #expect(Self.read(Self.replacing(.failure, at: 40, with: 1_000_000, in: good)).contains("links are damaged"))
        #expect(Self.read(Self.replacing(.failure, at: 40, with: 41, in: good)).contains("links are damaged"))
        #expect(Self.read(Self.replacing(.childStart, at: 3, with: -5, in: good)).contains("out of order"))
        #expect(Self.read(Self.replacing(.keyGroup, at: 0, with: 9_999, in: good)).contains("does not exist"))
        #expect(Self.read(Self.replacing(.sequenceWordStart, at: 1, with: 1 << 30, in: good)).contains("out of order"))
        #expect(Self.read(Self.replacing(.vocabularySlots, at: 0, with: 77_777, in: good)).contains("vocabulary"))
    }
}
