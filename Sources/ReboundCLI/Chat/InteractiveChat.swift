import Foundation
import ReboundChecker
import ReboundSession
import ReboundTranscript
import Synchronization

/// The chat on a terminal: readline for input, with completion and history.
struct InteractiveChat {
    let controller: ChatController
    let redactor: Redactor
    let environment: [String: String]
    /// Unfinished sessions' ids when the chat started, for completing `/resume`.
    let unfinished: [String]

    func run() throws(InputError) {
        // Checked on the first Tab after /start, not before the first prompt.
        let library = controller.settings.library
        let unfinished = self.unfinished
        let controller = self.controller
        let promptSnapshot = Snapshot<Prompt?>(nil)
        let findingSnapshot = Snapshot<[Finding]>([])
        let editor = LineEditor(historyPath: LineEditor.historyPath(environment: environment)) { line, word in
            Self.completions(
                line: line, word: word, playbooks: { library.available.compactMap { $0.playbook.id?.value } },
                prompt: promptSnapshot.current,
                sessions: { unfinished }, findings: findingSnapshot.current)
        }
        var interpreter = LineInterpreter(controller: controller)
        // A draft reaches the history as one entry, its lines redacted together (so a card
        // number split over two lines is found): Up brings the whole draft back, closing `.`
        // included, to edit and send again.
        var unsavedLines: [String] = []
        func saveHistory() {
            guard !unsavedLines.isEmpty else { return }
            editor.remember(redactor.redact(unsavedLines.joined(separator: "\n")))
            unsavedLines = []
        }
        defer { saveHistory() }
        while !interpreter.wantsToQuit {
            if interpreter.question != nil {
                try interpreter.take(editor.readYes(prompt: "[y/N] ") ? "y" : "n")
                if interpreter.draftLines == nil { saveHistory() }
                continue
            }
            let prompt = controller.session?.isFinished == false ? controller.session?.currentPrompt : nil
            promptSnapshot.current = prompt
            findingSnapshot.current = controller.session?.workingDraft?.findings ?? []
            let cue: String
            switch (interpreter.draftLines != nil, prompt?.kind) {
            case (true, _): cue = "… "
            case (false, .draft?): cue = controller.session?.hasDraft == true ? "send or revise> " : "draft> "
            case (false, .some): cue = "> "
            case (false, nil): cue = "rebound> "
            }
            switch editor.readLine(prompt: cue) {
            case .line(let text) where text.contains("\n") && !text.hasPrefix("/") && prompt == nil:
                // A customer's message pasted before any session: one message, not one per line.
                unsavedLines.append(text)
                saveHistory()
                try controller.customerMessage(text)
            case .line(let text):
                // A bracketed paste of several lines arrives as one; each line counts.
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    unsavedLines.append(String(line))
                    try interpreter.take(String(line))
                    if interpreter.draftLines == nil { saveHistory() }
                }
            case .interrupted(let lineHadText):
                interpreter.interrupted(lineHadText: lineHadText)
            case .endOfInput:
                // Ctrl-D in the middle of a draft keeps what was typed, unsent, for resume.
                try interpreter.keepDraftBeingTyped()
                return
            }
        }
    }

    /// Slash commands, playbook ids after `/start`, what `/followups` takes, option ids at a
    /// choice, allowed answers.
    static func completions(
        line: String, word: String, playbooks: () -> [String], prompt: Prompt?, sessions: () -> [String] = { [] },
        findings: [Finding] = []
    ) -> [String] {
        if line.hasPrefix("/start ") { return playbooks() }
        // Finding numbers, then their rule codes, for the draft on screen.
        if line == "/fix " { return findings.indices.filter { findings[$0].fix != nil }.map { String($0 + 1) } }
        if line == "/accept " {
            return findings.indices.map { String($0 + 1) } + Set(findings.map(\.rule)).sorted()
        }
        if line.hasPrefix("/resume ") { return sessions() }
        if line == "/followups " { return ["due", "open", "all", "done", "snooze"] }
        if line.isEmpty, word.hasPrefix("/") { return LineInterpreter.commands }
        guard line.isEmpty, let prompt else { return [] }
        switch prompt.kind {
        case .choose: return prompt.options.map(\.id)
        case .ask: return prompt.allowed
        case .confirm: return ["y"]
        case .draft: return []
        }
    }
}

/// What is on screen (the prompt, the draft's findings), for the completion callback,
/// which readline calls from C, so it must be `@Sendable`.
final class Snapshot<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ initial: Value) {
        value = Mutex(initial)
    }

    var current: Value {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
