import ReboundText

/// Phrase lists as a team lead writes them: groups of phrases, each group with the
/// category, message and suggestion its findings carry. See the header of
/// `Checker/Phrases/excuse.phrases` and `docs/rules.md` for the format.
public struct PhraseBook: Sendable {
    /// A normalised word (short words are stored inline by `String`, without allocating).
    typealias Token = String
    /// One position in a phrase: the word sequences it may be (an empty one makes it optional).
    typealias Slot = [[Token]]

    /// A phrase: its first part written out in full (the matcher looks for these), and
    /// the parts after `..` gaps kept as slots, matched one slot at a time.
    struct Phrase: Sendable {
        let head: [[Token]]
        let tail: [[Slot]]
        /// For each tail part, how many other words may come before it: 4 after `..`,
        /// none after ` + `.
        let tailGaps: [Int]
    }

    /// Phrases with one category and one message: `[group-id]` and the lines under it.
    public struct Group: Sendable {
        /// The group id, from its `[group-id]` line.
        public let id: String
        /// What its matches are: findings of a category, or a marker.
        public let category: PhraseCategory
        /// The severity of its findings, when not the rule's own.
        public let severity: Diagnostic.Severity?
        /// What the agent sees (empty for markers).
        public let message: String
        /// A better way to say it, if given.
        public let suggestion: String?
        /// Whether the learned layer may overrule the group's findings in a reply it reads as
        /// free of the category (`veto = never` says no: wording that is a mistake whatever
        /// else the reply says, such as "mistakes happen"). Only the standard groups are ever
        /// overruled.
        public let vetoable: Bool
        /// Where the group starts, for messages about it: "excuse.phrases:12".
        public let origin: String
        let phrases: [Phrase]

        /// Every phrase written out as the words it matches, parts of gapped phrases
        /// joined by " .. ": what the checker looks for, for people and other tools.
        public var variants: [String] {
            phrases.flatMap { phrase in
                let parts = [phrase.head] + phrase.tail.map(PhraseBookParser.product)
                return parts.reduce([""]) { prefixes, part in
                    prefixes.flatMap { prefix in
                        part.map { sequence in
                            let words = sequence.joined(separator: " ")
                            return prefix.isEmpty ? words : prefix + " .. " + words
                        }
                    }
                }
            }
        }
    }

    /// Single words the checker looks up one at a time rather than matching as phrases.
    public enum WordList: String, Hashable, Sendable, CaseIterable {
        /// Words that negate what follows: a phrase right after one is not reported.
        case negation
        /// Words a negation reaches across: "not *really* our fault", "never *going to* blame".
        case transparent
    }

    /// Most variants one phrase may expand to; more is almost always a mistake.
    static let variantLimit = 5_000

    /// The phrase groups, in file order.
    public fileprivate(set) var groups: [Group] = []
    /// The words of each word list, normalised as phrases are.
    public fileprivate(set) var words: [WordList: [String]] = [:]

    /// An empty book, to merge others into.
    public init() {}

    /// Parses one phrase file; `name` is how diagnostics and origins refer to it.
    public static func parse(_ text: String, name: String) -> (book: PhraseBook, diagnostics: [Diagnostic]) {
        var parser = PhraseBookParser(name: name)
        parser.parse(text)
        return (parser.book, parser.diagnostics)
    }

    /// This book followed by the groups of `other`.
    public func merged(with other: PhraseBook) -> PhraseBook {
        var result = self
        result.groups += other.groups
        result.words.merge(other.words, uniquingKeysWith: +)
        return result
    }
}

private struct PhraseBookParser {
    /// What the groups after a `category =` line hold.
    enum Section {
        /// Phrases, matched in replies.
        case phrases(PhraseCategory)
        /// One word per line, looked up by the checker.
        case words(PhraseBook.WordList)

        /// Every name a `category =` line may give, phrase categories first.
        static let names = PhraseCategory.allCases.map(\.name) + PhraseBook.WordList.allCases.map(\.rawValue)

        init?(name: String) {
            if let category = PhraseCategory(name: name) {
                self = .phrases(category)
            } else if let list = PhraseBook.WordList(rawValue: name) {
                self = .words(list)
            } else {
                return nil
            }
        }

        /// Whether the groups are reported as findings, and so need a message.
        var isReported: Bool {
            if case .phrases(.finding) = self { true } else { false }
        }
    }

    /// The group being read: its `[group-id]` line, settings and phrases so far.
    struct PendingGroup {
        let id: String
        let line: Int
        let range: SourceRange
        var settings: [String: String] = [:]
        var phrases: [PhraseBook.Phrase] = []
    }

    let name: String
    var book = PhraseBook()
    var diagnostics: [Diagnostic] = []
    var classes: [String: PhraseBook.Slot] = ["number": [[String(decoding: Tokenizer.number, as: UTF8.self)]]]
    var section: Section?
    /// Whether a line of the pending group was reported, so it is not also called empty.
    var pendingHadErrors = false
    var pending: PendingGroup?
    var offset = 0

