import ReboundChecker
import ReboundLanguage
import ReboundSession
import ReboundText
import ReboundTranscript

/// The result of one test.
public struct ScenarioResult: Sendable {
    public let name: String
    public let line: Int
    /// The first expectation that did not hold: its line and what went wrong.
    public let failure: (line: Int, message: String)?

    public var passed: Bool { failure == nil }
}

/// What the tests of a playbook reached: steps, options, drafts and outcomes.
public struct Coverage: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case steps, options, drafts, outcomes
    }

    public struct Item: Sendable {
        public let kind: Kind
        public let description: String
        public let line: Int
        public let covered: Bool
    }

    public let items: [Item]

    /// Covered items out of all, as a percentage (100 when there is nothing to cover).
    public var percent: Double {
        items.isEmpty ? 100 : Double(items.count { $0.covered }) * 100 / Double(items.count)
    }
}

/// Runs playbook tests through the real session engine and reply checker.
public enum ScenarioRunner {
    /// References a test makes that the playbook does not have: steps, outcomes, rules.
    public static func validate(_ file: ScenarioFile, against playbook: Playbook) -> [Diagnostic] {
        let steps = playbook.steps.map(\.id.value)
        let outcomes = Outcome.allCases.map(\.rawValue)
        let rules = ReplyChecker.descriptors.map(\.code) + FindingCategory.allCases.map(\.rawValue)
        let options = playbook.steps.flatMap(\.items).flatMap { item -> [String] in
            if case .choose(let choice) = item { choice.options.map(\.id.value) } else { [] }
        }
        let values = playbook.steps.flatMap(\.items).compactMap { item -> String? in
            switch item {
            case .ask(let ask): ask.id.value
            case .choose(let choice): choice.id.value
            default: nil
            }
        }
        var diagnostics: [Diagnostic] = []
        func check(_ name: Located<String>, in known: [String], _ what: String) {
            guard !known.contains(name.value) else { return }
            let suggestion = Suggestion.nearest(to: name.value, in: known)
            diagnostics.append(
                Diagnostic(
                    .unknownTestReference, at: name.range, "unknown \(what) '\(name.value)'",
                    fix: suggestion.map { "did you mean '\($0)'?" },
                    edits: suggestion.map { [SourceEdit(name.range, $0)] } ?? []))
        }
        for scenario in file.scenarios {
            for line in scenario.lines {
                switch line.kind {
                case .expectStep(let step): check(step, in: steps, "step")
                case .expectOutcome(let outcome): check(outcome, in: outcomes, "outcome")
                case .expectValue(let id, _): check(id, in: values, "value")
                case .expectFinding(let rule, _), .expectNoFinding(let rule): check(rule, in: rules, "rule or category")
                case .choose(let option):
                    let typed = option.value.lowercased()
                    if Int(typed) == nil, !options.contains(where: { $0.lowercased().hasPrefix(typed) }) {
                        check(option, in: options, "option")
                    }
                default: break
                }
            }
        }
        return diagnostics
    }

    /// Runs every test; coverage counts what any of them reached.
    public static func run(
        _ file: ScenarioFile, playbook: Playbook, checker: SharedChecker
    ) -> (results: [ScenarioResult], coverage: Coverage) {
        var reached = Reached()
        let results = file.scenarios.map { run($0, playbook: playbook, checker: checker, reached: &reached) }
        return (results, reached.coverage(of: playbook))
    }

    private struct Reached {
        var steps: Set<String> = []
        var options: Set<String> = []
        var drafts: Set<String> = []
        var outcomes: Set<String> = []

        mutating func note(_ actions: [SessionAction], _ session: Session) {
            for action in actions {
                switch action {
                case .record(let event) where event.kind == .step: steps.insert(event.step)
                case .record(let event) where event.kind == .choice: options.insert("\(event.step)/\(event.item ?? "")")
                case .finished: outcomes.insert(session.playbook.steps[session.stepIndex].id.value)
                default: break
                }
            }
            if session.currentPrompt?.kind == .draft {
                drafts.insert("\(session.stepIndex)/\(session.itemIndex)")
            }
        }

