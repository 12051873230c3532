import ReboundText

/// Parses playbook text into a `Playbook`, recovering from every error.
///
/// Parsing never stops early: each line is understood on its own, a bad line is reported
/// and skipped (or kept in part), and the result holds everything that could be read.
public struct PlaybookParser {
    /// The words a line can start with, in the order "did you mean" prefers on a tie.
    enum Keyword: String, CaseIterable {
        case playbook, version, summary, tags, triggers, step, say, ask, confirm, choose, option, next, done, draft
        case expect
        case limit, avoid, allow, failure
        case followUp = "follow-up"
        case score
        case redCarpet = "red-carpet"
        case cause
    }

    /// Every keyword of the language, for "did you mean" suggestions.
    public static let keywords = Keyword.allCases.map(\.rawValue)

    /// The header lines every playbook needs, with an example of each for the fix.
    private static let requiredHeaders: [(keyword: Keyword, example: String)] = [
        (.playbook, "playbook ID \"Title\""), (.version, "version 1"),
        (.summary, "summary One line on when to use it."),
    ]
    /// The words after `score`, `done` and `expect`, for messages and "did you mean".
    private static let scoreKindNames = ScoreKind.allCases.map(\.rawValue)
    private static let outcomeNames = Outcome.allCases.map(\.rawValue)
    private static let expectationKeywords = ["mention", "timeframe", "next-step", "name"]

    /// Parses UTF-8 bytes. Invalid UTF-8 is reported, never fatal. An `allow` must name
    /// one of `rules`.
    public static func parse(_ bytes: [UInt8], rules: RuleNames) -> (playbook: Playbook, diagnostics: [Diagnostic]) {
        var parser = PlaybookParser(bytes: bytes, rules: rules)
        parser.parseLines()
        return (parser.playbook, parser.diagnostics)
    }

    /// The id `parse(_:rules:)` gives the playbook, read as `parse` reads it but only up to
    /// the first `playbook` line (a later one is a repeat and cannot change the id; one
    /// after the steps still counts). A library finds a playbook by id this way without
    /// checking every file.
    public static func id(of bytes: [UInt8], rules: RuleNames) -> String? {
        var parser = PlaybookParser(bytes: bytes, rules: rules)
        LineScanner.scanLines(of: bytes) { line in
            parser.scanner = line
            parser.parseLine()
            return parser.headerLines[.playbook] == nil
        }
        return parser.playbook.id?.value
    }

    /// Parses text, as `parse(_:rules:)` parses its UTF-8 bytes.
    public static func parse(_ text: String, rules: RuleNames) -> (playbook: Playbook, diagnostics: [Diagnostic]) {
        parse(Array(text.utf8), rules: rules)
    }

    private let bytes: [UInt8]
    private let rules: RuleNames
    private var playbook = Playbook()
    private var diagnostics: [Diagnostic] = []
    private var scanner: LineScanner
    private var step: Step?
    private var openChoice: Choice?
    private var openDraft: Draft?
    /// The `choose` or `draft` (its index among the step's items) that a step item ended,
    /// and that item's keyword: see `closeBlocks(by:)`.
    private var interruption: (index: Int, line: Located<Keyword>)?
    /// The header lines read so far, for reporting repeats and missing ones.
    private var headerLines: [Keyword: SourceRange] = [:]
    private var sawStep = false

    private init(bytes: [UInt8], rules: RuleNames) {
        self.bytes = bytes
        self.rules = rules
        self.scanner = LineScanner(bytes: bytes, line: 1, start: 0, end: 0)
    }

    // MARK: Lines

    private mutating func parseLines() {
        LineScanner.forEachLine(of: bytes) { line in
            scanner = line
            parseLine()
        }
        closeStep()
        checkCompleteness()
    }

    /// Reports header lines and steps the file never gave.
    private mutating func checkCompleteness() {
        let top = SourceRange(at: SourceLocation(line: 1, column: 1, offset: 0))
        for (keyword, example) in Self.requiredHeaders where headerLines[keyword] == nil {
            report(
                .missingHeader, top, "the header has no '\(keyword.rawValue)' line", fix: "add '\(example)' at the top")
        }
        if playbook.steps.isEmpty, !sawStep {
            report(
                .noSteps, top, "the playbook has no steps",
                fix: "add 'step ID \"Title\"' followed by what the agent does")
        }
    }

    private mutating func parseLine() {
        checkEncoding()
        scanner.skipBlanks()
        guard let first = scanner.peek else { return }
        if first == UInt8(ascii: "#") {
            let (start, end) = scanner.rest()
            playbook.comments.append(Located(scanner.text(start + 1, end), scanner.range(start, end)))
            return
        }
        guard let word = scanner.word() else {
            report(.unknownKeyword, scanner.lineRange(), "expected a keyword at the start of the line")
            return
        }
        guard let keyword = Keyword(rawValue: word.value) else {
            reportUnknownKeyword(word)
            return
        }
        parseArguments(of: Located(keyword, word.range))
    }

    /// A misspelt keyword is reported, and when the line reads cleanly as the keyword
    /// meant ('nxet reply', 'playbok id "Title"'), it is kept as that keyword, so the rest
    /// of the file is checked as the author meant it instead of piling up errors that only
    /// the typo explains. A line that does not read cleanly is dropped; an exit it meant is
    /// marked unreadable.
    private mutating func reportUnknownKeyword(_ word: Located<String>) {
        let suggestion = Suggestion.nearest(to: word.value, in: Self.keywords).flatMap(Keyword.init(rawValue:))
        var diagnostic = Diagnostic(.unknownKeyword, at: word.range, "unknown keyword '\(word.value)'")
        if let suggestion {
            diagnostic = Diagnostic(
                .unknownKeyword, at: word.range, diagnostic.message, fix: "did you mean '\(suggestion.rawValue)'?",
                edits: [SourceEdit(word.range, suggestion.rawValue)])
            let before = self
            parseArguments(of: Located(suggestion, word.range))
            if diagnostics[before.diagnostics.count...].contains(where: { $0.severity == .error }) {
                self = before
                if suggestion == .next || suggestion == .done { step?.hasUnreadableExit = true }
            }
        }
        diagnostics.append(diagnostic)
    }

