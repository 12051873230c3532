import ArgumentParser
import Foundation
import ReboundChecker
import ReboundLedger
import ReboundSession
import ReboundText
import ReboundTranscript
import Synchronization

/// `rebound chat`: walk through a playbook, with every draft checked and every step
/// recorded.
struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Run a recovery session: follow a playbook, draft and check the reply.",
        discussion: """
            Reads plain lines (prompts on standard error, content on standard output), or with \
            --protocol jsonl one JSON command per line (see docs/protocol.md). Answers are \
            typed as they are; drafts end with a line holding only '.'; commands start with '/': \
            /playbooks /start ID /resume [ID] /back /skip REASON /draft /check /fix [N] /accept N REASON /send \
            /copy /status /followups [due|open|all|done ID NOTE|snooze ID DAYS] /help /quit. Enter sends a \
            checked draft, asking first while a warning is open. At start, your unfinished sessions and the \
            follow-ups due today or overdue are shown; when an answer identifies a customer with a red carpet, \
            the chat says so at once.
            """)

    @Argument(help: "The playbook to start (default: choose with /start).", completion: .playbookIDs)
    var playbook: String?

    @OptionGroup var playbooks: PlaybooksOptions

    @OptionGroup var transcripts: TranscriptsOptions<WritesTranscripts>

    @Option(help: "Agent name for the transcript (default: $REBOUND_AGENT, else the login name).")
    var agent: String?

    @Option(help: "Extra pattern to redact before anything is stored (repeatable).")
    var redact: [String] = []

    @Option(help: "Continue an unfinished session by its id.", completion: .unfinishedSessionIDs)
    var resume: String?

    @Option(help: "text (people) or jsonl (programs).")
    var `protocol`: ChatProtocol = .text

    @Option(
        help: ArgumentHelp(
            "Write each sent reply to this file (replacing the one before), ready to paste.", valueName: "file"))
    var sentTo: String?

    @OptionGroup var color: ColorOptions

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let library = try playbooks.library(environment: environment)
        // The ledger opens on another thread while the playbook files are read (each is
        // checked only when it is started, listed or ranked): both stand between launch and
        // the first prompt.
        let ledgerOptions = self.ledger
        let opened = Mutex<Result<Result<any LedgerStore, LedgerError>, InputError>?>(nil)
        let opening = DispatchGroup()
        DispatchQueue.global().async(group: opening) {
            let result = Result { () throws(InputError) in
                try ledgerOptions.openUnlessStorageFails(environment: environment)
            }
            opened.withLock { $0 = result }
        }
        let catalog = try PlaybookCatalog(library)
        opening.wait()
        let ledger = try (opened.withLock { $0 } ?? .failure(InputError("the ledger could not be opened"))).get()
        let directory = transcripts.directory(environment: environment)
        var delivery: TranscriptDelivery?
        if let server = transcripts.server(environment: environment) {
            try FileSystem.makePrivateDirectory(directory)
            delivery = try TranscriptDelivery(url: server, environment: environment)
        }
        try TranscriptFile.prepare(directory)
        var patterns = redact
        if let extra = environment["REBOUND_REDACT"], !extra.isEmpty { patterns.append(extra) }
        let redactor: Redactor
        do {
            redactor = try Redactor(patterns: patterns)
        } catch {
            throw InputError("invalid --redact pattern: \(error)")
        }
        let interactive = `protocol` == .text && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        var settings = ChatController.Settings(
            library: catalog, transcripts: directory, agent: try agentName(environment),
            redactor: redactor,
            ledger: ledger, clock: try Clock.from(environment: environment))
        settings.sentTo = sentTo
        settings.frontEnd = `protocol`
        settings.environment = environment
        settings.delivery = delivery
        if `protocol` == .text {
            settings.clipboard = Clipboard(environment: environment, onTerminal: isatty(STDOUT_FILENO) == 1)
        }
        let output: any ChatOutput =
            `protocol` == .jsonl
            ? JSONChatOutput()
            : TextChatOutput(
                style: color.style(for: interactive ? STDOUT_FILENO : STDERR_FILENO, environment: environment),
                interactive: interactive)
        let controller = ChatController(settings: settings, output: output)
        delivery?.catchUp(directory: directory)
        defer { if let delivery { Self.reportDelivery(delivery, spool: directory, output: output) } }
        if case .failure(let error) = ledger {
            output.error(
                code: "ledger",
                "\(error); the session goes on without the customer ledger (no red carpet or follow-ups); "
                    + "run 'rebound ledger sync' once it can be written")
        }
        try controller.remindFollowUps()
        // Read once: the text chat lists the agent's own at start and completes `/resume` from all.
        let unfinished = `protocol` == .text ? controller.unfinishedSessions() : []
        if let resume {
            try controller.resume(resume)
        } else if let playbook {
            try controller.start(playbook)
        } else if `protocol` == .text {
            controller.listPlaybooks()
            let mine = unfinished.filter { $0.agent == settings.agent }
            output.unfinished(mine, clock: settings.clock, atStart: true)
            output.notice("Start one with /start ID.")
        }
        if interactive {
            try InteractiveChat(
                controller: controller, redactor: redactor, environment: environment, unfinished: unfinished.map(\.id)
            ).run()
            try controller.quit()
            return
        }
        var reader = LineReader(descriptor: STDIN_FILENO)
        switch `protocol` {
        case .text:
            var interpreter = LineInterpreter(controller: controller)
            while let line = try reader.next() {
                try interpreter.take(String(decoding: line, as: UTF8.self))
                if interpreter.wantsToQuit { break }
            }
            try interpreter.keepDraftBeingTyped()
        case .jsonl:
            var number = 0
            while let line = try reader.next() {
                number += 1
                try JSONCommands.take(line, number: number, controller: controller)
            }
        }
        try controller.quit()
    }

    /// When the chat ends: what could not reach the team's transcript store yet, and how
    /// it gets there.
    static func reportDelivery(_ delivery: TranscriptDelivery, spool: String, output: any ChatOutput) {
        let (undelivered, failure) = delivery.finish(waiting: 5)
        guard undelivered > 0 else { return }
        output.error(
            code: "transcripts",
            "\(failure ?? "the transcript store did not answer in time"); \(count(undelivered, "transcript line")) "
                + "wait in \(spool) and are sent at the next chat, or with 'rebound transcripts push \(spool)'")
    }

    func agentName(_ environment: [String: String]) throws(InputError) -> String {
        if let agent { return try PersonName.checked(agent, from: "--agent") }
        if let name = environment["REBOUND_AGENT"], !name.isEmpty {
            return try PersonName.checked(name, from: "$REBOUND_AGENT")
        }
        if let login = getlogin() { return try PersonName.checked(String(cString: login), from: "the login name") }
        return try PersonName.checked(environment["USER"] ?? "agent", from: "$USER")
    }
}

