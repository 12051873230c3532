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
        var diagnostics: [Diagnostic] = []
        func check(_ name: Located<String>, in known: [String], _ what: String) {
            guard !known.contains(name.value) else { return }
            diagnostics.append(
                Diagnostic(
                    .unknownTestReference, at: name.range, "unknown \(what) '\(name.value)'",
                    fix: Suggestion.nearest(to: name.value, in: known).map { "did you mean '\($0)'?" }))
        }
        for scenario in file.scenarios {
            for line in scenario.lines {
                switch line.kind {
                case .expectStep(let step): check(step, in: steps, "step")
                case .expectOutcome(let outcome): check(outcome, in: outcomes, "outcome")
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
        for line in scenario.lines {
            switch line.kind {
            case .input(let input):
                actions = session.handle(input)
                reached.note(actions, session)
                collect(actions)
            case .choose(let option):
                actions = session.handle(.answer(option.value))
                reached.note(actions, session)
                collect(actions)
            case .expectStep(let step):
                let current = session.currentStep?.id.value
                if current != step.value {
                    return fail(
                        line,
                        "expected step '\(step.value)', got \(current.map { "'\($0)'" } ?? "the end of the session")")
                }
            case .expectOutcome(let outcome):
                if session.outcome?.rawValue != outcome.value {
                    return fail(
                        line,
                        "expected outcome '\(outcome.value)', got \(session.outcome.map { "'\($0.rawValue)'" } ?? "none yet")"
                    )
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
                        "expected a \(rule.value) finding\(at), got "
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
                    return fail(line, "expected no findings, got " + findings.map(\.rule).joined(separator: ", "))
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
}
