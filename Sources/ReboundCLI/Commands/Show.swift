import ArgumentParser
import Foundation
import ReboundLanguage
import ReboundPostgres
import ReboundReview
import ReboundSession
import ReboundText
import ReboundTranscript

#if canImport(Glibc)
    import Glibc
#endif

/// `rebound show`: a session as a readable story, for coaches.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a session: steps, answers, drafts with their findings, overrides, score and notes.")

    @Argument(help: "A session id or a transcript file.", completion: .sessionIDs)
    var session: String

    @OptionGroup var location: TranscriptsOptions<ReadsTranscripts>

    @OptionGroup var color: ColorOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let stored = try StoredSession(session, location: location, environment: environment)
        let path = stored.name
        let (header, events, problems) = TranscriptCoding.decode(stored.transcript)
        guard let header else { throw InputError("\(path) is not a readable transcript") }
        let notes = CoachNote.decode(stored.notes).notes
        let playbook = (try? PlaybookLibrary.locate(environment: environment).entries())?
            .first { $0.playbook.id?.value == header.playbook.id }?.playbook
        let terminal = isatty(STDOUT_FILENO) == 1
        let style = color.style(for: STDOUT_FILENO, environment: environment)
        var text = SessionStory(header: header, events: events, notes: notes, playbook: playbook, style: style).text
        for problem in problems { text += "\n(\(path): \(problem); skipped)" }
        Self.page(text + "\n", terminal: terminal, environment: environment)
    }

    /// Through `$PAGER` (else `less -R`) on a terminal; straight out otherwise.
    static func page(_ text: String, terminal: Bool, environment: [String: String]) {
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        guard terminal else {
            output.write(text)
            output.flush()
            return
        }
        let pager = environment["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less -R"
        if !Pager.run(pager, input: Array(TerminalText.sanitized(text).utf8)) {
            output.write(text)
            output.flush()
        }
    }
}

/// Runs a pager on the terminal. The pager must stay in Rebound's own process group, the
/// terminal's foreground one: Foundation's `Process` starts children in a group of their
/// own, and a pager there is stopped the moment it touches the terminal (the screen stays
/// blank and `show` never returns). So it is spawned directly, and Rebound ignores Ctrl-C
/// while the pager, which handles it, runs.
enum Pager {
    /// Whether the pager ran; `false` when it could not be started.
    static func run(_ command: String, input: [UInt8]) -> Bool {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        let words: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { word in word.withCString { strdup($0) } }
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments + [nil], environ)
        close(ends[0])
        guard spawned == 0 else {
            close(ends[1])
            return false
        }
        let interrupt = signal(SIGINT, SIG_IGN)
        let brokenPipe = signal(SIGPIPE, SIG_IGN)
        defer {
            signal(SIGINT, interrupt)
            signal(SIGPIPE, brokenPipe)
        }
        // A pager quit before reading everything (q on the first page) closes the pipe: fine.
        _ = writeFully(ends[1], input)
        close(ends[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return true
    }
}

/// The text of `rebound show`.
struct SessionStory {
    let header: TranscriptHeader
    let events: [TranscriptEvent]
    let notes: [CoachNote]
    let playbook: Playbook?
    let style: Style