enum ChatProtocol: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
}

/// Turns typed lines into session inputs: slash commands, answers, and drafts that end
/// with a line holding only `.`.
struct LineInterpreter {
    static let commands = [
        "/playbooks", "/start", "/resume", "/back", "/skip", "/draft", "/edit", "/check", "/fix", "/accept", "/send",
        "/copy",
        "/customer", "/status", "/followups", "/help", "/quit",
    ]

    /// A yes-or-no question waiting for the next line (or key).
    enum Question: Equatable {
        /// Enter on a draft with open findings: send it anyway?
        case send
        /// Ctrl-C on an empty line of a draft being typed: throw the typed lines away?
        case discardDraft
        /// `/start` or `/resume` while a session with answers runs: pause it for another?
        case switchSession(command: String, argument: String)
    }

    let controller: ChatController
    /// Lines of a draft being typed.
    private(set) var draftLines: [String]?
    private(set) var wantsToQuit = false
    /// The question the next line answers, if one was asked.
    private(set) var question: Question?

    init(controller: ChatController) {
        self.controller = controller
    }

    mutating func take(_ line: String) throws(InputError) {
        if let asked = question {
            question = nil
            return try answer(asked, with: line)
        }
        if line.hasPrefix("/") {
            try command(line)
            return
        }
        guard let session = controller.session, !session.isFinished, let prompt = session.currentPrompt else {
            // With no session running, a number picks a suggested playbook and any other
            // text is the customer's message, which suggests playbooks.
            if let number = Int(line.trimmingCharacters(in: .whitespaces)), !controller.suggestions.isEmpty {
                try startSuggestion(number)
            } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                try controller.customerMessage(line)
            }
            return
        }
        guard prompt.kind == .draft else {
            try controller.handle(.answer(line))
            return
        }
        if draftLines != nil {
            if line == "." {
                try keepDraftBeingTyped()
            } else {
                // Appended in place: copying the lines for each new one made a
                // 100,000-line paste take minutes.
                draftLines?.append(line)
            }
        } else if line.isEmpty, let draft = session.workingDraft {
            // Enter sends a draft with no open warning; open warnings make it a question.
            guard draft.openWarnings.isEmpty else {
                question = .send
                controller.output.notice(Self.sendQuestion(draft))
                return
            }
            try controller.handle(.send)
        } else if line == "." {
            controller.output.error(code: "empty-draft", "The draft is empty.")
        } else {
            draftLines = [line]
        }
    }

    /// What Enter on a draft with open findings asks.
    static func sendQuestion(_ draft: WorkingDraft) -> String {
        let open = draft.openWarnings
        let listed = open.prefix(5).map { finding in
            let number = (draft.findings.firstIndex(of: finding) ?? 0) + 1
            return
                "  [\(number)] \(finding.severity.rawValue) \(finding.category.rawValue): \(finding.message) [\(finding.rule)]"
        }
        let more = open.count > 5 ? ["  … and \(open.count - 5) more"] : []
        let noun = open.count == 1 ? "finding is" : "findings are"
        return (["\(open.count) \(noun) still open:"] + listed + more).joined(separator: "\n")
            + "\nSend it to the customer anyway? y sends; anything else keeps the draft."
    }

    /// Acts on the answer to a question.
    private mutating func answer(_ asked: Question, with line: String) throws(InputError) {
        let yes = ["y", "yes"].contains(line.trimmingCharacters(in: .whitespaces).lowercased())
        switch (asked, yes) {
        case (.send, true): try controller.handle(.send)
        case (.send, false): controller.output.notice("Not sent; the draft is kept.")
        case (.discardDraft, true):
            draftLines = nil
            controller.output.notice("Draft discarded.")
        case (.discardDraft, false):
            controller.output.notice("The draft's lines are kept; go on typing, and end it with '.'.")
        case (.switchSession(let command, let argument), true): switchSession(command: command, argument: argument)
        case (.switchSession, false):
            controller.output.notice("Kept the session; go on where you were.")
        }
    }

    /// Starts suggestion `number` of the last triage.
    private func startSuggestion(_ number: Int) throws(InputError) {
        do {
            try controller.startSuggestion(number)
        } catch {
            controller.output.error(code: "start", "\(error)")
        }
    }

    /// Starts a playbook or resumes a session (pausing the one running, if any).
    private func switchSession(command: String, argument: String) {
        do {
            if command == "/start" {
                try controller.start(argument)
            } else {
                try controller.resume(argument)
            }
        } catch {
            controller.output.error(code: String(command.dropFirst()), "\(error)")
        }
    }

    /// Ctrl-C in the terminal. On a line with text, readline has already dropped that line
    /// and nothing else goes; on an empty line of a draft, discarding the draft's finished
    /// lines is asked first.
    mutating func interrupted(lineHadText: Bool) {
        guard let lines = draftLines, !lines.isEmpty else { return }
        if lineHadText {
            controller.output.notice(
                "Line cancelled; the draft's \(count(lines.count, "line")) are kept (Ctrl-C on an empty line discards them)."
            )
        } else {
            question = .discardDraft
            controller.output.notice(
                "Discard the \(count(lines.count, "line")) of this draft? y discards; anything else keeps them.")
        }
    }

    /// Checks the lines of a draft being typed as the draft, so they are in the transcript
    /// (unsent) before the session pauses, goes back, or the input ends.
    mutating func keepDraftBeingTyped() throws(InputError) {
        guard let lines = draftLines else { return }
        draftLines = nil
        guard !lines.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return }
        try controller.handle(.draft(lines.joined(separator: "\n")))
    }

    mutating func command(_ line: String) throws(InputError) {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts[0].lowercased()
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "/playbooks": controller.listPlaybooks()
        case "/start", "/resume":
            guard !argument.isEmpty else {
                if name == "/start" {
                    controller.output.error(code: "usage", "Which playbook? /start ID (see /playbooks).")
                } else {
                    controller.output.unfinished(
                        controller.unfinishedSessions(), clock: controller.settings.clock, atStart: false)
                }
                return
            }
            try keepDraftBeingTyped()
            if let running = controller.runningSessionWithInput {
                question = .switchSession(command: name, argument: argument)
                controller.output.notice(
                    "Session \(running.id) is at step '\(running.step)'. Pause it and \(name == "/start" ? "start" : "resume") "
                        + "\(argument.escapingControlCharacters())? y pauses it (/resume \(running.id) continues it later); "
                        + "anything else keeps it.")
                return
            }
            switchSession(command: name, argument: argument)
        case "/back":
            try keepDraftBeingTyped()
            try controller.handle(.back)
        case "/skip": try controller.handle(.skip(reason: argument))
        case "/draft": controller.showDraft()
        case "/edit":
            let typed = draftLines?.joined(separator: "\n")
            draftLines = nil
            try controller.editDraft(typed: typed)
        case "/customer":
            guard !argument.isEmpty else {
                controller.output.error(code: "usage", "Paste what the customer wrote: /customer TEXT.")
                return
            }
            try controller.customerMessage(argument)
        case "/copy": controller.copy()
        case "/check":
            try keepDraftBeingTyped()
            try controller.handle(.check)
        case "/fix":
            try keepDraftBeingTyped()
            try controller.fix(argument)
        case "/accept":
            try keepDraftBeingTyped()
            let pieces = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[1].trimmingCharacters(in: .whitespaces).isEmpty else {
                controller.output.error(code: "usage", "Say which finding and why: /accept N REASON (N from /draft).")
                return
            }
            try controller.accept(pieces[0], reason: pieces[1])
        case "/send":
            try keepDraftBeingTyped()
            try controller.handle(.send)
        case "/status": controller.showStatus()
        case "/followups":
            let words = argument.split(separator: " ", maxSplits: 2).map(String.init)
            if let action = words.first, action == "done" || action == "snooze" {
                if words.count == 2, let id = Int64(words[1].trimmingPrefix("#")) {
                    // `/followups done 4` with no note: the ledger keeps what was done.
                    controller.changeFollowUp(action, id: id, argument: "")
                    return
                }
                guard words.count == 3, let id = Int64(words[1].trimmingPrefix("#")) else {
                    controller.output.error(
                        code: "usage", "Say which follow-up: /followups done ID NOTE or /followups snooze ID DAYS.")
                    return
                }
                controller.changeFollowUp(action, id: id, argument: words[2])
            } else {
                controller.listFollowUps(argument)
            }
        case "/help": controller.output.notice(Self.help)
        case "/quit":
            try keepDraftBeingTyped()
            wantsToQuit = true
        default:
            let suggestion = Suggestion.nearest(to: name, in: Self.commands)
            controller.output.error(
                code: "unknown-command",
                "unknown command '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; see /help"))
        }
    }

    static let help = """
        Answer each prompt by typing. Drafts end with a line holding only '.'; after the check,
        press Enter to send (it asks first while findings are open), /send to send at once, or
        type a revision. Ctrl-C cancels the line being typed.
          /playbooks            list playbooks        /start ID         start one
          /resume               unfinished sessions   /resume ID        continue one
          /back                 previous question     /skip REASON      skip a checklist item
          /draft                the draft and its findings, numbered
          /edit                 the draft in $VISUAL or $EDITOR, checked when you save and quit
          /fix N                apply finding N's fix (/fix: every fix), then check again
          /accept N WHY         accept finding N      /check            check the draft again
          /send                 send the draft        /copy             the sent reply to the clipboard
          /customer TEXT        what the customer wrote (before a session: suggests playbooks)
          /status               progress and answers
          /followups [open|all] follow-ups due today (or every open one, or all)
          /followups done ID NOTE   mark one done     /followups snooze ID DAYS   put one off
          /help                 this help             /quit             pause; resume later
        """
}

