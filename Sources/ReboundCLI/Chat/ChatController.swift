import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundLedger
import ReboundReview
import ReboundSession
import ReboundText
import ReboundTranscript

/// What a chat front end shows: text for people, JSON events for programs.
protocol ChatOutput: AnyObject {
    func show(_ action: SessionAction, in session: Session)
    func started(session: String, playbook: Playbook, transcript: String, resumed: Bool)
    func ended(session: String, outcome: Outcome?, transcript: String)
    func playbooks(_ entries: [PlaybookLibrary.Entry], unavailable: [PlaybookLibrary.Entry])
    /// Where the session is; `values` are its answers as they would be saved (redacted).
    func status(of session: Session, values: [String: String])
    func unfinished(_ sessions: [UnfinishedSession], clock: Clock, atStart: Bool)
    func notice(_ text: String)
    func error(code: String, _ message: String)
    /// Follow-ups from the ledger: a reminder of those due (`dueCount` of them) at start,
    /// or a listing asked for.
    func followUps(_ items: [FollowUpItem], dueCount: Int?, clock: Clock)
    /// The draft being worked on and its numbered findings (`/draft`, the protocol's `show-draft`).
    func draft(_ draft: WorkingDraft)
    /// Playbooks suggested for a customer's message, best first; `fits` when the best one
    /// scored at least the fit threshold.
    func triage(_ suggestions: [PlaybookTriage.Suggestion], fits: Bool)
    /// A reply as it went to the customer; `copyable` when `/copy` can put it on the clipboard.
    func sent(_ text: String, copyable: Bool)
    /// What the ledger knows about the customer just identified.
    func customer(_ history: CustomerHistory)
    /// What the ledger kept when the session ended.
    func recorded(_ recovery: RecordedRecovery, clock: Clock)
}

/// Runs sessions for one agent: starts playbooks, feeds inputs to the engine, and writes
/// every event to the transcript before anything else is shown.
final class ChatController {
    struct Settings {
        /// The playbooks, each checked when it is first needed.
        let library: PlaybookCatalog
        let transcripts: String
        let agent: String
        let redactor: Redactor
        /// The customer ledger, or why it cannot be written now.
        let ledger: Result<any LedgerStore, LedgerError>
        let clock: Clock
        /// A file each sent reply is written to (`--sent-to`), replacing the one before.
        var sentTo: String?
        /// How `/copy` reaches the clipboard.
        var clipboard: Clipboard?
        /// The front end in use, so messages name its commands.
        var frontEnd: ChatProtocol = .text
        /// The chat's environment, for `$VISUAL`/`$EDITOR`.
        var environment: [String: String] = [:]
        /// Sends each transcript line to the team's store, when `--transcripts` names one.
        var delivery: TranscriptDelivery?
    }

    /// A command as the front end in use spells it: `/start ID` for people, the JSON
    /// object for programs.
    func spelled(_ text: String, _ json: String) -> String {
        settings.frontEnd == .jsonl ? json : text
    }

    let settings: Settings
    let output: any ChatOutput
    let checker = SharedChecker()
    private(set) var session: Session?
    private var sessionID = ""
    /// The last reply sent in this chat, for `/copy` (kept in memory only).
    private var lastSent: String?
    /// The customer's message pasted before a session started: recorded in the session
    /// the agent starts next.
    private var pendingCustomerMessage: String?
    /// The playbooks suggested for it, best first, for picking by number.
    private(set) var suggestions: [String] = []
    /// Suggests playbooks for a customer's message; built on first use.
    private lazy var triage = PlaybookTriage(available.map(\.playbook))
    private var recorder: Recorder?

    init(settings: Settings, output: any ChatOutput) {
        self.settings = settings
        self.output = output
    }

    var available: [PlaybookLibrary.Entry] { settings.library.available }

    var isFinished: Bool { session?.isFinished ?? false }

    func listPlaybooks() {
        let entries = settings.library.entries
        output.playbooks(entries.filter { $0.errorCount == 0 }, unavailable: entries.filter { $0.errorCount > 0 })
    }

