import ReboundCheckerData
import ReboundLanguage
import ReboundText

/// Checks reply drafts for excuses, blame, repeated and hollow apologies, policy
/// quibbling, and what a playbook step expects. The standard checker starts from the
/// precompiled phrase automaton; one with more phrases compiles them all into one matcher
/// when built, so build it once per set of phrases and reuse it. Checking is a single pass.
public struct ReplyChecker: Sendable {
    /// Every rule, in code order.
    public static let rules: [any ReplyRule.Type] = [
        ExcuseRule.self, BlameRule.self, RepeatedApologyRule.self, ConsecutiveApologyRule.self, NonApologyRule.self,
        PolicyRule.self, AvoidRule.self, RepetitionRule.self, TimeframeRule.self, NextStepRule.self, NameRule.self,
        MentionRule.self, CardNumberRule.self,
    ]

    public static var descriptors: [RuleDescriptor] { rules.map { $0.descriptor } }

    /// The phrase files shipped inside the package, by name.
    static let standardFiles: [(name: String, bytes: [UInt8])] = [
        ("excuse.phrases", PackageResources.excuse_phrases), ("blame.phrases", PackageResources.blame_phrases),
        ("non-apology.phrases", PackageResources.non_apology_phrases),
        ("policy.phrases", PackageResources.policy_phrases),
        ("repetition.phrases", PackageResources.repetition_phrases),
        ("markers.phrases", PackageResources.markers_phrases),
    ]

    /// The phrase lists shipped inside the package, parsed on first use: checkers start from
    /// the precompiled automaton (`standardMatcher`), so only adding phrases, listing
    /// them or checking the precompiled form needs them parsed.
    public static let standardBook: PhraseBook = standardFiles.reduce(PhraseBook()) { book, file in
        book.merged(with: PhraseBook.parse(String(decoding: file.bytes, as: UTF8.self), name: file.name).book)
    }

    /// The first mistake in the standard phrase files and the file it is in, or nil when
    /// there is none: `rebound phrase-automaton` compiles no file with one (a phrase it could
    /// not read would be left out), as `lint --rules` takes no team file with one.
    public static var standardPhrasesProblem: (file: String, diagnostic: Diagnostic)? {
        firstProblem(in: standardFiles)
    }