    private mutating func parseArguments(of located: Located<Keyword>) {
        switch located.value {
        case .playbook: parseHeader(located) { $0.parsePlaybookArguments() }
        case .version: parseHeader(located) { $0.parseVersionArguments() }
        case .summary: parseHeader(located) { $0.parseSummaryArguments() }
        case .tags: parseHeader(located) { $0.parseTagsArguments() }
        case .triggers: parseHeader(located) { $0.parseTriggersArguments() }
        case .score: parseScore(located)
        case .step: parseStep()
        case .option: parseOption(located)
        case .say: parseStepItem(located) { $0.parseSay($1) }
        case .ask: parseStepItem(located) { $0.parseAsk($1) }
        case .confirm: parseStepItem(located) { $0.parseConfirm($1) }
        case .choose: parseStepItem(located) { $0.parseChoose($1) }
        case .next: parseStepItem(located) { $0.parseNext($1) }
        case .done: parseStepItem(located) { $0.parseDone($1) }
        case .draft: parseStepItem(located) { $0.parseDraft($1) }
        case .followUp: parseStepItem(located) { $0.parseFollowUp($1) }
        case .redCarpet: parseStepItem(located) { $0.parseRedCarpet($1) }
        case .cause: parseStepItem(located) { $0.parseCause($1) }
        case .expect: parseDraftCheck(located) { parser, draft, _ in parser.parseExpect(into: &draft) }
        case .limit: parseDraftCheck(located) { $0.parseLimit(into: &$1, $2) }
        case .avoid: parseDraftCheck(located) { $0.parseAvoid(into: &$1, $2) }
        case .allow: parseDraftCheck(located) { parser, draft, _ in parser.parseAllow(into: &draft) }
        case .failure: parseDraftCheck(located) { $0.parseFailure(into: &$1, $2) }
        }
    }

    /// Reports invalid UTF-8 and control characters once per line.
    private mutating func checkEncoding() {
        let (start, end) = (scanner.lineStart, scanner.lineEnd)
        if let bad = UTF8Check.firstInvalidOffset(in: bytes, start, end) {
            let byte = String(bytes[bad], radix: 16, uppercase: true)
            report(
                .invalidUTF8, scanner.range(bad, bad + 1),
                "invalid UTF-8 byte 0x\(byte); the file must be saved as UTF-8",
                fix: "re-save the file as UTF-8 in your editor")
        } else if let control = UTF8Check.firstControlCharacter(in: bytes, start, end) {
            let width = control.scalar < 0x80 ? 1 : 2
            let name = "U+" + String(control.scalar, radix: 16, uppercase: true).leftPadded(to: 4)
            report(
                .controlCharacter, scanner.range(control.offset, control.offset + width),
                "control character \(name) in the text; playbooks hold printable text and tabs only",
                fix: "delete the character",
                edits: [SourceEdit(scanner.range(control.offset, control.offset + width), "")])
        }
    }

    // MARK: Header

    /// A header line: reported when it repeats one, otherwise read by `parseArguments`.
    private mutating func parseHeader(
        _ keyword: Located<Keyword>, _ parseArguments: (inout PlaybookParser) -> Void
    ) {
        reportIfAfterFirstStep(keyword)
        let name = keyword.value.rawValue
        if let first = headerLines[keyword.value] {
            report(
                .duplicateHeader, scanner.lineRange(), "'\(name)' is already given at line \(first.start.line)",
                fix: "keep one '\(name)' line")
            return
        }
        headerLines[keyword.value] = keyword.range
        parseArguments(&self)
        expectEndOfLine()
    }

    private mutating func parsePlaybookArguments() {
        playbook.id = expectID("a playbook id", after: "'playbook'")
        playbook.title = expectQuoted("the playbook's title", after: "the playbook id")
    }

    private mutating func parseVersionArguments() {
        playbook.version = expectNumber("a version number", after: "'version'", minimum: 1)
    }

    private mutating func parseSummaryArguments() {
        playbook.summary = expectFreeText("a one-line summary", after: "'summary'")
    }

    private mutating func parseTagsArguments() {
        playbook.tags = wordList()
        if playbook.tags.isEmpty {
            report(.expectedArgument, scanner.here(), "expected at least one tag after 'tags'")
        }
    }

    private mutating func parseTriggersArguments() {
        playbook.triggers = wordList(separatedBy: .commas)
        if playbook.triggers.isEmpty {
            report(
                .expectedArgument, scanner.here(), "expected at least one trigger after 'triggers'",
                fix: "write what customers say, like: triggers \"where is my order\", late")
        }
    }

    /// Header lines belong before the first step; one after it is reported (and still read).
    private mutating func reportIfAfterFirstStep(_ keyword: Located<Keyword>) {
        guard let step else { return }
        report(
            .misplacedLine, keyword.range,
            "'\(keyword.value.rawValue)' belongs in the header, before the first step (here it follows step '\(step.id.value)')",
            fix: "move this line above the first 'step' line")
    }

