import ReboundChecker
import ReboundLanguage
import ReboundSession
import ReboundText
import ReboundTranscript

/// Re-runs a recorded session against the current playbook and rules, to see what an
/// edit changes for real conversations.
public struct ReplayReport: Sendable {
    /// Where the session stopped following the recording, and why.
    public struct Divergence: Sendable {
        public let seq: Int
        public let step: String
        public let reason: String
    }

    /// A draft whose findings are not the ones recorded.
    public struct FindingChange: Sendable {
        public let seq: Int
        public let step: String
        public let added: [Finding]
        public let removed: [Finding]
    }

    public let divergence: Divergence?
    public let findingChanges: [FindingChange]
    /// Questions the playbook asks now that the recording never answered (given a stand-in
    /// answer), and recorded answers to questions it no longer asks (skipped): the replay
    /// keeps every other answer on its own question.
    public let notes: [String]
    /// The outcome when recorded, and when replayed.
    public let recordedOutcome: Outcome?
    public let replayedOutcome: Outcome?

    /// Replays the inputs of `events` through a new session. Answers go to the question
    /// they answered (by value id), not by position: a question added to the playbook gets
    /// a stand-in answer and a note, an answer to a question removed is skipped with one.
    public static func replay(_ events: [TranscriptEvent], playbook: Playbook, checker: SharedChecker) -> ReplayReport {
        var (session, _) = Session.start(playbook, checker: checker)
        var changes: [FindingChange] = []
        var notes: [String] = []
        var divergence: Divergence?
        let recordedOutcome = events.last { $0.event.kind == .done }?.event.outcome
        let answered = Set(
            events.filter { $0.event.kind == .answer || $0.event.kind == .invalidAnswer }.compactMap(\.event.item))
        let ticked = Set(events.filter { $0.event.kind == .confirm || $0.event.kind == .skip }.compactMap(\.event.text))
        let choiceSteps = Set(events.filter { $0.event.kind == .choice }.map(\.event.step))
        for record in events {
            let event = record.event
            guard let input = event.input else { continue }
            if event.kind == .answer || event.kind == .invalidAnswer, let item = event.item, !asks(playbook, item) {
                notes.append(
                    "event \(record.seq): the playbook no longer asks '\(item)'; its recorded answer is skipped")
                continue
            }
            // Questions the recording never answered come first: a stand-in answer each.
            while let prompt = session.currentPrompt,
                let standIn = standIn(for: prompt, answered: answered, ticked: ticked, choiceSteps: choiceSteps)
            {
                let refused = session.handle(.answer(standIn)).contains {
                    if case .rejected = $0 { true } else { false }
                }
                if refused {
                    divergence = Divergence(
                        seq: record.seq, step: event.step,
                        reason: "new question \(describe(prompt)) has no recorded answer, and no stand-in passes it")
                    break
                }
                notes.append(
                    "event \(record.seq): new question \(describe(prompt)) has no recorded answer; replayed with '\(standIn)'"
                )
            }
            if divergence != nil { break }
            let here = session.currentStep?.id.value
            if here != event.step {
                let reason: String
                if playbook.step(event.step) == nil {
                    reason = "step '\(event.step)' is no longer in the playbook"
                } else if let here {
                    reason = "recorded at step '\(event.step)', but the replay is at step '\(here)'"
                } else {
                    reason = "the replay ended before step '\(event.step)'"
                }
                divergence = Divergence(seq: record.seq, step: event.step, reason: reason)
                break
            }
            let actions = session.handle(input)
            let rejection = actions.lazy.compactMap { if case .rejected(let message) = $0 { message } else { nil } }
                .first
            switch (event.kind, rejection) {
            case (.invalidAnswer, nil):
                divergence = Divergence(
                    seq: record.seq, step: event.step,
                    reason: "the answer '\(event.text ?? "")' was refused when recorded and is accepted now")
            case (.invalidAnswer, _), (.accept, nil), (.draft, nil):
                break
            case (.choice, let message?):
                divergence = Divergence(
                    seq: record.seq, step: event.step,
                    reason: "option '\(event.item ?? "")' is no longer offered: \(message)")
            case (_, let message?):
                divergence = Divergence(
                    seq: record.seq, step: event.step,
                    reason: "\(event.kind.rawValue) '\(event.text ?? event.item ?? "")' is now refused: \(message)")
            default:
                break
            }
            if divergence != nil { break }
            if event.kind == .draft, let recorded = event.findings {
                let now: [Finding] =
                    actions.lazy.compactMap { action -> [Finding]? in
                        if case .findings(let found) = action { found } else { nil }
                    }.first ?? []
                let key = { (finding: Finding) in "\(finding.rule)@\(finding.range.start.offset)" }
                let before = Set(recorded.map(key))
                let after = Set(now.map(key))
                if before != after {
                    changes.append(
                        FindingChange(
                            seq: record.seq, step: event.step, added: now.filter { !before.contains(key($0)) },
                            removed: recorded.filter { !after.contains(key($0)) }))
                }
            }
        }
        if divergence == nil, let recordedOutcome, session.outcome != recordedOutcome {
            let last = events.last
            divergence = Divergence(
                seq: last?.seq ?? 0, step: last?.event.step ?? "",
                reason:
                    "recorded outcome '\(recordedOutcome.rawValue)', replayed \(session.outcome.map { "'\($0.rawValue)'" } ?? "no outcome")"
            )
        }
        return ReplayReport(
            divergence: divergence, findingChanges: changes, notes: notes, recordedOutcome: recordedOutcome,
            replayedOutcome: session.outcome)
    }