    static func firstProblem(in files: [(name: String, bytes: [UInt8])]) -> (file: String, diagnostic: Diagnostic)? {
        for file in files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            if let first = PhraseBook.parse(text, name: file.name).diagnostics.first { return (file.name, first) }
        }
        return nil
    }

    /// The standard phrase files compiled, as `scripts/compile-phrases.sh` writes them to
    /// `Sources/ReboundCheckerData/standard-phrases.automaton`.
    public static func compileStandardPhrases() -> [UInt8] {
        PhraseMatcher(book: standardBook, sourceHash: PhraseMatcher.sourceHash(of: standardFiles)).bytes
    }

    /// The precompiled automaton built into the program, read in place; an error if it is
    /// damaged or was compiled from other phrase files than those built in.
    static let precompiledMatcher: Result<PhraseMatcher, PhraseMatcher.FormatError> = {
        let bytes = UnsafeRawBufferPointer(
            start: rebound_standard_phrases(), count: rebound_standard_phrases_size())
        return Result { () throws(PhraseMatcher.FormatError) in
            let matcher = try PhraseMatcher(storage: AlignedBytes(static: bytes))
            guard matcher.sourceHash == PhraseMatcher.sourceHash(of: standardFiles) else {
                throw PhraseMatcher.FormatError(
                    "it was compiled from other phrase files; run scripts/compile-phrases.sh")
            }
            return matcher
        }
    }()

    /// Why the precompiled phrase automaton could not be used, if it could not: checkers then
    /// compile the phrase files at start-up instead (same findings, about 25 ms slower).
    public static var precompiledPhrasesProblem: String? {
        guard case .failure(let error) = precompiledMatcher else { return nil }
        return "the precompiled phrase automaton is unusable (\(error)); compiling the phrase files instead"
    }

    /// The standard phrases' matcher: the precompiled one, or compiled now if it is unusable.
    static let standardMatcher: PhraseMatcher = {
        if case .success(let matcher) = precompiledMatcher { return matcher }
        return PhraseMatcher(book: standardBook, sourceHash: PhraseMatcher.sourceHash(of: standardFiles))
    }()

    /// The book the matcher was compiled from; `nil` for the standard phrases, whose book is
    /// parsed only when phrases are added to it.
    private let compiledBook: PhraseBook?
    var book: PhraseBook { compiledBook ?? Self.standardBook }
    let matcher: PhraseMatcher
    /// Each group's category, by group index: looked up for every match.
    let groupCategories: [PhraseCategory]
    /// The phrase book's word lists (`category = negation`, `category = transparent`).
    let negations: Vocabulary
    let transparentWords: Vocabulary
    /// Misspelt and shorthand words read as the phrase words they stand for.
    let respelling: Respelling
    /// The learned layer, when there is one.
    let model: ReplyModel?
    /// Whether the model may overrule each group's matches, by group index: the standard
    /// groups (they come first) unless their file says `veto = never`; never a team's own.
    let overrulableGroups: [Bool]

    /// A checker for the standard phrases, from the precompiled automaton: nothing is compiled.
    public init(model: ReplyModel? = ReplyChecker.standardModel) {
        self.init(
            matcher: Self.standardMatcher, book: nil, model: model,
            standardGroupCount: Self.standardMatcher.groups.count)
    }

    /// A checker for these phrases, compiled now; `standardBook` merged with a team's own is usual.
    public init(book: PhraseBook, model: ReplyModel? = ReplyChecker.standardModel) {
        let standard = Self.standardBook.groups
        let startsWithStandard =
            book.groups.count >= standard.count
            && zip(book.groups, standard).allSatisfy { $0.id == $1.id && $0.origin == $1.origin }
        self.init(
            matcher: PhraseMatcher(book: book), book: book, model: model,
            standardGroupCount: startsWithStandard ? standard.count : 0)
    }

    private init(matcher: PhraseMatcher, book: PhraseBook?, model: ReplyModel?, standardGroupCount: Int) {
        compiledBook = book
        self.model = model
        self.matcher = matcher
        overrulableGroups = matcher.groups.indices.map { $0 < standardGroupCount && matcher.groups[$0].vetoable }
        groupCategories = matcher.groups.map(\.category)
        negations = Vocabulary(matcher.negationWords)
        transparentWords = Vocabulary(matcher.transparentWords)
        respelling = Respelling(vocabulary: matcher.vocabulary)
    }

    /// The same checker with a step's `avoid` phrases added.
    public func adding(avoids: [Avoid]) -> ReplyChecker {
        guard !avoids.isEmpty else { return self }
        var text = "category = avoid\n"
        for (index, avoid) in avoids.enumerated() {
            text += "[avoid-\(index)]\nmessage = \(avoid.reason.value)\n\(Self.literal(avoid.phrase.value))\n"
        }
        return ReplyChecker(book: book.merged(with: PhraseBook.parse(text, name: "playbook").book), model: model)
    }

    /// A phrase written by a playbook author as a phrase-list line that matches it as
    /// plain words. Matching only ever sees words, so everything else (the phrase syntax
    /// `( ) { } | ..`, and `#`, `@`, `[`, `=` which would make the line a comment, a
    /// class, a group or a setting) becomes a space; apostrophes stay inside words.
    static func literal(_ phrase: String) -> String {
        var words = String.UnicodeScalarView()
        for scalar in phrase.unicodeScalars {
            let keep = Tokenizer.isWordScalar(scalar) || scalar == "'" || scalar == "\u{2019}"
            words.append(keep ? scalar : " ")
        }
        return String(words).split(separator: " ").joined(separator: " ")
    }

    public func check(_ reply: String, options: CheckOptions = CheckOptions()) -> [Finding] {
        check(Array(reply.utf8), options: options)
    }

    /// Every finding for one reply, in reading order.
    public func check(_ reply: [UInt8], options: CheckOptions = CheckOptions()) -> [Finding] {
        var analyzed = analyze(reply)
        if let message = options.customerMessage { analyzed = analyzed.markingEchoes(of: analyze(Array(message.utf8))) }
        let context = CheckContext(checker: self, reply: analyzed, options: options)
        var findings: [Finding] = []
        for rule in Self.rules where options.isEnabled(rule.descriptor) {
            if !options.layers.usesPhrases, Self.descriptor(for: rule.descriptor.category) != nil { continue }
            findings += rule.findings(in: context)
        }
        findings += modelFindings(in: context, beside: findings)
        // One phrase, one finding: the playbook's own `avoid` says why these words hurt,
        // so a general phrase rule on the same words ("per our policy" as policy talk) is left out
        // (after the model has seen it, so the model does not report the words again).
        let avoided = findings.filter { $0.category == .avoid }.map(\.range)
        if !avoided.isEmpty {
            findings.removeAll { finding in
                finding.category != .avoid && finding.source == .phrase && finding.length > 0
                    && avoided.contains {
                        finding.range.start.offset < $0.end.offset && $0.start.offset < finding.range.end.offset
                    }
            }
        }
        if !options.silenced.isEmpty { findings.removeAll { !options.isEnabled($0) } }
        guard !findings.isEmpty else { return [] }
        if findings.count(where: { $0.fix != nil }) > 1 { findings = context.fixes.previewingTogether(findings) }
        // Rules give byte offsets; lines and columns are worked out once for all findings.
        let locations = context.reply.locations(of: findings.flatMap { [$0.range.start.offset, $0.range.end.offset] })
        return findings.enumerated().map { index, finding in
            var located = finding
            located.range = SourceRange(locations[2 * index], locations[2 * index + 1])
            return located
        }.sorted { ($0.range.start.offset, $0.rule) < ($1.range.start.offset, $1.rule) }
    }

    func analyze(_ reply: [UInt8]) -> AnalyzedReply {
        AnalyzedReply(reply, vocabulary: matcher.vocabulary, negations: negations, respelling: respelling)
    }
}