    var text: String {
        let scorecard = Scorecard(events: events, playbook: playbook)
        let done = events.last { $0.event.kind == .done }?.event
        var lines = [
            style.bold("Session \(one(header.session))")
                + " — \(one(header.playbook.id)) v\(header.playbook.version), agent \(one(header.agent))",
            "Started \(one(header.started)) (\(one(header.timeZone)))"
                + (done.map { ", ended \($0.outcome?.rawValue ?? "") after \(Self.duration($0.seconds))" }
                    ?? ", unfinished"),
            style.bold("Score \(scorecard.score)/100"),
        ]
        for item in scorecard.items {
            lines.append(
                "  " + (item.met ? style.green("✓") : style.red("✗")) + " "
                    + one(item.description))
        }
        let renderer = SourceRenderer(style: style)
        var lastDraft: String?
        for record in events {
            let event = record.event
            let seq = style.dim(String(format: "%4d ", record.seq))
            let text = one(event.text)
            switch event.kind {
            case .step: lines += ["", seq + style.bold("[\(event.step)] \(text)")]
            case .say: lines.append(seq + style.dim("  guidance: \(text)"))
            case .answer:
                let role = event.role.map {
                    style.dim("  (\($0 == .customer ? "identifies the customer" : "money at risk"))")
                }
                lines.append(seq + "  \(one(event.item)) = \(text)" + (role ?? ""))
            case .invalidAnswer:
                lines.append(
                    seq + "  \(one(event.item)) " + style.yellow("refused") + " '\(text)': \(one(event.reason))")
            case .choice: lines.append(seq + "  chose \(one(event.item))")
            case .confirm: lines.append(seq + "  " + style.green("ticked") + " \(text)")
            case .skip: lines.append(seq + "  " + style.yellow("skipped") + " \(text) — \(one(event.reason))")
            case .send where event.text == lastDraft:
                lines.append(seq + "  " + style.bold("sent") + " the draft above, as it was")
            case .draft, .send:
                if event.kind == .draft { lastDraft = event.text }
                lines.append(seq + (event.kind == .send ? "  " + style.bold("sent:") : "  draft:"))
                lines += (event.text ?? "").split(
                    separator: "\n", omittingEmptySubsequences: false
                )
                .map { "        │ " + $0 }
                let source = Array((event.text ?? "").utf8)
                for finding in event.findings ?? [] {
                    let rendered = renderer.render(finding, path: "draft", source: source)
                    lines += rendered.split(separator: "\n").map { "        " + $0 }
                }
            case .accept:
                let words = event.text.map { " \"\(one($0))\"" } ?? ""
                lines.append(
                    seq + "  " + style.yellow("accepted") + " \(one(event.item))\(words): \(one(event.reason))")
            case .customer:
                lines.append(seq + "  " + style.cyan("customer wrote:"))
                lines += (event.text ?? "").split(separator: "\n", omittingEmptySubsequences: false).map {
                    "        > " + $0
                }
            case .back: lines.append(seq + "  back to \(one(event.item))")
            case .followUp: lines.append(seq + "  follow-up in \(event.hours ?? 0) h: \(text)")
            case .redCarpet: lines.append(seq + "  red carpet for the next \(event.contacts ?? 0) contacts: \(text)")
            case .cause: lines.append(seq + "  cause: \(text)")
            case .done: lines.append(seq + "  " + style.green("done: \(event.outcome?.rawValue ?? "")"))
            case .quit: lines.append(seq + "  paused")
            }
            for note in notes where note.event == record.seq { lines.append(noteLine(note)) }
        }
        let general = notes.filter { $0.event == nil }
        if !general.isEmpty { lines += [""] + general.map(noteLine) }
        return lines.joined(separator: "\n")
    }

    /// A field shown inside a line: a line break or any control character in a crafted
    /// transcript is written out (`\\n`), so it cannot start a line of its own ("Score 100/100").
    func one(_ text: String?) -> String {
        (text ?? "").escapingControlCharacters()
    }

    func noteLine(_ note: CoachNote) -> String {
        let label =
            switch note.kind {
            case .note: style.cyan("note")
            case .score: style.cyan("scored")
            case .dispute: style.yellow("dispute")
            case .resolution: style.green("dispute \(note.verdict?.rawValue ?? "resolved")")
            case .acknowledgement: style.dim("acknowledged")
            }
        let score = note.score.map { " (score \($0))" } ?? ""
        let text = note.text.isEmpty ? "" : ": \(one(note.text))"
        // A score lists the items failed and those with a comment: what a calibration talks about.
        let items = note.items.filter { !$0.met || $0.comment != nil }.map { item in
            "\n          \(item.met ? "✓" : "✗") \(item.item). \(one(item.description))"
                + (item.comment.map { ": \(one($0))" } ?? "")
        }
        return "        \(label) by \(one(note.author)) at \(one(note.time))\(score)\(text)" + items.joined()
    }