    /// `score KIND WEIGHT`: how much a kind of scorecard item weighs.
    private mutating func parseScore(_ keyword: Located<Keyword>) {
        reportIfAfterFirstStep(keyword)
        let kinds = Self.scoreKindNames
        guard let word = scanner.word() else {
            report(
                .expectedArgument, scanner.here(),
                "expected what to weigh after 'score': \(kinds.joined(separator: ", "))")
            return
        }
        guard let kind = ScoreKind(rawValue: word.value) else {
            let (fix, edits) = didYouMean(word, in: kinds)
            report(
                .expectedArgument, word.range,
                "unknown scorecard item '\(word.value)'; use \(kinds.joined(separator: ", "))", fix: fix, edits: edits)
            return
        }
        guard let weight = expectNumber("a weight", after: "'\(word.value)'", minimum: 0) else { return }
        if let first = playbook.scoreWeights[kind] {
            report(
                .duplicateHeader, scanner.lineRange(),
                "'score \(kind.rawValue)' is already given at line \(first.range.start.line)",
                fix: "keep one 'score \(kind.rawValue)' line")
            return
        }
        playbook.scoreWeights[kind] = weight
        expectEndOfLine()
    }

    // MARK: Steps

    private mutating func parseStep() {
        closeStep()
        sawStep = true
        let id = expectID("a step id", after: "'step'")
        let title = expectQuoted("the step's title", after: "the step id")
        expectEndOfLine()
        guard let id else { return }
        let fallbackTitle = Located(Text(segments: []), SourceRange(at: id.range.end))
        step = Step(id: id, title: title ?? fallbackTitle, range: scanner.lineRange())
    }

    private mutating func closeStep() {
        closeBlocks()
        if let step { playbook.steps.append(step) }
        step = nil
        interruption = nil
    }

    /// Ends an open `choose` or `draft`. When `line` (a step item) ends a `choose` that has
    /// no options yet or a `draft`, it is remembered: options or checks after it mean the
    /// line was written inside the block by mistake.
    private mutating func closeBlocks(by line: Located<Keyword>? = nil) {
        if let openChoice {
            step?.items.append(.choose(openChoice))
            if let line, openChoice.options.isEmpty, let index = step?.items.indices.last {
                interruption = (index, line)
            }
        }
        if let openDraft {
            step?.items.append(.draft(openDraft))
            if let line, let index = step?.items.indices.last { interruption = (index, line) }
        }
        openChoice = nil
        openDraft = nil
    }

    /// When an option or draft check follows a line that ended its `choose` or `draft`:
    /// reports that line (once) and opens the block again, so the option or check is kept
    /// where the author meant it. Returns whether a block was opened again.
    private mutating func reopenInterruptedBlock(for keyword: Located<Keyword>) -> Bool {
        guard let (index, line) = interruption, let items = step?.items, items.indices.contains(index) else {
            return false
        }
        let item = items[index]
        interruption = nil
        let block: String
        let opener: String
        let rest: String
        switch item {
        case .choose(let choice) where keyword.value == .option:
            (opener, rest) = ("choose", "options")
            block = "'choose \(choice.id.value)' (line \(choice.range.start.line)) and its options"
            step?.items.remove(at: index)
            openChoice = choice
        case .draft(let draft) where keyword.value != .option:
            (opener, rest) = ("draft", "draft's checks")
            block = "'draft' (line \(draft.range.start.line)) and its '\(keyword.value.rawValue)'"
            step?.items.remove(at: index)
            openDraft = draft
        default:
            return false
        }
        let name = line.value.rawValue
        report(
            .misplacedLine, line.range,
            "this '\(name)' line comes between \(block); they must follow one another directly",
            fix: "move the '\(name)' line above the '\(opener)' line, or below the \(rest)")
        return true
    }

    /// Reports a step line that comes before any `step`; returns whether there is a step.
    private mutating func requireStep(_ keyword: Located<Keyword>) -> Bool {
        guard step == nil else { return true }
        report(
            .misplacedLine, keyword.range, "'\(keyword.value.rawValue)' must be inside a step",
            fix: "add a 'step ID \"Title\"' line above it")
        return false
    }

    /// A line inside a step that is not an `option` or a draft check: it ends any open
    /// `choose` or `draft`, and `parseArguments` reads the rest of it.
    private mutating func parseStepItem(
        _ keyword: Located<Keyword>, _ parseArguments: (inout PlaybookParser, SourceRange) -> Void
    ) {
        closeBlocks(by: keyword)
        guard requireStep(keyword) else { return }
        if keyword.value == .choose || keyword.value == .draft { interruption = nil }
        parseArguments(&self, scanner.lineRange())
        expectEndOfLine()
    }

    private mutating func parseSay(_ lineRange: SourceRange) {
        if let text = expectFreeText("guidance text", after: "'say'") {
            step?.items.append(.say(Say(text: text, range: lineRange)))
        }
    }

    private mutating func parseConfirm(_ lineRange: SourceRange) {
        if let text = expectQuoted("the checklist item", after: "'confirm'") {
            step?.items.append(.confirm(Confirm(text: text, range: lineRange)))
        }
    }

    private mutating func parseChoose(_ lineRange: SourceRange) {
        let id = expectID("a value id", after: "'choose'")
        let question = expectQuoted("the question", after: "the value id")
        if let id, let question {
            openChoice = Choice(id: id, question: question, range: lineRange)
        }
    }

    private mutating func parseNext(_ lineRange: SourceRange) {
        if let target = expectID("a step id", after: "'next'") {
            setExit(.next(target), lineRange)
        } else {
            step?.hasUnreadableExit = true
        }
    }

    private mutating func parseDone(_ lineRange: SourceRange) {
        if let outcome = expectOutcome() {
            setExit(.done(outcome), lineRange)
        } else {
            step?.hasUnreadableExit = true
        }
    }