    init(name: String) {
        self.name = name
    }

    mutating func parse(_ text: String) {
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let lineStart = offset
            offset += rawLine.utf8.count + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let indent = line.utf8.count - trimmed.utf8.count
            let content = String(trimmed).trimmingTrailingBlanks()
            if content.isEmpty || content.hasPrefix("#") { continue }
            let range = SourceRange(
                SourceLocation(line: lineNumber, column: indent + 1, offset: lineStart + indent),
                SourceLocation(
                    line: lineNumber, column: indent + 1 + content.unicodeScalars.count,
                    offset: lineStart + indent + content.utf8.count))
            if content.hasPrefix("@") {
                defineClass(content, range)
            } else if content.hasPrefix("[") {
                startGroup(content, lineNumber, range)
            } else if let (key, value) = setting(in: content) {
                apply(key, value, range)
            } else {
                addPhrase(content, range)
            }
        }
        finishGroup()
    }

    func setting(in content: String) -> (String, String)? {
        guard let equals = content.firstIndex(of: "=") else { return nil }
        let key = content[..<equals].trimmingCharacters(in: " \t")
        guard ["category", "message", "suggestion", "severity", "veto"].contains(key) else { return nil }
        return (key, content[content.index(after: equals)...].trimmingCharacters(in: " \t"))
    }

    mutating func report(_ code: DiagnosticCode, _ range: SourceRange, _ message: String, fix: String? = nil) {
        pendingHadErrors = pending != nil
        diagnostics.append(Diagnostic(code, at: range, message, fix: fix))
    }

    mutating func defineClass(_ content: String, _ range: SourceRange) {
        guard let equals = content.firstIndex(of: "=") else {
            report(.malformedPhraseLine, range, "a class needs '=': @name = word, \"two words\"")
            return
        }
        let name = content[content.index(after: content.startIndex)..<equals].trimmingCharacters(in: " \t")
        guard isIdentifier(name) else {
            report(.malformedPhraseLine, range, "'\(name)' is not a valid class name; use letters, digits and '-'")
            return
        }
        let items = content[content.index(after: equals)...].split(separator: ",").map {
            $0.trimmingCharacters(in: " \t").trimmingCharacters(in: "\"")
        }
        let sequences = items.map { Tokenizer.normalisedTokens(of: $0) }.filter { !$0.isEmpty }
        guard !sequences.isEmpty else {
            report(.malformedPhraseLine, range, "class '\(name)' has no words")
            return
        }
        classes[name] = sequences
    }

    mutating func startGroup(_ content: String, _ line: Int, _ range: SourceRange) {
        finishGroup()
        guard content.hasSuffix("]"), content.count > 2 else {
            report(.malformedPhraseLine, range, "a group starts with a line like [group-id]")
            return
        }
        let id = String(content.dropFirst().dropLast())
        guard isIdentifier(id) else {
            report(.malformedPhraseLine, range, "'\(id)' is not a valid group id; use letters, digits and '-'")
            return
        }
        pending = PendingGroup(id: id, line: line, range: range)
    }

    mutating func apply(_ key: String, _ value: String, _ range: SourceRange) {
        switch key {
        case "category":
            guard let section = Section(name: value) else {
                report(
                    .unknownPhraseSetting, range, "unknown category '\(value)'",
                    fix: Suggestion.nearest(to: value, in: Section.names).map { "did you mean '\($0)'?" })
                return
            }
            // A category line ends the group before it and applies to the groups after it.
            finishGroup()
            self.section = section
        case "severity" where Diagnostic.Severity(rawValue: value) == nil:
            report(.unknownPhraseSetting, range, "unknown severity '\(value)'; use error, warning or advice")
        case "veto" where value != "never":
            report(.unknownPhraseSetting, range, "unknown veto '\(value)'; use never, or leave the line out")
        default:
            guard pending != nil else {
                report(
                    .misplacedPhraseLine, range, "'\(key)' belongs to a group", fix: "add a [group-id] line above it")
                return
            }
            pending?.settings[key] = value
        }
    }

    mutating func addPhrase(_ content: String, _ range: SourceRange) {
        guard pending != nil else {
            report(
                .misplacedPhraseLine, range, "a phrase must belong to a group", fix: "add a [group-id] line above it")
            return
        }
        var parts: [[PhraseBook.Slot]] = []
        var gaps: [Int] = []
        for (part, gap) in content.splitOnGaps() {
            guard let slots = parseSlots(part, range) else { return }
            parts.append(slots)
            gaps.append(gap)
        }
        // A part that can match no words (every slot optional) would match everywhere.
        if parts.contains(where: { $0.allSatisfy { $0.contains(where: \.isEmpty) } }) {
            report(.malformedPhraseLine, range, "the phrase (or a part of it between '..') can match no words at all")
            return
        }
        let head = Self.product(parts[0])
        if case .words(let list) = section, parts.count > 1 || head.contains(where: { $0.count != 1 }) {
            report(.malformedPhraseLine, range, "a \(list.rawValue) list takes one word per line")
            return
        }
        if head.count > PhraseBook.variantLimit {
            report(
                .phraseTooBroad, range,
                "the phrase's first part expands to more than \(PhraseBook.variantLimit) variants",
                fix: "split it, or use '..' so that later words are matched separately")
            return
        }
        pending?.phrases.append(
            PhraseBook.Phrase(head: head, tail: Array(parts.dropFirst()), tailGaps: Array(gaps.dropFirst())))
    }

    /// Every word sequence a list of slots may be.
    static func product(_ slots: [PhraseBook.Slot]) -> [[PhraseBook.Token]] {
        slots.reduce([[]]) { prefixes, slot in prefixes.flatMap { prefix in slot.map { prefix + $0 } } }
    }

    /// The slots of a piece of phrase (no `..`): words, `(a|b)` alternatives and `{class}`es.
    mutating func parseSlots(_ text: String, _ range: SourceRange) -> [PhraseBook.Slot]? {
        var slots: [PhraseBook.Slot] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let choices: PhraseBook.Slot
            if rest.first == "(" {
                guard let close = rest.firstIndex(of: ")") else {
                    report(.malformedPhraseLine, range, "'(' without ')'", fix: "close the alternatives with ')'")
                    return nil
                }
                var alternatives: PhraseBook.Slot = []
                for alternative in rest[rest.index(after: rest.startIndex)..<close].split(
                    separator: "|", omittingEmptySubsequences: false)
                {
                    guard let inner = parseSlots(String(alternative), range) else { return nil }
                    alternatives += Self.product(inner)
                }
                choices = alternatives
                rest = rest[rest.index(after: close)...]
            } else if rest.first == "{" {
                guard let close = rest.firstIndex(of: "}") else {
                    report(.malformedPhraseLine, range, "'{' without '}'", fix: "write a class as {name}")
                    return nil
                }
                let name = String(rest[rest.index(after: rest.startIndex)..<close])
                guard let members = classes[name] else {
                    report(
                        .unknownPhraseClass, range, "unknown class '{\(name)}'",
                        fix: Suggestion.nearest(to: name, in: classes.keys.sorted()).map { "did you mean '{\($0)}'?" }
                            ?? "define it first: @\(name) = word, \"two words\"")
                    return nil
                }
                choices = members
                rest = rest[rest.index(after: close)...]
            } else if let first = rest.first, ")}|".contains(first) {
                report(.malformedPhraseLine, range, "unexpected '\(first)'")
                return nil
            } else {
                let end = rest.firstIndex { "({)}|".contains($0) } ?? rest.endIndex
                let words = Tokenizer.normalisedTokens(of: String(rest[..<end]))
                rest = rest[end...]
                if words.isEmpty { continue }
                choices = [words]
            }
            slots.append(choices)
        }
        return slots
    }

    mutating func finishGroup() {
        guard let group = pending else { return }
        pending = nil
        let hadErrors = pendingHadErrors
        pendingHadErrors = false
        guard let section else {
            report(
                .incompletePhraseGroup, group.range, "group '\(group.id)' has no category",
                fix: "add 'category = excuse' (or another category) above it")
            return
        }
        guard let message = group.settings["message"] ?? (section.isReported ? nil : "") else {
            report(
                .incompletePhraseGroup, group.range, "group '\(group.id)' has no message",
                fix: "add 'message = …' saying what is wrong")
            return
        }
        guard !group.phrases.isEmpty else {
            if hadErrors { return }
            report(.incompletePhraseGroup, group.range, "group '\(group.id)' has no phrases")
            return
        }
        switch section {
        case .words(let list):
            book.words[list, default: []] += group.phrases.flatMap(\.head).compactMap(\.first)
        case .phrases(let category):
            book.groups.append(
                PhraseBook.Group(
                    id: group.id, category: category,
                    severity: group.settings["severity"].flatMap(Diagnostic.Severity.init(rawValue:)),
                    message: message, suggestion: group.settings["suggestion"],
                    vetoable: group.settings["veto"] != "never", origin: "\(name):\(group.line)",
                    phrases: group.phrases))
        }
    }
}

extension String {
    /// The parts of a phrase, each with how many other words may come before it:
    /// `..` allows up to four, ` + ` none (it only splits a long phrase for speed).
    func splitOnGaps() -> [(part: String, gap: Int)] {
        var parts: [(String, Int)] = []
        var rest = Substring(self)
        var gap = 0
        while true {
            let wide = rest.firstRange(of: "..")
            let tight = rest.firstRange(of: " + ")
            guard let next = [wide, tight].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) else { break }
            parts.append((String(rest[..<next.lowerBound]), gap))
            gap = next == wide ? PhraseMatcher.gapLimit : 0
            rest = rest[next.upperBound...]
        }
        return parts + [(String(rest), gap)]
    }
}