    /// Starts a playbook by id; the transcript directory is checked before anything is shown.
    func start(_ id: String) throws(InputError) {
        // Only the files with this id are checked: the first prompt does not wait for the rest.
        let named = settings.library.playbook(id: id)
        guard let entry = named, entry.errorCount == 0 else {
            if let broken = named {
                throw InputError(
                    "playbook '\(id)' has \(count(broken.errorCount, "error")); run 'rebound check \(broken.path)'")
            }
            let suggestion = Suggestion.nearest(to: id, in: available.compactMap { $0.playbook.id?.value })
            throw InputError("no playbook '\(id)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
        }
        // The running session pauses only once the new one can start.
        if let session, !session.isFinished { try quit() }
        sessionID = Self.newSessionID(clock: settings.clock)
        let file = try TranscriptFile(directory: settings.transcripts, session: sessionID)
        deliver(file, session: sessionID)
        let recorder = Recorder(file: file, redactor: settings.redactor, clock: settings.clock)
        let playbook = entry.playbook
        try recorder.writeHeader(
            TranscriptHeader(
                session: sessionID, agent: settings.agent,
                playbook: .init(
                    id: playbook.id?.value ?? id, version: playbook.version?.value ?? 0,
                    sha256: SHA256.hex(entry.source)),
                tool: ReboundVersion.current, started: recorder.startedText, timeZone: TimeZone.current.identifier))
        self.recorder = recorder
        let (session, actions) = Session.start(playbook, checker: checker)
        self.session = session
        output.started(session: sessionID, playbook: playbook, transcript: file.path, resumed: false)
        try perform(actions)
        suggestions = []
        if let message = pendingCustomerMessage {
            pendingCustomerMessage = nil
            try handle(.customerMessage(message))
        }
    }

    /// `/customer TEXT`, or a message pasted before any session: recorded in the running
    /// session, or else used to suggest playbooks (and kept for the session started next).
    func customerMessage(_ text: String) throws(InputError) {
        if let session, !session.isFinished {
            try handle(.customerMessage(text))
            output.notice("The customer's message is kept with the session; drafts are checked knowing it.")
            return
        }
        let result = triage.triage(text)
        let ranked = result.suggestions
        suggestions = Array(ranked.prefix(3).map(\.playbook))
        pendingCustomerMessage = text
        output.triage(Array(ranked.prefix(3)), fits: result.fits)
    }

    /// Starts suggestion `number` (from 1) of the last triage.
    func startSuggestion(_ number: Int) throws(InputError) {
        guard suggestions.indices.contains(number - 1) else {
            output.error(code: "usage", "Pick a suggestion from 1 to \(suggestions.count), or /start ID.")
            return
        }
        try start(suggestions[number - 1])
    }

    /// Continues an unfinished session from its transcript.
    func resume(_ typed: String) throws(InputError) {
        // An id becomes a file name in the transcript directory, so it may hold no `/` or `..`.
        guard isIdentifier(typed) else {
            throw InputError(
                "'\(typed.escapingControlCharacters())' is not a session id; ids look like 20261123-101500-a1b2c3")
        }
        let id = try unfinishedSession(named: typed)
        let path = Self.transcriptPath(settings.transcripts, id)
        let (header, events, problems) = TranscriptCoding.decode(try FileSystem.read(path))
        for problem in problems { output.notice("\(path): \(problem); skipped") }
        guard let header else { throw InputError("\(path) has no readable header") }
        guard let entry = settings.library.playbook(id: header.playbook.id), entry.errorCount == 0 else {
            throw InputError("the playbook '\(header.playbook.id)' of session \(id) is not available")
        }
        if SHA256.hex(entry.source) != header.playbook.sha256 {
            output.notice(
                "playbook '\(header.playbook.id)' changed since the session started; replaying against the current text"
            )
        }
        guard !events.contains(where: { $0.event.kind == .done }) else {
            throw InputError("session \(id) is already finished")
        }
        // The running session pauses only once this one can be resumed.
        if let session, !session.isFinished { try quit() }
        var (session, last) = Session.start(entry.playbook, checker: checker)
        var replayed = Self.records(last)
        for event in events {
            if let input = event.event.resumeInput {
                last = session.handle(input)
                replayed += Self.records(last)
            }
        }
        sessionID = id
        let file = try TranscriptFile(existing: path)
        deliver(file, session: id)
        if let sidecar = file.brokenLinePath {
            output.notice("The transcript's last line was cut off when the chat stopped; it was moved to \(sidecar).")
        }
        let recorder = Recorder(
            file: file, redactor: settings.redactor, clock: settings.clock, resuming: (header, events))
        self.recorder = recorder
        self.session = session
        output.started(session: id, playbook: entry.playbook, transcript: path, resumed: true)
        // A process killed between an input's event and the events it caused (the next
        // step, a follow-up, `done`) left those unwritten: write them now.
        let written = events.map(\.event.kind).filter { $0 != .quit }
        if written.count < replayed.count, Array(replayed.prefix(written.count).map(\.kind)) == written {
            try perform(replayed.dropFirst(written.count).map(SessionAction.record))
            if let outcome = session.outcome {
                return try perform([.finished(outcome)])
            }
        }
        // Show where the session stands: the guidance of the last replayed step, then its prompt.
        if let prompt = session.currentPrompt {
            for case .say(let step, let text) in last { output.show(.say(step: step, text: text), in: session) }
            output.show(.prompt(prompt), in: session)
        }
    }

    func handle(_ input: SessionInput) throws(InputError) {
        guard var session else {
            output.error(
                code: "no-session",
                "Start a playbook first with "
                    + spelled(
                        "/start ID (see /playbooks).", #"{"cmd": "start", "playbook": ID} (see {"cmd": "playbooks"})."#)
            )
            return
        }
        let actions = session.handle(input)
        self.session = session
        try perform(actions)
        if case .quit = input { try quit() }
    }

    /// Records the end of an unfinished session; it can be resumed later.
    func quit() throws(InputError) {
        guard let session, let recorder else { return }
        if !session.isFinished, !hasInput {
            // Nothing was answered: a transcript would only clutter the list of unfinished sessions.
            recorder.file.discard()
            output.notice("Session \(sessionID) had no answers yet; nothing was kept.")
            self.session = nil
            self.recorder = nil
            return
        }
        if !session.isFinished {
            try recorder.record(SessionEvent(.quit, step: session.currentStep?.id.value ?? ""))
        }
        output.ended(session: sessionID, outcome: session.outcome, transcript: recorder.file.path)
        self.session = nil
        self.recorder = nil
    }

    /// A reply was sent: show it whole, and write it to `--sent-to` when asked.
    private func delivered(_ text: String) {
        lastSent = text
        output.sent(text, copyable: settings.clipboard?.method != nil)
        guard let path = settings.sentTo else { return }
        do {
            try FileSystem.replace(path, with: Array((text + "\n").utf8))
            output.notice("The reply is in \(path).")
        } catch {
            output.error(code: "sent-to", "\(error); the reply is in the transcript")
        }
    }

    /// `/copy`: the last reply sent (or, before one is sent, the draft) to the clipboard.
    func copy() {
        guard let text = lastSent ?? session?.workingDraft?.text else {
            output.error(code: "nothing-to-copy", "Nothing to copy yet: /copy copies the reply once it is sent.")
            return
        }
        guard let clipboard = settings.clipboard else {
            output.error(code: "no-clipboard", "The protocol has no clipboard: the reply is in the sent event.")
            return
        }
        switch clipboard.copy(text) {
        case .success(let how): output.notice((lastSent == nil ? "The draft was " : "The reply was ") + how + ".")
        case .failure(let error): output.error(code: "no-clipboard", "\(error)")
        }
    }

    /// `/edit`: the draft (the lines being typed, else the current draft, else nothing) in
    /// the agent's editor; what comes back is checked as the new draft.
    func editDraft(typed: String?) throws(InputError) {
        guard let session, !session.isFinished, session.currentPrompt?.kind == .draft else {
            output.error(code: "no-draft", "/edit works where the playbook asks for a draft.")
            return
        }
        let before = typed ?? session.workingDraft?.text ?? ""
        let after: String
        do {
            after = try DraftEditor(environment: settings.environment).edit(before)
        } catch {
            output.error(code: "editor", "\(error)")
            if let typed { try handle(.draft(typed)) }
            return
        }
        if after.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            output.notice("The editor left the draft empty; nothing changed.")
        } else if after == session.workingDraft?.text, typed == nil {
            output.notice("No change; the draft is as it was.")
        } else {
            try handle(.draft(after))
        }
    }

    /// `/draft`: the current draft with its numbered findings.
    func showDraft() {
        guard let draft = session?.workingDraft else {
            output.error(
                code: "no-draft", "There is no draft yet" + (session == nil ? "; start a playbook first." : "."))
            return
        }
        output.draft(draft)
    }

    /// `/fix N` applies finding N's fix, `/fix` every open finding's; the result is checked
    /// as the new draft (and recorded), so each fix can be seen and taken back by revising.
    func fix(_ argument: String) throws(InputError) {
        let argument = argument.trimmingCharacters(in: .whitespaces)
        guard let draft = session?.workingDraft else {
            output.error(code: "no-draft", "Write a draft first.")
            return
        }
        let chosen: [Finding]
        if argument.isEmpty {
            chosen = draft.open.filter { $0.fix != nil }
            guard !chosen.isEmpty else {
                output.error(
                    code: "no-fix", "No open finding has a fix that can be applied; revise the draft yourself.")
                return
            }
        } else {
            guard
                let (number, finding) = finding(
                    argument, in: draft, usage: spelled("/fix N", #"{"cmd": "fix", "finding": N}"#))
            else { return }
            guard finding.fix != nil else {
                output.error(
                    code: "no-fix",
                    "Finding \(number) (\(finding.rule)) has no fix that can be applied: it needs your judgement. "
                        + "Revise the draft, or accept it with a reason: "
                        + spelled(
                            "/accept \(number) REASON.", #"{"cmd": "accept", "finding": \#(number), "reason": …}."#))
                return
            }
            chosen = [finding]
        }
        let (bytes, applied) = chosen.compactMap(\.fix).applied(to: Array(draft.text.utf8))
        output.notice(applied == 1 ? "Applied 1 fix." : "Applied \(applied) fixes.")
        try handle(.draft(String(decoding: bytes, as: UTF8.self)))
    }

    /// `/accept N REASON` accepts finding N; `/accept RULE REASON` the finding of that rule
    /// when there is one (several must be named by number, so one reason excuses one phrase).
    func accept(_ which: String, reason: String) throws(InputError) {
        guard let draft = session?.workingDraft else {
            output.error(code: "no-draft", "Write a draft first.")
            return
        }
        if Int(which.trimmingPrefix("#")) == nil {
            let rule = which.uppercased()
            let numbers = draft.findings.indices.filter { draft.findings[$0].rule == rule }.map { $0 + 1 }
            guard numbers.count <= 1 else {
                output.error(
                    code: "usage",
                    "The draft has \(numbers.count) \(rule) findings (\(numbers.map { "[\($0)]" }.joined(separator: ", "))); "
                        + "accept one at a time: "
                        + spelled(
                            "/accept \(numbers[0]) REASON.",
                            #"{"cmd": "accept", "finding": \#(numbers[0]), "reason": …}."#))
                return
            }
            let excerpt = numbers.first.map { draft.findings[$0 - 1].excerpt }
            return try handle(.accept(rule: rule, excerpt: excerpt, reason: reason))
        }
        let usage = spelled("/accept N REASON", #"{"cmd": "accept", "finding": N, "reason": …}"#)
        guard let (_, finding) = finding(which, in: draft, usage: usage) else { return }
        try handle(.accept(rule: finding.rule, excerpt: finding.excerpt, reason: reason))
    }

    /// Finding `text` (a number from 1, as the chat shows them, perhaps after `#`) of the
    /// draft; `nil`, with the error shown, when there is no such finding.
    private func finding(_ text: String, in draft: WorkingDraft, usage: String) -> (Int, Finding)? {
        guard let number = Int(text.trimmingPrefix("#")), draft.findings.indices.contains(number - 1) else {
            output.error(
                code: "usage",
                draft.findings.isEmpty
                    ? "The draft has no findings."
                    : "Say which finding, 1 to \(draft.findings.count): \(usage).")
            return nil
        }
        return (number, draft.findings[number - 1])
    }

    func showStatus() {
        guard let session else {
            output.error(code: "no-session", "No session is running.")
            return
        }
        output.status(of: session, values: session.values.mapValues(settings.redactor.redact))
    }

    /// Writes each event before showing what comes after it.
    private func perform(_ actions: [SessionAction]) throws(InputError) {
        guard let session, let recorder else { return }
        for action in actions {
            switch action {
            case .record(let event):
                if event.kind == .quit { continue }
                if try recorder.record(event) {
                    output.notice(
                        "The transcript was deleted while the session ran; it is written again in full at \(recorder.file.path)."
                    )
                }
                if recorder.lastWasRedacted {
                    output.notice(
                        "A card number (or a --redact pattern) was removed before saving; the transcript keeps the rest."
                    )
                }
                if event.kind == .send, let text = event.text { delivered(text) }
            case .identified(let customer):
                identify(customer, in: session)
            case .finished(let outcome):
                output.show(action, in: session)
                keepInLedger(recorder)
                output.ended(session: sessionID, outcome: outcome, transcript: recorder.file.path)
                self.recorder = nil
            default:
                output.show(action, in: session)
            }
        }
    }

    /// Hands each line the file writes to the team's transcript store, if there is one.
    private func deliver(_ file: TranscriptFile, session: String) {
        guard let delivery = settings.delivery else { return }
        file.onWrite = { line in delivery.written(session: session, line: line) }
    }

    // MARK: Ledger

    /// Looks the customer up and counts this contact. A ledger that cannot be reached
    /// costs the greeting, never the session: the transcript has the answer.
    private func identify(_ customer: String, in session: Session) {
        do {
            let history = try settings.ledger.get().contact(
                customer: customer, session: sessionID, playbook: session.playbook.id?.value ?? "",
                agent: settings.agent, at: settings.clock.now())
            if let history { output.customer(history) }
        } catch {
            output.error(code: "ledger", "\(error); the red-carpet check is skipped for this customer")
        }
    }

    /// Stores the finished session's follow-ups, red carpets and money at risk. The
    /// transcript is already complete, so a failure here loses nothing:
    /// `rebound ledger sync` adds the session later.
    private func keepInLedger(_ recorder: Recorder) {
        guard let header = recorder.header, let record = RecoveryRecord(header: header, events: recorder.events) else {
            return
        }
        do {
            output.recorded(try settings.ledger.get().record(record), clock: settings.clock)
        } catch {
            output.error(
                code: "ledger",
                "\(error); the session is saved in \(recorder.file.path), run 'rebound ledger sync \(recorder.file.path)' to add it"
            )
        }
    }

    /// At start: the agent's follow-ups due today or overdue, when there are any.
    func remindFollowUps() throws(InputError) {
        let before = settings.clock.endOfToday()
        guard case .success(let ledger) = settings.ledger else { return }
        let count = try inLedger { try ledger.dueCount(before: before, agent: settings.agent) }
        guard count > 0 else { return }
        let first = try inLedger {
            try ledger.followUps(FollowUpFilter(scope: .due(before: before), agent: settings.agent), limit: 3)
        }
        output.followUps(first, dueCount: count, clock: settings.clock)
    }

    /// `/followups [due|open|all]`: the agent's follow-ups.
    func listFollowUps(_ scope: String) {
        let filter: FollowUpFilter.Scope
        switch scope {
        case "", "due": filter = .due(before: settings.clock.endOfToday())
        case "open": filter = .open
        case "all": filter = .all
        default:
            output.error(
                code: "usage",
                spelled(
                    "Which follow-ups? /followups [due|open|all], /followups done ID NOTE, /followups snooze ID DAYS.",
                    #"Which follow-ups? "scope" is "due", "open" or "all"."#))
            return
        }
        do {
            output.followUps(
                try settings.ledger.get().followUps(FollowUpFilter(scope: filter, agent: settings.agent)),
                dueCount: nil,
                clock: settings.clock)
        } catch {
            output.error(code: "ledger", error.description)
        }
    }

    /// `/followups done ID NOTE` and `/followups snooze ID DAYS`.
    func changeFollowUp(_ action: String, id: Int64, argument: String) {
        do {
            switch action {
            case "done":
                guard !argument.trimmingCharacters(in: .whitespaces).isEmpty else {
                    output.error(
                        code: "usage",
                        "Say what was done, for the record: "
                            + spelled(
                                "/followups done \(id) NOTE.", #"{"cmd": "followup-done", "id": \#(id), "note": …}."#))
                    return
                }
                let item = try settings.ledger.get().complete(
                    id, note: argument, by: settings.agent, at: settings.clock.now())
                output.notice("Follow-up #\(item.id) done.")
            default:
                guard let days = Int(argument), (1...365).contains(days) else {
                    output.error(
                        code: "usage",
                        "Snooze by a number of days from 1 to 365: "
                            + spelled(
                                "/followups snooze ID DAYS.", #"{"cmd": "followup-snooze", "id": ID, "days": DAYS}."#))
                    return
                }
                let item = try settings.ledger.get().snooze(id, days: days, at: settings.clock.now())
                output.notice("Follow-up #\(item.id) now due \(FollowUpText.when(item.due, clock: settings.clock)).")
            }
        } catch {
            output.error(code: "ledger", error.description + listingHint(error))
        }
    }

    /// After "no follow-up #N": how this front end lists them.
    private func listingHint(_ error: LedgerError) -> String {
        guard error.isUnknownFollowUp else { return "" }
        return "; " + spelled("/followups all", #"{"cmd": "followups", "scope": "all"}"#) + " lists them"
    }

    /// Events that record something the agent typed or pasted (the customer's message).
    static let inputKinds: Set<SessionEvent.Kind> = [
        .answer, .invalidAnswer, .choice, .confirm, .skip, .draft, .accept, .send, .back, .customer,
    ]

    /// Whether the running session's transcript holds anything the agent typed.
    private var hasInput: Bool {
        recorder?.events.contains { Self.inputKinds.contains($0.event.kind) } ?? false
    }

    /// The running session's id and step, when it has taken something the agent typed
    /// (switching to another session pauses it).
    var runningSessionWithInput: (id: String, step: String)? {
        guard let session, !session.isFinished, hasInput else { return nil }
        return (sessionID, session.currentStep?.id.value ?? "")
    }

    static func records(_ actions: [SessionAction]) -> [SessionEvent] {
        actions.compactMap { if case .record(let event) = $0, event.kind != .quit { event } else { nil } }
    }

    /// Sessions in the transcript directory that have no `done` yet, newest first.
    func unfinishedSessions() -> [UnfinishedSession] {
        Self.unfinishedSessions(in: settings.transcripts)
    }

    /// Sessions in `directory` that have no `done` yet, newest first. Only the files whose
    /// name starts with `prefix` are read, so completing a typed prefix stays quick.
    static func unfinishedSessions(in directory: String, prefix: String = "") -> [UnfinishedSession] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && $0.hasPrefix(prefix) }.sorted(by: >).compactMap { name in
            let path = transcriptPath(directory, String(name.dropLast(6)))
            guard let bytes = try? FileSystem.read(path) else { return nil }
            let (header, events, _) = TranscriptCoding.decode(bytes)
            guard let header, !events.contains(where: { $0.event.kind == .done }) else { return nil }
            let answers = events.map(\.event).filter { $0.kind == .answer }
            let customer = answers.first { $0.role == .customer || $0.item == "name" } ?? answers.first
            return UnfinishedSession(
                id: header.session, playbook: header.playbook.id, started: header.started, agent: header.agent,
                customer: customer?.text)
        }
    }

    /// The unfinished session `prefix` names: the one whose id it is or starts, when only
    /// one does.
    func unfinishedSession(named prefix: String) throws(InputError) -> String {
        let matches = Self.unfinishedSessions(in: settings.transcripts, prefix: prefix).map(\.id)
        if matches.contains(prefix) || matches.isEmpty { return prefix }
        guard matches.count == 1 else {
            throw InputError(
                "'\(prefix)' starts \(matches.count) unfinished sessions (\(matches.prefix(5).joined(separator: ", "))"
                    + (matches.count > 5 ? ", …" : "") + "); type more of the id")
        }
        return matches[0]
    }

    static func transcriptPath(_ directory: String, _ session: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + session + ".jsonl"
    }

    /// `20261123-101500-a1b2c3`: sortable by start time, unique by the random suffix.
    /// The time is local, by arithmetic: a `DateFormatter` loaded ICU before the first prompt.
    static func newSessionID(clock: Clock) -> String {
        let now = clock.now()
        let suffix = (0..<3).map { _ in String(UInt8.random(in: 0...255), radix: 16).leftPadded(to: 2) }.joined()
        return Timestamp.compact(now, offset: Clock.localOffset(at: now)) + "-" + suffix
    }
}

/// A session with no `done` yet, as the chat lists it for resuming.
struct UnfinishedSession: Equatable {
    let id: String
    let playbook: String
    /// When it started (ISO 8601, from the transcript's header).
    let started: String
    let agent: String
    /// The customer's name or key as answered (redacted as the transcript holds it), if
    /// one was given.
    let customer: String?

    /// "12 min ago", "3 h ago", "2 days ago".
    func age(clock: Clock) -> String {
        guard let date = Timestamp.parse(started) else { return "started \(started)" }
        let minutes = max(0, Int(clock.now().timeIntervalSince(date) / 60))
        switch minutes {
        case ..<1: return "just now"
        case ..<60: return "\(minutes) min ago"
        case ..<(48 * 60): return "\(minutes / 60) h ago"
        default: return "\(minutes / (24 * 60)) days ago"
        }
    }
}