    private mutating func parseDraft(_ lineRange: SourceRange) {
        if let instruction = expectQuoted("the instruction for the reply", after: "'draft'") {
            openDraft = Draft(instruction: instruction, range: lineRange)
        }
    }

    private mutating func parseRedCarpet(_ lineRange: SourceRange) {
        let contacts = expectNumber("the number of contacts", after: "'red-carpet'", minimum: 1, maximum: 100)
        let gesture = expectQuoted("the gesture promised", after: "the number of contacts")
        if let contacts, let gesture {
            step?.items.append(.redCarpet(RedCarpet(contacts: contacts, gesture: gesture, range: lineRange)))
        }
    }

    private mutating func parseCause(_ lineRange: SourceRange) {
        if let label = expectQuoted("the root cause", after: "'cause'") {
            step?.items.append(.cause(Cause(label: label, range: lineRange)))
        }
    }

    private mutating func setExit(_ exit: StepExit, _ range: SourceRange) {
        if let step, let existing = step.exit {
            let first = existing.value.keyword
            report(
                .conflictingExit, range,
                "step '\(step.id.value)' already ends with '\(first)' at line \(existing.range.start.line)",
                fix: "keep one 'next' or 'done' per step; branch with 'choose' instead")
            return
        }
        step?.exit = Located(exit, range)
    }

    private mutating func parseAsk(_ lineRange: SourceRange) {
        guard let id = expectID("a value id", after: "'ask'"),
            let question = expectQuoted("the question", after: "the value id")
        else { return }
        var ask = Ask(id: id, question: question, range: lineRange)
        while true {
            let start = scanner.index
            let validation: Ask.Validation?
            if scanner.consumeWord("matching") {
                validation = expectPattern().map { .pattern($0) }
                if validation == nil { ask.hasUnreadableValidation = true }
            } else if scanner.consumeWord("one") {
                if !scanner.consumeWord("of") {
                    report(
                        .expectedArgument, scanner.here(), "expected 'of' after 'one'", fix: "write 'one of a, b, c'")
                }
                let choices = wordList(separatedBy: .commas)
                if choices.isEmpty {
                    report(.expectedArgument, scanner.here(), "expected the allowed answers after 'one of'")
                }
                validation = choices.isEmpty ? nil : .oneOf(choices)
            } else if scanner.consumeWord("amount") {
                validation = .amount
            } else if scanner.consumeWord("example") {
                guard let example = expectQuoted("an example answer", after: "'example'", interpolating: false) else {
                    continue
                }
                if let first = ask.example {
                    report(
                        .repeatedSetting, example.range,
                        "'\(id.value)' already has an example at column \(first.range.start.column)",
                        fix: "keep one example")
                } else {
                    ask.example = Located(example.value.description, example.range)
                }
                continue
            } else if scanner.consumeWord("identifies") {
                if !scanner.consumeWord("customer") {
                    let found = scanner.word()
                    report(
                        .expectedArgument, found?.range ?? scanner.here(),
                        "expected 'customer' after 'identifies'" + (found.map { ", found '\($0.value)'" } ?? ""),
                        fix: "write 'identifies customer'")
                    continue
                }
                if let first = ask.identifiesCustomer {
                    report(
                        .repeatedSetting, scanner.range(start, scanner.index),
                        "'\(id.value)' already identifies the customer at column \(first.start.column)",
                        fix: "remove the repeat")
                } else {
                    ask.identifiesCustomer = scanner.range(start, scanner.index)
                }
                continue
            } else if let setting = misspeltAskSetting() {
                // Kept as meant where that is whole ('identifies-customer', 'amout'), so
                // checks that need it do not report its absence too.
                if setting == "identifies customer", ask.identifiesCustomer == nil {
                    ask.identifiesCustomer = scanner.range(start, scanner.index)
                }
                if setting != "amount" { continue }
                validation = .amount
            } else {
                break
            }
            if ask.validation != nil {
                report(
                    .conflictingValidation, scanner.range(start, scanner.index),
                    "the answer to '\(id.value)' already has a validation",
                    fix: "use one of 'matching /pattern/', 'one of …' or 'amount', once")
            } else {
                ask.validation = validation
            }
        }
        step?.items.append(.ask(ask))
    }

    /// The settings an `ask` line takes after its question.
    private static let askSettings = ["matching", "one of", "amount", "example", "identifies customer"]

    /// A word after the question that is a setting misspelt ('identifies-customer',
    /// 'matchng'): reported with the setting meant, and the rest of the line skipped when the
    /// setting takes arguments. Returns the setting meant, or `nil` (nothing read) when the
    /// word is not close to one.
    private mutating func misspeltAskSetting() -> String? {
        let start = scanner.index
        guard let word = scanner.word(),
            let setting = Suggestion.nearest(to: word.value, in: Self.askSettings)
        else {
            scanner.index = start
            return nil
        }
        report(
            .expectedArgument, word.range, "unknown setting '\(word.value)' after the question",
            fix: "did you mean '\(setting)'?", edits: [SourceEdit(word.range, setting)])
        if setting != "amount", setting != "identifies customer" { scanner.index = scanner.lineEnd }
        return setting
    }