        func coverage(of playbook: Playbook) -> Coverage {
            var items: [Coverage.Item] = []
            for (stepIndex, step) in playbook.steps.enumerated() {
                let id = step.id.value
                items.append(
                    .init(
                        kind: .steps, description: "step '\(id)'", line: step.range.start.line,
                        covered: steps.contains(id)))
                for (itemIndex, item) in step.items.enumerated() {
                    switch item {
                    case .choose(let choice):
                        for option in choice.options {
                            items.append(
                                .init(
                                    kind: .options, description: "option '\(option.id.value)' of '\(choice.id.value)'",
                                    line: option.range.start.line, covered: options.contains("\(id)/\(option.id.value)")
                                ))
                        }
                    case .draft(let draft):
                        items.append(
                            .init(
                                kind: .drafts, description: "draft in step '\(id)'", line: draft.range.start.line,
                                covered: drafts.contains("\(stepIndex)/\(itemIndex)")))
                    default: break
                    }
                }
                if case .done(let outcome) = step.exit?.value, let exit = step.exit {
                    items.append(
                        .init(
                            kind: .outcomes, description: "done \(outcome.rawValue) in step '\(id)'",
                            line: exit.range.start.line, covered: outcomes.contains(id)))
                }
            }
            return Coverage(items: items)
        }
    }

