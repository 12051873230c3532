import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundLedger
import ReboundSession
import ReboundText

/// Chat for people: guidance, findings and results on standard output; prompts on
/// standard error (so a script can capture the content alone). Text that came from an
/// answer or draft is shown with control characters made harmless.
final class TextChatOutput: ChatOutput {
    let style: Style
    /// On a terminal with line editing, prompts go to standard output and the line
    /// editor shows the cue (`> `) itself.
    let interactive: Bool
    private var out = ByteOutput(descriptor: STDOUT_FILENO)
    private var err = ByteOutput(descriptor: STDERR_FILENO)

    init(style: Style, interactive: Bool = false) {
        self.style = style
        self.interactive = interactive
        if interactive { err = ByteOutput(descriptor: STDOUT_FILENO) }
    }

    /// Drafts and findings, wrapped to the terminal's width as it is now (it may have been resized).
    var draftView: DraftView {
        DraftView(style: style, width: interactive ? Self.columns(of: STDOUT_FILENO) : nil)
    }

    /// The terminal's width in columns, when `descriptor` is a terminal that says.
    static func columns(of descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    func say(_ text: String) {
        out.write(text + "\n")
        out.flush()
    }

    func ask(_ text: String) {
        err.write(text)
        err.flush()
    }

    func show(_ action: SessionAction, in session: Session) {
        switch action {
        case .say(_, let text):
            say(style.dim("  " + text))
        case .prompt(let prompt):
            // A draft kept by `back`, or written before the session was paused, is shown
            // with its findings, so the agent sees what Enter would send.
            if prompt.kind == .draft, let draft = session.workingDraft {
                ask(Self.promptText(prompt, style: style, cue: false))
                say(draftView.draft(draft))
            } else {
                ask(Self.promptText(prompt, style: style, cue: !interactive))
            }
        case .rejected(let message):
            ask(style.yellow("! ") + message + "\n")
            if let prompt = session.currentPrompt, prompt.kind != .draft {
                ask(Self.promptText(prompt, style: style, cue: !interactive))
            }
        case .findings(let findings):
            say(draftView.findings(of: session.workingDraft ?? WorkingDraft(text: "", findings: findings)))
        case .accepted(let rule, let excerpt, let overrides):
            let what = rule + (excerpt.map { " \"\($0.escapingControlCharacters())\"" } ?? "")
            notice(
                overrides
                    ? "Accepted \(what): it no longer blocks sending; the reason is in the transcript."
                    : "Noted \(what): a warning never blocks sending; your reason is in the transcript.")
        case .finished, .record, .identified:
            break
        }
    }

    /// The full prompt: the step, the question or instruction, the options, the cue.
    static func promptText(_ prompt: Prompt, style: Style, cue: Bool = true) -> String {
        var text = style.bold("[\(prompt.step)] ") + prompt.text.escapingControlCharacters()
        switch prompt.kind {
        case .ask:
            if !prompt.allowed.isEmpty { text += " (" + prompt.allowed.joined(separator: ", ") + ")" }
            if let example = prompt.example { text += " (for example \(example.escapingControlCharacters()))" }
            if let answer = prompt.defaultAnswer { text += " [\(answer.escapingControlCharacters())]" }
            text += cue ? "\n> " : "\n"
        case .confirm:
            text += cue ? "\n(y, or /skip REASON) > " : "\n(y, or /skip REASON)\n"
        case .choose:
            for (index, option) in prompt.options.enumerated() {
                text += "\n  \(index + 1)) \(option.id): \(option.label.escapingControlCharacters())"
            }
            if let answer = prompt.defaultAnswer { text += "\n[\(answer)]" }
            text += cue ? "\n> " : "\n"
        case .draft:
            text += "\nWrite the reply; end it with a line holding only '.'\n"
        }
        return text
    }

    func started(session: String, playbook: Playbook, transcript: String, resumed: Bool) {
        let title = playbook.title?.value.description ?? ""
        let verb = resumed ? "Resumed" : "Started"
        say(style.bold("\(verb) \(playbook.id?.value ?? "") — \(title)") + " (session \(session))")
    }

    func ended(session: String, outcome: Outcome?, transcript: String) {
        if let outcome {
            say(style.green("Done: \(outcome.rawValue).") + " Transcript: \(transcript)")
        } else {
            say("Session \(session) paused; resume with 'rebound chat --resume \(session)'. Transcript: \(transcript)")
        }
    }

    func playbooks(_ entries: [PlaybookLibrary.Entry], unavailable: [PlaybookLibrary.Entry]) {
        let ids = entries.map { $0.playbook.id?.value ?? $0.path }
        let width = ids.map(\.count).max() ?? 0
        var lines = zip(ids, entries).map { id, entry in
            "  " + style.bold(id) + String(repeating: " ", count: width - id.count + 2)
                + (entry.playbook.title?.value.description ?? "")
        }
        for entry in unavailable {
            lines.append(
                "  " + style.red("\(entry.path): \(count(entry.errorCount, "error")); not offered")
                    + " (run 'rebound check \(entry.path)')")
        }
        say(lines.isEmpty ? "No playbooks." : lines.joined(separator: "\n"))
    }

    func status(of session: Session, values: [String: String]) {
        var lines = ["Step: \(session.currentStep?.id.value ?? "finished")"]
        if !values.isEmpty {
            lines.append("Values:")
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(key) = \(value.escapingControlCharacters())")
            }
        }
        if !session.checklist.isEmpty {
            let ticked = session.checklist.count { $0.ticked }
            lines.append("Checklist: \(ticked) ticked, \(session.checklist.count - ticked) skipped")
        }
        lines.append("Replies sent: \(session.replies.count)")
        say(lines.joined(separator: "\n"))
    }