    private mutating func parseOption(_ keyword: Located<Keyword>) {
        guard requireStep(keyword) else { return }
        let lineRange = scanner.lineRange()
        if openChoice == nil, !reopenInterruptedBlock(for: keyword) {
            closeBlocks()
            report(
                .misplacedLine, keyword.range, "'option' must follow a 'choose' line or another option",
                fix: "add a 'choose ID \"Question\"' line above the options")
        }
        let id = expectID("an option id", after: "'option'")
        let label = expectQuoted("the option's label", after: "the option id")
        var phrase: Located<Text>?
        if scanner.consumeWord("as") {
            phrase = expectQuoted("how the option reads in other text", after: "'as'")
        }
        var target: Located<String>?
        if scanner.consume("->") {
            target = expectID("a step id", after: "'->'")
        }
        expectEndOfLine()
        if let id, let label {
            openChoice?.options.append(
                ChoiceOption(id: id, label: label, phrase: phrase, target: target, range: lineRange))
        }
    }

    private mutating func parseFollowUp(_ lineRange: SourceRange) {
        if !scanner.consumeWord("in") {
            report(
                .expectedArgument, scanner.here(), "expected 'in' after 'follow-up'",
                fix: "write 'follow-up in 3 days \"…\"'")
            scanner.index = scanner.lineEnd
            return
        }
        guard let (amount, unit) = followUpDelay() else {
            scanner.index = scanner.lineEnd
            return
        }
        guard let text = expectQuoted("what to follow up on", after: "the delay") else { return }
        step?.items.append(.followUp(FollowUp(amount: amount, unit: unit, text: text, range: lineRange)))
    }

    /// What a follow-up's delay may be, for messages.
    private static let delayForms =
        "a number and 'hours', 'days' or 'weeks' ('3 days'), or the short form '24h', '2d', '1w'"

    /// `3 days`, `1 week`, or the short `24h`, `2d`, `1w`; one error for anything else.
    private mutating func followUpDelay() -> (Located<Int>, FollowUp.Unit)? {
        guard let word = scanner.word() else {
            report(.expectedArgument, scanner.here(), "expected the delay after 'in': \(Self.delayForms)")
            return nil
        }
        if let letter = word.value.last, let unit = FollowUp.Unit(letter: letter),
            let number = Int(word.value.dropLast()), word.value.dropLast().allSatisfy(\.isASCIIDigit), number >= 1,
            number <= 100_000
        {
            return (Located(number, word.range), unit)
        }
        guard word.value.allSatisfy(\.isASCIIDigit) else {
            report(
                .invalidNumber, word.range, "expected the delay after 'in': \(Self.delayForms), found '\(word.value)'")
            return nil
        }
        scanner.index = word.range.start.offset
        guard let amount = expectNumber("the delay", after: "'in'", minimum: 1) else { return nil }
        guard let unitWord = scanner.word() else {
            report(.expectedArgument, scanner.here(), "expected 'hours', 'days' or 'weeks' after the number")
            return nil
        }
        if unitWord.value == "business" || unitWord.value == "working" {
            report(
                .expectedArgument, unitWord.range,
                "follow-ups count calendar time, so '\(unitWord.value) days' is not accepted: \(Self.delayForms)",
                fix:
                    "count the weekend in: 5 \(unitWord.value) days from a Monday is 'in 5 days', from a Friday 'in 7 days'"
            )
            return nil
        }
        guard let unit = FollowUp.Unit(word: unitWord.value) else {
            let suggestion = Suggestion.nearest(to: unitWord.value, in: FollowUp.Unit.allCases.map(\.rawValue))
            report(
                .expectedArgument, unitWord.range, "expected 'hours', 'days' or 'weeks', found '\(unitWord.value)'",
                fix: suggestion.map { "did you mean '\($0)'?" },
                edits: suggestion.map { [SourceEdit(unitWord.range, $0)] } ?? [])
            return nil
        }
        return (amount, unit)
    }

    // MARK: Draft checks

    /// A line under a `draft`: `parseArguments` adds what it reads to the open draft.
    private mutating func parseDraftCheck(
        _ keyword: Located<Keyword>, _ parseArguments: (inout PlaybookParser, inout Draft, SourceRange) -> Void
    ) {
        guard requireStep(keyword) else { return }
        openChoice.map { step?.items.append(.choose($0)) }
        openChoice = nil
        if openDraft == nil { _ = reopenInterruptedBlock(for: keyword) }
        guard var draft = openDraft.take() else {
            report(
                .misplacedLine, keyword.range, "'\(keyword.value.rawValue)' must follow a 'draft' line",
                fix: "put it under the 'draft' whose reply it checks")
            return
        }
        parseArguments(&self, &draft, scanner.lineRange())
        openDraft = draft
        expectEndOfLine()
    }

    private mutating func parseExpect(into draft: inout Draft) {
        var any = false
        repeat {
            guard let word = scanner.word() else { break }
            any = true
            let expectation: Expectation
            switch word.value {
            case "timeframe": expectation = .timeframe
            case "next-step": expectation = .nextStep
            case "name": expectation = .name
            case "mention":
                guard let value = expectValueReference() else {
                    skipListItem()
                    continue
                }
                expectation = .mention(value)
            default:
                let suggestion = Suggestion.nearest(to: word.value, in: Self.expectationKeywords)
                report(
                    .expectedArgument, word.range,
                    "unknown expectation '\(word.value)'; expect mention {value}, timeframe, next-step or name",
                    fix: suggestion.map { "did you mean '\($0)'?" },
                    edits: suggestion.map { [SourceEdit(word.range, $0)] } ?? [])
                skipListItem()
                continue
            }
            let range = word.range.union(scanner.range(word.range.start.offset, scanner.index))
            if draft.expectations.contains(where: { $0.value == expectation }) {
                report(
                    .repeatedSetting, range, "this draft already expects \(expectation.keyword)",
                    fix: "remove the repeat")
            } else {
                draft.expectations.append(Located(expectation, range))
            }
        } while scanner.consume(",")
        if !any {
            report(
                .expectedArgument, scanner.here(),
                "expected mention {value}, timeframe, next-step or name after 'expect'")
        }
    }

