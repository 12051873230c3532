import ReboundLanguage
import ReboundScenario
import ReboundText

/// What may be written at a position, read from the text before it on its line (and, for
/// a keyword, from the lines above): the language is keyword-first and line by line, so
/// this works on text that does not parse yet.
enum CompletionContext: Equatable, Sendable {
    /// A line's first word: these keywords or test commands.
    case keywords([String])
    /// After `next` or `->`.
    case steps
    /// After `{`.
    case values
    /// After `done`, or `expect outcome` in a test.
    case outcomes
    /// After `allow`, `accept`, `expect finding` or `expect no finding`.
    case rules
    /// Fixed words: what `expect` checks, `score` kinds, `apologies` after `limit`.
    case words([String])
    /// In a test, after `playbook`.
    case playbooks
    /// In a test, after `expect step`.
    case testSteps
    /// In a test, after `choose`.
    case testOptions
    /// In a test, after `expect value`.
    case testValues
    /// Free text, or a place that takes nothing we know.
    case none

    /// The keywords by where they may stand; together they are every keyword of the
    /// language (`PlaybookParser.keywords`).
    static let headerKeywords = ["playbook", "version", "summary", "tags", "triggers", "score"]
    static let stepKeywords = [
        "step", "say", "ask", "confirm", "choose", "draft", "follow-up", "red-carpet", "cause", "next", "done",
    ]
    static let choiceKeywords = ["option"]
    static let draftKeywords = ["expect", "limit", "avoid", "allow", "failure"]

    /// A playbook's `expect` words, `score` kinds and the word after `limit`.
    static let expectations = ["mention", "timeframe", "next-step", "name"]
    static let scoreKinds = ScoreKind.allCases.map(\.rawValue)

    /// A test file's commands and what `expect` checks (`docs/playbook-testing.md`).
    static let testCommands = ScenarioParser.commands
    static let testExpectations = ScenarioParser.expectations

    /// The context at a byte offset of a playbook, and where the word being typed starts.
    static func playbook(_ text: TextDocument, at offset: Int) -> (context: CompletionContext, wordStart: Int) {
        let (words, wordStart, afterBrace) = wordsBefore(offset, in: text)
        if afterBrace { return (.values, wordStart) }
        guard let first = words.first else {
            return (.keywords(keywords(before: text.line(at: offset), in: text)), wordStart)
        }
        let context: CompletionContext
        switch first {
        case "next" where words.count == 1: context = .steps
        case "option" where words.last?.hasSuffix("->") == true: context = .steps
        case "done" where words.count == 1: context = .outcomes
        case "allow" where words.count == 1: context = .rules
        case "score" where words.count == 1: context = .words(scoreKinds)
        case "limit" where words.count == 1: context = .words(["apologies"])
        case "expect" where words.count == 1 || words.last?.hasSuffix(",") == true: context = .words(expectations)
        default: context = .none
        }
        return (context, wordStart)
    }

    /// The context at a byte offset of a playbook test file.
    static func test(_ text: TextDocument, at offset: Int) -> (context: CompletionContext, wordStart: Int) {
        let (words, wordStart, _) = wordsBefore(offset, in: text)
        let context: CompletionContext
        switch (words.first, words.count) {
        case (nil, _): context = .keywords(testCommands)
        case ("playbook", 1): context = .playbooks
        case ("choose", 1): context = .testOptions
        case ("accept", 1): context = .rules
        case ("expect", 1): context = .words(testExpectations)
        case ("expect", 2):
            switch words[1] {
            case "step": context = .testSteps
            case "outcome": context = .outcomes
            case "value": context = .testValues
            case "finding": context = .rules
            case "no": context = .words(["finding", "findings"])
            default: context = .none
            }
        case ("expect", 3) where words[1] == "no" && words[2] == "finding": context = .rules
        default: context = .none
        }
        return (context, wordStart)
    }

    /// The blank-separated words on the line before the word being typed, where that word
    /// starts, and whether it follows a `{`.
    private static func wordsBefore(
        _ offset: Int, in text: TextDocument
    ) -> (
        words: [String], wordStart: Int, afterBrace: Bool
    ) {
        let bytes = text.bytes
        let offset = min(max(offset, 0), bytes.count)
        let lineStart = text.lineStarts[text.line(at: offset)]
        var wordStart = offset
        while wordStart > lineStart, isIdentifierByte(bytes[wordStart - 1]) { wordStart -= 1 }
        let afterBrace = wordStart > lineStart && bytes[wordStart - 1] == UInt8(ascii: "{")
        let words = bytes[lineStart..<wordStart].split { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            .map { String(decoding: $0, as: UTF8.self) }
        return (words, wordStart, afterBrace)
    }

    /// The keywords that may start a line, from the nearest keyword line above it: header
    /// lines until the first step, `option` in a choice, a draft's checks under a draft.
    private static func keywords(before line: Int, in text: TextDocument) -> [String] {
        var nearest: String?
        var inStep = false
        for above in stride(from: line - 1, through: 0, by: -1) {
            let bytes = text.bytes[text.lineStarts[above]..<text.lineEnd(above)]
            guard let word = bytes.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }).first,
                word.first != UInt8(ascii: "#")
            else { continue }
            let keyword = String(decoding: word, as: UTF8.self)
            if nearest == nil { nearest = keyword }
            if keyword == "step" {
                inStep = true
                break
            }
        }
        guard inStep else { return headerKeywords + ["step"] }
        switch nearest {
        case "choose", "option": return choiceKeywords + stepKeywords
        case .some(let keyword) where draftKeywords.contains(keyword) || keyword == "draft":
            return draftKeywords + stepKeywords
        default: return stepKeywords
        }
    }
}