    private static func run(
        _ scenario: Scenario, playbook: Playbook, checker: SharedChecker, reached: inout Reached
    ) -> ScenarioResult {
        var (session, actions) = Session.start(playbook, checker: checker)
        reached.note(actions, session)
        var findings: [Finding] = []
        // Follow-ups, red carpets and causes recorded so far, by kind.
        var recorded: [SessionEvent.Kind: [String]] = [:]
        func collect(_ actions: [SessionAction]) {
            for action in actions {
                if case .findings(let latest) = action { findings = latest }
                if case .record(let event) = action, [.followUp, .redCarpet, .cause].contains(event.kind) {
                    recorded[event.kind, default: []].append(event.text ?? "")
                }
            }
        }
        collect(actions)
        func fail(_ line: ScenarioLine, _ message: String) -> ScenarioResult {
            ScenarioResult(
                name: scenario.name.value, line: scenario.name.range.start.line,
                failure: (line.range.start.line, message))
        }
        /// Why the last send was refused, for an outcome that did not come.
        var refusedSend: String?
        for (position, line) in scenario.lines.enumerated() {
            switch line.kind {
            case .input, .confirm, .choose:
                guard let input = Self.input(line.kind) else { continue }
                if let mismatch = Self.mismatch(input, line: line.kind, session: session) {
                    return fail(line, mismatch)
                }
                actions = session.handle(input)
                reached.note(actions, session)
                collect(actions)
                let refusal = actions.lazy.compactMap { if case .rejected(let message) = $0 { message } else { nil } }
                    .first
                if case .send = input { refusedSend = refusal }
                let expected = scenario.lines.dropFirst(position + 1).first?.kind == .expectRejected
                if let refusal, !expected {
                    return fail(
                        line,
                        "\(Self.describe(line.kind)) was refused: \(refusal) (add 'expect rejected' after it if that is meant)"
                    )
                }
            case .expectStep(let step):
                let current = session.currentStep?.id.value
                if current != step.value {
                    let why =
                        playbook.steps.first { $0.id.value == step.value }.map(Self.hasPrompt) == false
                        ? " (step '\(step.value)' asks nothing, so a session never waits there: expect the step it leads to)"
                        : ""
                    return fail(
                        line,
                        "expected step '\(step.value)', got \(current.map { "'\($0)'" } ?? "the end of the session")\(why)"
                    )
                }
            case .expectOutcome(let outcome):
                if session.outcome?.rawValue != outcome.value {
                    let got = session.outcome.map { "'\($0.rawValue)'" } ?? "none yet"
                    let why =
                        session.outcome == nil ? refusedSend.map { " (the last send was refused: \($0))" } ?? "" : ""
                    return fail(line, "expected outcome '\(outcome.value)', got \(got)\(why)")
                }
            case .expectValue(let id, let text):
                let value = session.values[id.value]
                if value != text {
                    return fail(
                        line, "expected {\(id.value)} to be \"\(text)\", got \(value.map { "\"\($0)\"" } ?? "nothing")")
                }
            case .expectPrompt(let text):
                let prompt = session.currentPrompt?.text
                if prompt != text {
                    return fail(
                        line, "expected the prompt \"\(text)\", got \(prompt.map { "\"\($0)\"" } ?? "no prompt")")
                }
            case .expectRejected:
                guard actions.contains(where: { if case .rejected = $0 { true } else { false } }) else {
                    return fail(line, "expected the last input to be rejected, but it was accepted")
                }
            case .expectFinding(let rule, let position):
                let matching = findings.filter { $0.rule == rule.value || $0.category.rawValue == rule.value }
                let placed = matching.filter { finding in
                    position.map { finding.range.start.line == $0.line && finding.range.start.column == $0.column }
                        ?? true
                }
                if placed.isEmpty {
                    let found = findings.map { "\($0.rule) \($0.category.rawValue) at \($0.range.start)" }
                    let at = position.map { " at \($0.line):\($0.column)" } ?? ""
                    return fail(
                        line,
                        "expected \(Self.article(rule.value)) \(rule.value) finding\(at), got "
                            + (found.isEmpty ? "none" : found.joined(separator: ", ")))
                }
            case .expectNoFinding(let rule):
                if let finding = findings.first(where: { $0.rule == rule.value || $0.category.rawValue == rule.value })
                {
                    return fail(
                        line,
                        "expected no \(rule.value) finding, got \(finding.rule) at \(finding.range.start): \"\(finding.excerpt)\""
                    )
                }
            case .expectNoFindings:
                if !findings.isEmpty {
                    let found = findings.map { "\($0.rule) (\($0.category.rawValue): \($0.message))" }
                    return fail(line, "expected no findings, got " + found.joined(separator: "; "))
                }
            case .expectRecorded(let kind, let text):
                let texts = recorded[kind] ?? []
                if !texts.contains(text) {
                    return fail(
                        line,
                        "expected the \(kind.rawValue) \"\(text)\", got "
                            + (texts.isEmpty ? "none" : texts.map { "\"\($0)\"" }.joined(separator: ", ")))
                }
            }
        }
        return ScenarioResult(name: scenario.name.value, line: scenario.name.range.start.line, failure: nil)
    }

    /// Whether a session ever waits at the step: it has a question, checklist item,
    /// choice or draft.
    static func hasPrompt(_ step: Step) -> Bool {
        step.items.contains {
            switch $0 {
            case .ask, .confirm, .choose, .draft: true
            default: false
            }
        }
    }

    /// Why an action cannot be taken at the prompt that waits, or `nil` when it can: a
    /// `confirm` at a question would answer it "y", a `draft` at a choice would be refused;
    /// either way the test is wrong at this line, not where it shows later.
    static func mismatch(_ input: SessionInput, line: ScenarioLine.Kind, session: Session) -> String? {
        let wanted: [Prompt.Kind]
        switch (input, line) {
        case (_, .choose): wanted = [.choose]
        case (_, .confirm), (.skip, _): wanted = [.confirm]
        case (.answer, _): wanted = [.ask, .choose, .confirm]
        case (.draft, _), (.send, _), (.check, _), (.accept, _): wanted = [.draft]
        default: return nil
        }
        let action = describe(line)
        guard let prompt = session.currentPrompt else {
            let ended = session.outcome.map { "ended '\($0.rawValue)'" } ?? "is not waiting for anything"
            return "\(action), but the session \(ended)"
        }
        guard !wanted.contains(prompt.kind) else { return nil }
        let waiting =
            switch prompt.kind {
            case .ask: "the question '\(prompt.id ?? "")' (\"\(prompt.text)\"): use 'answer'"
            case .confirm: "the checklist item \"\(prompt.text)\": use 'confirm' or 'skip'"
            case .choose: "the choice '\(prompt.id ?? "")' (\"\(prompt.text)\"): use 'choose'"
            case .draft: "a draft (\"\(prompt.text)\"): use 'draft', 'send' or 'accept'"
            }
        return "\(action) at step '\(prompt.step)', but the session waits for \(waiting)"
    }

    /// What a test line does to the session, if it is an action.
    static func input(_ line: ScenarioLine.Kind) -> SessionInput? {
        switch line {
        case .input(let input): input
        case .confirm: .answer("y")
        case .choose(let option): .answer(option.value)
        default: nil
        }
    }

    /// A test line's action in words, for messages.
    static func describe(_ line: ScenarioLine.Kind) -> String {
        switch line {
        case .choose(let option): return "'choose \(option.value)'"
        case .confirm: return "'confirm'"
        case .input(let input):
            switch input {
            case .answer(let text): return "'answer \(text)'"
            case .skip: return "'skip'"
            case .draft: return "'draft'"
            case .send: return "'send'"
            case .check: return "'check'"
            case .accept(let rule, _, _): return "'accept \(rule)'"
            case .back: return "'back'"
            case .customerMessage: return "'customer'"
            case .recordedAnswer, .quit: return "the action"
            }
        default: return "the line"
        }
    }

    /// "an" before a word read with a vowel sound ("an excuse", "an RB201"), else "a".
    static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeiou".contains(first) || word.hasPrefix("RB") ? "an" : "a"
    }
}