/// The JSON-lines protocol: one command object per input line (docs/protocol.md).
enum JSONCommands {
    static func take(_ line: ArraySlice<UInt8>, number: Int, controller: ChatController) throws(InputError) {
        let command: ProtocolCommand
        switch ProtocolCommand.decode(line, number: number) {
        case .success(let decoded): command = decoded
        case .failure(let error):
            controller.output.error(code: error.code, error.message)
            return
        }
        switch command {
        case .start(let id):
            do {
                try controller.start(id)
            } catch {
                controller.output.error(code: "start", "\(error)")
            }
        case .playbooks: controller.listPlaybooks()
        case .sessions:
            controller.output.unfinished(
                controller.unfinishedSessions(), clock: controller.settings.clock, atStart: false)
        case .resume(let id):
            do {
                try controller.resume(id)
            } catch {
                controller.output.error(code: "resume", "\(error)")
            }
        case .input(let input): try controller.handle(input)
        case .acceptFinding(let number, let reason): try controller.accept(String(number), reason: reason)
        case .fix(let number): try controller.fix(number.map(String.init) ?? "")
        case .showDraft: controller.showDraft()
        case .customer(let text): try controller.customerMessage(text)
        case .status: controller.showStatus()
        case .followUps(let scope): controller.listFollowUps(scope)
        case .followUpDone(let id, let note): controller.changeFollowUp("done", id: id, argument: note)
        case .followUpSnooze(let id, let days): controller.changeFollowUp("snooze", id: id, argument: days)
        case .end: try controller.quit()
        }
    }
}