    private mutating func expectValueReference() -> Located<String>? {
        guard let word = scanner.word() else {
            report(.expectedArgument, scanner.here(), "expected a value in braces after 'mention', such as {order}")
            return nil
        }
        let name = word.value
        if name.hasPrefix("{"), name.hasSuffix("}"), name.count > 2 {
            let inner = String(name.dropFirst().dropLast())
            if isIdentifier(inner) {
                return Located(inner, scanner.range(word.range.start.offset + 1, word.range.end.offset - 1))
            }
        }
        let bare = name.trimmingCharacters(in: "{}")
        guard isIdentifier(bare) else {
            report(.expectedArgument, word.range, "expected a value in braces after 'mention', found '\(name)'")
            return nil
        }
        // Read as the value meant, so the rest of the line is checked as written.
        report(
            .expectedArgument, word.range, "expected a value in braces after 'mention', found '\(name)'",
            fix: "write '{\(bare)}'", edits: [SourceEdit(word.range, "{\(bare)}")])
        let offset = word.range.start.offset + (name.hasPrefix("{") ? 1 : 0)
        return Located(bare, scanner.range(offset, offset + bare.utf8.count))
    }

    /// Skips what is left of one item of a comma-separated list, after it was reported.
    private mutating func skipListItem() {
        while scanner.index < scanner.lineEnd, bytes[scanner.index] != UInt8(ascii: ",") { scanner.index += 1 }
    }

    private mutating func parseLimit(into draft: inout Draft, _ lineRange: SourceRange) {
        guard scanner.consumeWord("apologies") else {
            report(
                .expectedArgument, scanner.here(), "expected 'apologies' after 'limit'",
                fix: "write 'limit apologies 1'")
            scanner.index = scanner.lineEnd
            return
        }
        guard let count = expectNumber("the number of apologies allowed", after: "'apologies'", minimum: 0) else {
            return
        }
        if let existing = draft.apologyLimit {
            report(
                .repeatedSetting, lineRange,
                "this draft already limits apologies to \(existing.value) at line \(existing.range.start.line)",
                fix: "keep one 'limit apologies' line")
            return
        }
        draft.apologyLimit = count
    }

    private mutating func parseFailure(into draft: inout Draft, _ lineRange: SourceRange) {
        guard let failure = expectQuoted("what went wrong", after: "'failure'") else { return }
        if let existing = draft.failure {
            report(
                .repeatedSetting, lineRange,
                "this draft already names its failure at line \(existing.range.start.line)",
                fix: "keep one 'failure' line")
            return
        }
        draft.failure = failure
    }

    private mutating func parseAvoid(into draft: inout Draft, _ lineRange: SourceRange) {
        guard let phrase = expectQuoted("the phrase to avoid", after: "'avoid'", interpolating: false) else { return }
        if phrase.value.isBlank {
            report(
                .emptyText, phrase.range, "the phrase to avoid is empty", fix: "write the words the reply must not use")
        }
        guard scanner.consumeWord("because") else {
            report(
                .expectedArgument, scanner.here(), "expected 'because \"reason\"' after the phrase",
                fix: "say why, for the agent: because \"…\"")
            return
        }
        guard let reason = expectQuoted("the reason", after: "'because'", interpolating: false) else { return }
        let phraseText = phrase.value.description
        if draft.avoids.contains(where: { $0.phrase.value.lowercased() == phraseText.lowercased() }) {
            report(.repeatedSetting, lineRange, "this draft already avoids \"\(phraseText)\"", fix: "remove the repeat")
            return
        }
        draft.avoids.append(
            Avoid(
                phrase: Located(phraseText, phrase.range), reason: Located(reason.value.description, reason.range),
                range: lineRange))
    }

    private mutating func parseAllow(into draft: inout Draft) {
        guard let rule = scanner.word() else {
            report(.expectedArgument, scanner.here(), "expected a checker category or rule code after 'allow'")
            return
        }
        guard rules.contains(rule.value) else {
            report(
                .unknownRule, rule.range,
                "unknown checker rule '\(rule.value)'; allow a category (\(rules.categories.joined(separator: ", "))) or a rule code (\(rules.codeSpan), see 'rebound rules')",
                fix: didYouMean(rule, in: rules.categories + rules.codes).fix,
                edits: didYouMean(rule, in: rules.categories + rules.codes).edits)
            return
        }
        if draft.allows.contains(where: { $0.value == rule.value }) {
            report(.repeatedSetting, rule.range, "this draft already allows '\(rule.value)'", fix: "remove the repeat")
            return
        }
        draft.allows.append(rule)
    }

    // MARK: Arguments

    private mutating func expectID(_ what: String, after previous: String) -> Located<String>? {
        guard scanner.atQuote() == false, let word = scanner.word() else {
            report(.expectedArgument, scanner.here(), "expected \(what) after \(previous)")
            return nil
        }
        guard isIdentifier(word.value) else {
            report(
                .expectedArgument, word.range,
                "'\(word.value)' is not a valid id; ids use letters, digits, '-' and '_'")
            return nil
        }
        return word
    }

    private mutating func expectOutcome() -> Outcome? {
        let names = Self.outcomeNames
        guard let word = scanner.word() else {
            report(
                .expectedArgument, scanner.here(),
                "expected an outcome after 'done': \(names.joined(separator: ", "))")
            return nil
        }
        guard let outcome = Outcome(rawValue: word.value) else {
            let (fix, edits) = didYouMean(word, in: names)
            report(
                .unknownOutcome, word.range,
                "unknown outcome '\(word.value)'; outcomes are \(names.joined(separator: ", "))", fix: fix, edits: edits
            )
            return nil
        }
        return outcome
    }