    func unfinished(_ sessions: [UnfinishedSession], clock: Clock, atStart: Bool) {
        guard !sessions.isEmpty else {
            if !atStart { say("No unfinished sessions.") }
            return
        }
        let rows = sessions.map {
            [$0.id, $0.playbook, ($0.customer ?? "").escapingControlCharacters(), $0.age(clock: clock)]
        }
        let widths = (0..<3).map { column in rows.map { $0[column].terminalColumns }.max() ?? 0 }
        let lines = rows.map { row in
            "  " + style.bold(row[0]) + "  "
                + (1..<3).map { row[$0].fitted(toColumns: widths[$0]) }
                .joined(separator: "  ") + "  " + row[3]
        }
        say(
            (atStart
                ? "Your unfinished sessions (/resume ID continues one; the start of an id is enough):\n"
                : "Unfinished sessions (resume one with /resume ID):\n") + lines.joined(separator: "\n"))
    }

    func notice(_ text: String) {
        ask(text + "\n")
    }

    func draft(_ draft: WorkingDraft) {
        say(draftView.draft(draft))
    }

    func triage(_ suggestions: [PlaybookTriage.Suggestion], fits: Bool) {
        var lines = [fits ? "Playbooks that may fit:" : "No playbook clearly fits this message. The closest:"]
        for (index, suggestion) in suggestions.enumerated() {
            let reasons = suggestion.triggers.prefix(3).map { "“\($0)”" } + suggestion.sharedWords.prefix(2)
            lines.append(
                "  \(index + 1)) " + style.bold(suggestion.playbook)
                    + (reasons.isEmpty ? "" : style.dim("  (" + reasons.joined(separator: ", ") + ")")))
        }
        lines.append(
            "Type 1–\(suggestions.count) to start one (the customer's message is kept with it), or /start ID (see /playbooks)."
        )
        say(lines.joined(separator: "\n"))
    }

    /// The reply between two rules with nothing in front of its lines, so it can be
    /// selected and pasted as it is.
    func sent(_ text: String, copyable: Bool) {
        let rule = style.dim(String(repeating: "─", count: 40))
        say(
            "Sent. The reply as it goes to the customer" + (copyable ? " (/copy puts it on the clipboard)" : "") + ":\n"
                + rule + "\n" + text + "\n" + rule)
    }