    /// Whether any step of the playbook asks for value `id`.
    static func asks(_ playbook: Playbook, _ id: String) -> Bool {
        playbook.steps.contains { step in
            step.items.contains { item in
                switch item {
                case .ask(let ask): ask.id.value == id
                case .choose(let choice): choice.id.value == id
                default: false
                }
            }
        }
    }

    /// An answer for a prompt the recording has no answer for, or `nil` when it has one
    /// (the recorded input goes there). A question is matched by its value id, a checklist
    /// item by its text, a choice by its step (the recording keeps the option picked, not the
    /// question, so a renamed option is still reported as no longer offered).
    static func standIn(
        for prompt: Prompt, answered: Set<String>, ticked: Set<String>, choiceSteps: Set<String>
    ) -> String? {
        switch prompt.kind {
        case .ask:
            guard let id = prompt.id, !answered.contains(id) else { return nil }
            return prompt.example ?? prompt.allowed.first ?? (prompt.expectsAmount ? "0" : "(not recorded)")
        case .confirm:
            return ticked.contains(prompt.text) ? nil : "y"
        case .choose:
            guard !choiceSteps.contains(prompt.step) else { return nil }
            return prompt.options.first?.id
        case .draft:
            return nil
        }
    }

    static func describe(_ prompt: Prompt) -> String {
        prompt.id.map { "'\($0)'" } ?? "\"\(prompt.text)\""
    }
}

extension ScenarioFile {
    /// A test that replays a recorded session and expects what happened then: refused
    /// answers, each draft's findings, the outcome.
    public static func recording(_ header: TranscriptHeader, _ events: [TranscriptEvent]) -> String {
        func quote(_ text: String) -> String { text.doubleQuoted }
        var lines = [
            "# Recorded from session \(header.session) (agent \(header.agent), \(header.started)).",
            "playbook \(header.playbook.id)", "", "test \(quote("recorded session \(header.session)"))",
        ]
        for record in events {
            let event = record.event
            switch event.kind {
            case .answer: lines.append("  answer \(quote(event.text ?? ""))")
            case .invalidAnswer:
                lines.append("  answer \(quote(event.text ?? ""))")
                lines.append("  expect rejected")
            case .choice: lines.append("  choose \(event.item ?? "")")
            case .confirm: lines.append("  confirm")
            case .skip: lines.append("  skip \(quote(event.reason ?? ""))")
            case .draft:
                lines.append("  draft \(quote(event.text ?? ""))")
                let rules = (event.findings ?? []).map(\.rule)
                if rules.isEmpty {
                    lines.append("  expect no findings")
                } else {
                    var seen: Set<String> = []
                    for rule in rules where seen.insert(rule).inserted { lines.append("  expect finding \(rule)") }
                }
            case .accept: lines.append("  accept \(event.item ?? "") \(quote(event.reason ?? ""))")
            case .send: lines.append("  send")
            case .back: lines.append("  back")
            case .customer: lines.append("  customer \(quote(event.text ?? ""))")
            case .done: if let outcome = event.outcome { lines.append("  expect outcome \(outcome.rawValue)") }
            case .step, .say, .followUp, .redCarpet, .cause, .quit: break
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