    private mutating func expectNumber(
        _ what: String, after previous: String, minimum: Int, maximum: Int = 100_000
    ) -> Located<Int>? {
        guard let word = scanner.word() else {
            report(.expectedArgument, scanner.here(), "expected \(what) after \(previous)")
            return nil
        }
        guard word.value.allSatisfy(\.isASCIIDigit), let number = Int(word.value), number >= minimum,
            number <= maximum
        else {
            report(
                .invalidNumber, word.range,
                "expected \(what), a whole number from \(minimum) to \(maximum), found '\(word.value)'")
            return nil
        }
        return Located(number, word.range)
    }

    /// A list of words or quoted strings separated by commas (and, for tags, blanks).
    private enum ListSeparator { case commas, commasOrBlanks }

    private mutating func wordList(separatedBy separator: ListSeparator = .commasOrBlanks) -> [Located<String>] {
        var items: [Located<String>] = []
        while true {
            scanner.skipBlanks()
            if scanner.peek == UInt8(ascii: "\"") {
                guard let text = expectQuoted("an answer", after: "','", interpolating: false) else { break }
                items.append(Located(text.value.description, text.range))
            } else if let word = scanner.word() {
                items.append(word)
            } else {
                break
            }
            if !scanner.consume(","), separator == .commas { break }
        }
        return items
    }

    private mutating func expectPattern() -> Located<String>? {
        scanner.skipBlanks()
        guard scanner.peek == UInt8(ascii: "/") else {
            report(
                .expectedArgument, scanner.here(), "expected a pattern between slashes after 'matching'",
                fix: "write it like /[0-9]{6,}/")
            return nil
        }
        let open = scanner.index
        var index = open + 1
        while index < scanner.lineEnd, bytes[index] != UInt8(ascii: "/") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard index < scanner.lineEnd else {
            report(
                .unterminatedRegex, scanner.range(open, open + 1), "the pattern has no closing '/'",
                fix: "end the pattern with '/'; write '\\/' for a slash inside it")
            scanner.index = scanner.lineEnd
            return nil
        }
        scanner.index = index + 1
        let pattern = Located(scanner.text(open + 1, index), scanner.range(open, index + 1))
        if let problem = PatternCompiler.problem(in: pattern.value) {
            if let mistake = PatternCompiler.mistake(in: pattern.value) {
                let start = open + 1 + mistake.offset
                report(
                    .invalidRegex, scanner.range(start, start + mistake.length), "invalid pattern: \(mistake.message)")
            } else {
                report(.invalidRegex, pattern.range, "invalid pattern: \(problem)")
            }
            return nil
        }
        if let brace = PatternCompiler.unclosedRepetition(in: pattern.value) {
            let offset = open + 1 + String(pattern.value.prefix(brace)).utf8.count
            report(
                .literalBrace, scanner.range(offset, offset + 1),
                "this '{' has no closing '}', so it matches the character '{' itself, not a repetition",
                fix: "close it ('{5}', '{2,4}'), or write '\\{' for a literal brace")
        }
        return pattern
    }

    /// Free text: the rest of the line, with `{value}` references.
    private mutating func expectFreeText(_ what: String, after previous: String) -> Located<Text>? {
        let (start, end) = scanner.rest()
        guard start < end else {
            report(
                .emptyText, scanner.here(), "expected \(what) after \(previous)", fix: "write it, or delete the line")
            return nil
        }
        return Located(text(start, end, escapes: false, interpolating: true), scanner.range(start, end))
    }

    /// A string in double quotes. Curly quotes and bare words are reported and accepted.
    private mutating func expectQuoted(
        _ what: String, after previous: String, interpolating: Bool = true
    ) -> Located<Text>? {
        scanner.skipBlanks()
        guard !scanner.isAtEnd else {
            report(.expectedArgument, scanner.here(), "expected \(what) in double quotes after \(previous)")
            return nil
        }
        if scanner.atCurlyQuote { return curlyQuoted(what, interpolating: interpolating) }
        guard scanner.peek == UInt8(ascii: "\"") else {
            return bareText(what, after: previous, interpolating: interpolating)
        }
        return straightQuoted(what, interpolating: interpolating)
    }

    /// Text between `"` quotes, with `\"` and `\\` escapes; an unclosed string runs to the end
    /// of the line.
    private mutating func straightQuoted(_ what: String, interpolating: Bool) -> Located<Text> {
        let open = scanner.index
        var close = open + 1
        while close < scanner.lineEnd, bytes[close] != UInt8(ascii: "\"") {
            close += bytes[close] == UInt8(ascii: "\\") ? 2 : 1
        }
        let content = self.text(open + 1, min(close, scanner.lineEnd), escapes: true, interpolating: interpolating)
        guard close < scanner.lineEnd else {
            report(
                .unterminatedString, scanner.range(open, open + 1), "\(what) has no closing '\"'",
                fix: "end the text with '\"'; write '\\\"' for a quote inside it")
            scanner.index = scanner.lineEnd
            return Located(content, scanner.range(open, scanner.lineEnd))
        }
        scanner.index = close + 1
        if content.isBlank, interpolating {
            report(
                .emptyText, scanner.range(open, close + 1), "\(what) is empty", fix: "write the text between the quotes"
            )
        }
        return Located(content, scanner.range(open, close + 1))
    }