    func error(code: String, _ message: String) {
        ask(style.red("error: ") + message + "\n")
    }

    func followUps(_ items: [FollowUpItem], dueCount: Int?, clock: Clock) {
        let lines = items.map { "  " + FollowUpText.line($0, clock: clock, style: style) }
        if let dueCount {
            let more = dueCount > items.count ? "\n  … and \(dueCount - items.count) more: /followups" : ""
            say(
                style.bold("\(dueCount) follow-up\(dueCount == 1 ? "" : "s") due today or overdue:\n")
                    + lines.joined(separator: "\n") + more)
        } else if items.isEmpty {
            say("No follow-ups here. /followups open lists every open one, /followups all the done ones too.")
        } else {
            say(lines.joined(separator: "\n"))
        }
    }

    func customer(_ history: CustomerHistory) {
        let text = FollowUpText.customer(history, style: style)
        if !text.isEmpty { say(text) }
    }

    func recorded(_ recovery: RecordedRecovery, clock: Clock) {
        if let text = FollowUpText.recorded(recovery, clock: clock, style: style) { say(text) }
    }
}

/// Chat for programs: one JSON event object per line on standard output
/// (`docs/protocol.md`).
final class JSONChatOutput: ChatOutput {
    private var out = ByteOutput(descriptor: STDOUT_FILENO)

    private func emit(_ build: (inout JSONWriter) -> Void) {
        var json = JSONWriter()
        json.beginObject()
        build(&json)
        json.endObject()
        json.raw("\n")
        out.write(json.bytes)
        out.flush()
    }

    func show(_ action: SessionAction, in session: Session) {
        switch action {
        case .say(let step, let text):
            emit {
                $0.field("event", "say")
                $0.field("step", step)
                $0.field("text", text)
            }
        case .prompt(let prompt):
            emit { json in
                json.field("event", "prompt")
                json.field("step", prompt.step)
                json.field("kind", prompt.kind.rawValue)
                json.field("id", prompt.id)
                json.field("text", prompt.text)
                json.field("pattern", prompt.pattern)
                if let example = prompt.example { json.field("example", example) }
                if prompt.expectsAmount { json.field("format", "amount") }
                json.key("allowed")
                json.value(.array(prompt.allowed.map(JSON.Value.string)))
                json.key("options")
                json.value(
                    .array(
                        prompt.options.map { .object([("id", .string($0.id)), ("label", .string($0.label))]) }))
                json.field("default", prompt.defaultAnswer)
            }
        case .rejected(let message):
            emit {
                $0.field("event", "rejected")
                $0.field("message", message)
            }
        case .findings(let findings):
            emit { json in
                json.field("event", "findings")
                LintRun.write(findings, to: &json)
            }
        case .accepted(let rule, let excerpt, let overrides):
            emit {
                $0.field("event", "accepted")
                $0.field("rule", rule)
                $0.field("excerpt", excerpt)
                $0.field("overrides", .bool(overrides))
            }
        case .finished, .record, .identified:
            break
        }
    }

    func started(session: String, playbook: Playbook, transcript: String, resumed: Bool) {
        emit {
            $0.field("event", "started")
            $0.field("resumed", .bool(resumed))
            $0.field("session", session)
            $0.field("playbook", playbook.id?.value)
            $0.field("transcript", transcript)
        }
    }

    func ended(session: String, outcome: Outcome?, transcript: String) {
        emit {
            $0.field("event", outcome == nil ? "paused" : "done")
            $0.field("outcome", outcome?.rawValue)
            $0.field("session", session)
            $0.field("transcript", transcript)
        }
    }