    static func duration(_ seconds: Int?) -> String {
        guard let seconds else { return "?" }
        return seconds >= 60 ? "\(seconds / 60)m \(seconds % 60)s" : "\(seconds)s"
    }
}

/// `rebound note`: a coach's note on a session, in the sidecar file or the team's store.
struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add a coach's note to a session (never edits the transcript).")

    @Argument(help: "A session id or a transcript file.", completion: .sessionIDs)
    var session: String

    @Argument(help: "The note.")
    var text: String

    @Option(help: "The event the note is about (its seq).")
    var event: Int?

    @Option(help: "A score, 0 to 100.")
    var score: Int?

    @Option(help: "The coach (default: $REBOUND_COACH, else the login name).")
    var coach: String?

    @OptionGroup var location: TranscriptsOptions<ReadsTranscripts>

    func run() throws {
        if let score, !(0...100).contains(score) { throw InputError("--score must be from 0 to 100, not \(score)") }
        let author = try Note.coach(coach)
        try Self.append(
            .note, session: session, event: event, score: score, author: author, text: text, location: location)
    }

    /// The agent `--agent` names, else `$REBOUND_AGENT`, else the login name.
    static func agent(_ option: String?) throws(InputError) -> String {
        try person(option, optionName: "--agent", variable: "REBOUND_AGENT")
    }

    /// The coach `--coach` names, else `$REBOUND_COACH`, else the login name.
    static func coach(_ option: String?) throws(InputError) -> String {
        try person(option, optionName: "--coach", variable: "REBOUND_COACH")
    }

    /// The person named by `option`, else by `$variable`, else the login name; checked.
    private static func person(_ option: String?, optionName: String, variable: String) throws(InputError) -> String {
        if let option { return try PersonName.checked(option, from: optionName) }
        let environment = ProcessInfo.processInfo.environment
        if let name = environment[variable], !name.isEmpty { return try PersonName.checked(name, from: "$\(variable)") }
        if let login = getlogin() { return try PersonName.checked(String(cString: login), from: "the login name") }
        return try PersonName.checked(environment["USER"] ?? "unknown", from: "$USER")
    }