    /// Text between the curly quotes a word processor puts in place of `"`: reported, and
    /// read up to the next curly quote (or the end of the line).
    private mutating func curlyQuoted(_ what: String, interpolating: Bool) -> Located<Text> {
        let open = scanner.index
        var close = open + 3
        while close < scanner.lineEnd, !scanner.isCurlyQuote(at: close) { close += 1 }
        let end = min(close + 3, scanner.lineEnd)
        scanner.index = end
        let content = self.text(open + 3, min(close, scanner.lineEnd), escapes: false, interpolating: interpolating)
        report(
            .expectedArgument, scanner.range(open, end),
            "\(what) must be in straight double quotes (\"), not curly ones",
            fix: "write \"\(content)\"", edits: [SourceEdit(scanner.range(open, end), Self.quoted(content))])
        return Located(content, scanner.range(open, end))
    }

    /// A bare title or question, without quotes: reported, and read as the words up to
    /// `->` or the end of the line.
    private mutating func bareText(_ what: String, after previous: String, interpolating: Bool) -> Located<Text> {
        let start = scanner.index
        var end = start
        while end < scanner.lineEnd, !scanner.isArrow(at: end) { end += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        scanner.index = end
        let content = self.text(start, end, escapes: false, interpolating: interpolating)
        report(
            .expectedArgument, scanner.range(start, end), "expected \(what) in double quotes after \(previous)",
            fix: "write \"\(content)\"", edits: [SourceEdit(scanner.range(start, end), Self.quoted(content))])
        return Located(content, scanner.range(start, end))
    }

    /// Text as a string literal of the language: in straight quotes, `"` and `\` escaped.
    private static func quoted(_ text: Text) -> String {
        "\"" + text.description.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            + "\""
    }

    /// "did you mean 'x'?" for a word, with the edit that makes it so, when a candidate
    /// is near enough.
    private func didYouMean(_ word: Located<String>, in candidates: [String]) -> (fix: String?, edits: [SourceEdit]) {
        guard let suggestion = Suggestion.nearest(to: word.value, in: candidates) else { return (nil, []) }
        return ("did you mean '\(suggestion)'?", [SourceEdit(word.range, suggestion)])
    }

    /// Builds text from `bytes[start..<end]`, resolving `\"` and `\\` when `escapes` is set
    /// and `{name}` references when `interpolating` is set.
    private mutating func text(_ start: Int, _ end: Int, escapes: Bool, interpolating: Bool) -> Text {
        var segments: [Text.Segment] = []
        var literal: [UInt8] = []
        var index = start
        func flush(_ literal: inout [UInt8], into segments: inout [Text.Segment]) {
            if !literal.isEmpty {
                segments.append(.literal(String(decoding: literal, as: UTF8.self)))
                literal.removeAll(keepingCapacity: true)
            }
        }
        while index < end {
            let byte = bytes[index]
            if escapes, byte == UInt8(ascii: "\\"), index + 1 < end,
                bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "\\")
            {
                literal.append(bytes[index + 1])
                index += 2
                continue
            }
            if interpolating, byte == UInt8(ascii: "{") {
                var close = index + 1
                while close < end, isIdentifierByte(bytes[close]) { close += 1 }
                if close < end, close > index + 1, bytes[close] == UInt8(ascii: "}") {
                    flush(&literal, into: &segments)
                    let name = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                    segments.append(.value(Located(name, scanner.range(index + 1, close))))
                    index = close + 1
                    continue
                }
                reportMalformedReference(at: index, end: end)
            }
            literal.append(byte)
            index += 1
        }
        flush(&literal, into: &segments)
        return Text(segments: segments)
    }

    /// `{ticket number}` or `{name.first}`: meant as a value, but shown to the agent as
    /// written. Warned, with the id it could be.
    private mutating func reportMalformedReference(at open: Int, end: Int) {
        var close = open + 1
        while close < end, close - open <= 40, bytes[close] != UInt8(ascii: "}"), bytes[close] != UInt8(ascii: "{") {
            close += 1
        }
        guard close < end, bytes[close] == UInt8(ascii: "}"), close > open + 1,
            isIdentifierByte(bytes[open + 1])
        else { return }
        let inner = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
        let range = scanner.range(open, close + 1)
        let written = "{\(inner)}"
        if let dot = inner.firstIndex(of: "."), isIdentifier(String(inner[..<dot])) {
            let whole = String(inner[..<dot])
            report(
                .malformedReference, range,
                "'\(written)' is shown to the agent as written: a value has no parts, so '.\(inner[inner.index(after: dot)...])' cannot be taken from it",
                fix: "write '{\(whole)}', or ask for the part on its own", edits: [SourceEdit(range, "{\(whole)}")])
            return
        }
        let joined = inner.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: "-")
        let fixed = isIdentifier(joined) ? "{\(joined)}" : nil
        report(
            .malformedReference, range,
            "'\(written)' is shown to the agent as written: a value id has only letters, digits, '-' and '_'",
            fix: fixed.map { "write '\($0)'" } ?? "write the value's id between the braces",
            edits: fixed.map { [SourceEdit(range, $0)] } ?? [])
    }

    private mutating func expectEndOfLine() {
        let (start, end) = scanner.rest()
        guard start < end else { return }
        let extra = scanner.text(start, end)
        let fix: String? = extra.hasPrefix("#") ? "comments go on a line of their own" : "remove it"
        report(
            .unexpectedText, scanner.range(start, end), "unexpected text '\(extra)' at the end of the line", fix: fix)
    }

    private mutating func report(
        _ code: DiagnosticCode, _ range: SourceRange, _ message: String, fix: String? = nil, edits: [SourceEdit] = []
    ) {
        diagnostics.append(Diagnostic(code, at: range, message, fix: fix, edits: edits))
    }
}