    func playbooks(_ entries: [PlaybookLibrary.Entry], unavailable: [PlaybookLibrary.Entry]) {
        emit { json in
            json.field("event", "playbooks")
            json.key("playbooks")
            json.value(
                .array(
                    entries.map { entry in
                        .object([
                            ("id", .string(entry.playbook.id?.value ?? "")),
                            ("title", .string(entry.playbook.title?.value.description ?? "")),
                            ("summary", .string(entry.playbook.summary?.value.description ?? "")),
                        ])
                    }))
            json.key("unavailable")
            json.value(.array(unavailable.map { .string($0.path) }))
        }
    }

    func status(of session: Session, values: [String: String]) {
        emit { json in
            json.field("event", "status")
            json.field("step", session.currentStep?.id.value)
            json.key("values")
            json.value(.object(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
            json.field("ticked", session.checklist.count { $0.ticked })
            json.field("skipped", session.checklist.count { !$0.ticked })
            json.field("replies", session.replies.count)
        }
    }

    func unfinished(_ sessions: [UnfinishedSession], clock: Clock, atStart: Bool) {
        emit { json in
            json.field("event", "sessions")
            json.key("sessions")
            json.value(
                .array(
                    sessions.map {
                        .object([
                            ("id", .string($0.id)), ("playbook", .string($0.playbook)),
                            ("started", .string($0.started)), ("agent", .string($0.agent)),
                            ("customer", $0.customer.map(JSON.Value.string) ?? .null),
                        ])
                    }))
        }
    }

    func triage(_ suggestions: [PlaybookTriage.Suggestion], fits: Bool) {
        emit { json in
            json.field("event", "triage")
            json.field("fits", .bool(fits))
            json.key("suggestions")
            json.value(
                .array(
                    suggestions.map {
                        .object([
                            ("playbook", .string($0.playbook)), ("score", .number(String($0.score))),
                            ("triggers", .array($0.triggers.map(JSON.Value.string))),
                            ("words", .array($0.sharedWords.map(JSON.Value.string))),
                        ])
                    }))
        }
    }

    func sent(_ text: String, copyable: Bool) {
        emit {
            $0.field("event", "sent")
            $0.field("text", text)
        }
    }

    func draft(_ draft: WorkingDraft) {
        emit { json in
            json.field("event", "draft")
            json.field("text", draft.text)
            LintRun.write(draft.findings, to: &json)
            json.key("open")
            json.value(
                .array(
                    draft.findings.indices.filter { !draft.isAccepted(draft.findings[$0]) }.map {
                        .number(String($0 + 1))
                    }))
        }
    }

    func notice(_ text: String) {
        emit {
            $0.field("event", "notice")
            $0.field("message", text)
        }
    }

    func error(code: String, _ message: String) {
        emit {
            $0.field("event", "error")
            $0.field("code", code)
            $0.field("message", message)
        }
    }

    func followUps(_ items: [FollowUpItem], dueCount: Int?, clock: Clock) {
        emit { json in
            json.field("event", "followups")
            if let dueCount { json.field("due", dueCount) }
            json.key("followUps")
            json.value(.array(items.map(LedgerJSON.followUp)))
        }
    }

    func customer(_ history: CustomerHistory) {
        emit { json in
            json.field("event", "customer")
            json.field("customer", history.label)
            json.field("key", history.key.value)
            json.field("earlierContacts", history.earlierContacts)
            json.key("redCarpets")
            json.value(.array(history.redCarpets.map(LedgerJSON.redCarpet)))
        }
    }

    func recorded(_ recovery: RecordedRecovery, clock: Clock) {
        emit { json in
            json.field("event", "ledger")
            json.key("followUps")
            json.value(.array(recovery.followUps.map(LedgerJSON.followUp)))
            json.key("redCarpets")
            json.value(
                .array(
                    recovery.redCarpets.map {
                        .object([("gesture", .string($0.gesture)), ("contacts", .number(String($0.contacts)))])
                    }))
            json.field("redCarpetsWithoutCustomer", recovery.redCarpetsWithoutCustomer)
        }
    }
}