/// What the rules see: the analysed reply, its phrase matches and the options.
public struct CheckContext {
    /// The checker running the rules.
    public let checker: ReplyChecker
    /// The reply, split into words.
    public let reply: AnalyzedReply
    /// The step's checks and what the caller switched on or off.
    public let options: CheckOptions
    /// Phrase matches by category, overlaps resolved (leftmost, then longest).
    private let matchesByCategory: [PhraseCategory: [PhraseMatch]]
    /// Works out fixes and fits suggestions to the reply.
    let fixes: ReplyFixes
    /// The learned layer's reading of the reply, when the model is on.
    let modelReading: ModelReading?

    init(checker: ReplyChecker, reply: AnalyzedReply, options: CheckOptions) {
        self.checker = checker
        self.reply = reply
        self.options = options
        fixes = ReplyFixes(reply: reply, failure: options.failure)
        modelReading = checker.model.flatMap { options.layers.usesModel ? ModelReading(model: $0, reply: reply) : nil }
        var byCategory: [PhraseCategory: [PhraseMatch]] = [:]
        for match in checker.matcher.matches(in: reply) {
            byCategory[checker.groupCategories[match.group], default: []].append(match)
        }
        // The model overrules the standard phrases of a category it reads the reply as
        // clearly free of; a team's own phrases and a playbook's `avoid` always count.
        if let modelReading {
            for (head, modelHead) in modelReading.model.heads.enumerated()
            where byCategory[.finding(modelHead.category)] != nil && modelReading.vetoes(head: head) {
                byCategory[.finding(modelHead.category)]?.removeAll { checker.overrulableGroups[$0.group] }
            }
        }
        matchesByCategory = byCategory.mapValues { $0.count > 1 ? Self.leftmostLongest($0) : $0 }
    }