    /// Adds the note beside the session: in its notes file, or in the team's store.
    static func append(
        _ kind: CoachNote.Kind, session: String, event: Int?, score: Int?, author: String, text: String,
        location: TranscriptsOptions<ReadsTranscripts>, verdict: CoachNote.Verdict? = nil,
        scoring: ((TranscriptHeader, [TranscriptEvent]) throws -> (items: [CoachNote.ItemVerdict], score: Int))? = nil
    ) throws {
        guard kind == .score || !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InputError("the note is empty")
        }
        let stored = try StoredSession(session, location: location)
        let (header, events, _) = TranscriptCoding.decode(stored.transcript)
        guard let header else { throw InputError("\(stored.name) is not a readable transcript") }
        // A dispute and an acknowledgement are the agent's own word on their own session.
        if kind == .dispute || kind == .acknowledgement, header.agent != author {
            let action = kind == .dispute ? "dispute" : "acknowledge"
            throw InputError(
                "session \(header.session.escapingControlCharacters()) is \(header.agent.escapingControlCharacters())'s; only that agent can \(action) it (you are \(author))"
            )
        }
        // A resolution answers an open dispute on that event.
        if kind == .resolution,
            !CoachNote.openDisputes(CoachNote.decode(stored.notes).notes).contains(where: { $0.event == event })
        {
            throw InputError(
                "session \(header.session) has no open dispute on event \(event.map(String.init) ?? "?"); 'rebound review' lists open disputes"
            )
        }
        if let event, !events.contains(where: { $0.seq == event }) {
            throw InputError("session \(header.session) has no event \(event) (events 1–\(events.last?.seq ?? 0))")
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = .current
        // Notes and disputes are stored like transcripts: never with a card number in them.
        let redactor = try Redactor()
        let scored = try scoring?(header, events)
        let score = scored?.score ?? score
        let verdicts = (scored?.items ?? []).map {
            CoachNote.ItemVerdict(
                item: $0.item, description: $0.description, met: $0.met, comment: $0.comment.map(redactor.redact))
        }
        let note = CoachNote(
            kind: kind, session: header.session, event: event, score: score, author: redactor.redact(author),
            time: formatter.string(from: Date()), text: redactor.redact(text), verdict: verdict, items: verdicts)
        try stored.addNote(note.line, session: header.session)
        switch kind {
        case .resolution:
            writeStandardOutput(
                "dispute on event \(event.map(String.init) ?? "?") \(verdict?.rawValue ?? "resolved") in session \(header.session)\n"
            )
        case .acknowledgement: writeStandardOutput("feedback on session \(header.session) acknowledged\n")
        case .score:
            let failed = verdicts.filter { !$0.met }.map { String($0.item) }
            writeStandardOutput(
                "session \(header.session) scored \(score.map(String.init) ?? "?") by \(author)"
                    + (failed.isEmpty ? ", every item met\n" : "; items not met: \(failed.joined(separator: ", "))\n"))
        case .note, .dispute: writeStandardOutput("\(kind.rawValue) added to session \(header.session)\n")
        }
    }
}

/// `rebound dispute`: an agent's disagreement with a finding or a note, or a coach's
/// resolution of it (`--resolve`), beside the session. One command rather than a
/// `resolve` subcommand, so that Tab after `rebound dispute` still completes session ids.
struct Dispute: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispute",
        abstract: "Dispute an event of your session, with a reason; or, as a coach, resolve a dispute (--resolve).")

    @Argument(help: "A session id or a transcript file.", completion: .sessionIDs)
    var session: String

    @Option(help: "The event disputed (its seq).")
    var event: Int

    @Argument(help: "Why: the agent's reason, or the coach's for the resolution.")
    var reason: String

    @Option(
        help: ArgumentHelp(
            "Resolve the open dispute on the event instead: accepted or rejected (the author is the coach).",
            valueName: "verdict"))
    var resolve: CoachNote.Verdict?

    @Option(help: "The agent (default: $REBOUND_AGENT, else the login name).")
    var agent: String?

    @Option(help: "The coach resolving it (default: $REBOUND_COACH, else the login name).")
    var coach: String?

    @OptionGroup var location: TranscriptsOptions<ReadsTranscripts>

    func run() throws {
        if let resolve {
            try Note.append(
                .resolution, session: session, event: event, score: nil,
                author: try Note.coach(coach), text: reason,
                location: location, verdict: resolve)
        } else {
            try Note.append(
                .dispute, session: session, event: event, score: nil,
                author: try Note.agent(agent), text: reason,
                location: location)
        }
    }
}

extension CoachNote.Verdict: ExpressibleByArgument {}

/// `rebound ack`: the agent has read the feedback on their session.
struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge the coach's feedback on your session.")

    @Argument(help: "A session id or a transcript file.", completion: .sessionIDs)
    var session: String

    @Argument(help: "A word back to the coach (optional).")
    var message: String = "Read and understood."

    @Option(help: "The agent (default: $REBOUND_AGENT, else the login name).")
    var agent: String?

    @OptionGroup var location: TranscriptsOptions<ReadsTranscripts>

    func run() throws {
        try Note.append(
            .acknowledgement, session: session, event: nil, score: nil,
            author: try Note.agent(agent), text: message,
            location: location)
    }
}