    static func leftmostLongest(_ matches: [PhraseMatch]) -> [PhraseMatch] {
        let sorted = matches.sorted {
            ($0.firstToken, $1.endToken, $0.group) < ($1.firstToken, $0.endToken, $1.group)
        }
        var kept: [PhraseMatch] = []
        for match in sorted where match.firstToken >= (kept.last?.endToken ?? 0) {
            kept.append(match)
        }
        return kept
    }

    /// Unnegated matches of a category, in reading order.
    public func matches(_ category: PhraseCategory) -> [PhraseMatch] {
        guard let matches = matchesByCategory[category] else { return [] }
        return matches.filter { !isNegated($0) }
    }

    /// Unnegated matches of a marker, in reading order.
    public func matches(_ marker: PhraseCategory.Marker) -> [PhraseMatch] {
        matches(.marker(marker))
    }

    /// Whether a negation governs the match: "not", "never", a "n't" word just before it
    /// in the same clause, with at most a few softening words ("really", "going to") between.
    public func isNegated(_ match: PhraseMatch) -> Bool {
        var index = match.firstToken - 1
        var steps = 0
        while index >= 0, steps < 4 {
            if reply.tokens[index + 1].gapBefore.contains(.clause) { return false }
            let token = reply.tokens[index]
            if token.isNegation { return true }
            let word = reply.bytes[Int(token.start)..<Int(token.end)].map { $0 | 0x20 }
            guard word.withUnsafeBufferPointer({ checker.transparentWords.id(of: $0) }) != nil else { return false }
            index -= 1
            steps += 1
        }
        return false
    }

    /// The byte range of a match; lines and columns are filled in by the checker.
    public func range(of match: PhraseMatch) -> SourceRange {
        let start = Int(reply.tokens[match.firstToken].start)
        let end = Int(reply.tokens[match.endToken - 1].end)
        return SourceRange(
            SourceLocation(line: 0, column: 0, offset: start), SourceLocation(line: 0, column: 0, offset: end))
    }

    /// A finding at a match, with its group's message, suggestion and severity unless
    /// given, and the fix its words allow.
    public func finding(
        _ descriptor: RuleDescriptor, at match: PhraseMatch, message: String? = nil, suggestion: String? = nil
    ) -> Finding {
        let group = checker.matcher.groups[match.group]
        let fix = fixes.fix(descriptor.category, group: group.id, match: match.firstToken..<match.endToken)
        return Finding(
            rule: descriptor.code, category: descriptor.category, severity: group.severity ?? descriptor.severity,
            message: message ?? group.message, range: range(of: match),
            excerpt: reply.text(ofTokens: match.firstToken, match.endToken),
            suggestion: fixes.suggestion(suggestion ?? group.suggestion, category: descriptor.category, fix: fix),
            fix: fix)
    }

    /// A finding about something missing from the whole reply.
    public func missing(_ descriptor: RuleDescriptor, message: String, suggestion: String?) -> Finding {
        let start = SourceLocation(line: 1, column: 1, offset: 0)
        return Finding(
            rule: descriptor.code, category: descriptor.category, severity: descriptor.severity, message: message,
            range: SourceRange(at: start), excerpt: "", suggestion: suggestion)
    }

    /// Findings for every unnegated phrase of the rule's category.
    public func phraseFindings(_ descriptor: RuleDescriptor) -> [Finding] {
        matches(.finding(descriptor.category)).map { finding(descriptor, at: $0) }
    }
}

/// A check on replies. Each rule lives in its own file under `Checker/Rules/`.
public protocol ReplyRule: Sendable {
    /// What the rule is: code, category, severity and explanation.
    static var descriptor: RuleDescriptor { get }
    /// Everything the rule finds in one reply.
    static func findings(in context: CheckContext) -> [Finding]
}
