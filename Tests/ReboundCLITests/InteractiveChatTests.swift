import Foundation
import ReboundTranscript
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The chat through a real pseudo-terminal with readline active.
@Suite("interactive chat")
struct InteractiveChatTests {
    /// A late-delivery chat in a pseudo-terminal, walked to its draft prompt: `name` as the
    /// customer's first name, order 123456, the thread read, remedy 1.
    static func lateDeliveryAtDraft(
        in directory: TemporaryDirectory, name: String = "Maria", agent: [String] = [], history: String
    ) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            arguments: ["chat", "late-delivery", "--transcripts", directory.url.path] + agent,
            environment: [
                "TERM": "xterm", "INPUTRC": "/dev/null", "HOME": directory.url.path, "REBOUND_HISTORY": history,
                "PATH": "/usr/bin:/bin",
            ], directory: ReboundProcess.repositoryRoot.path)
        #expect(terminal.waitFor("Customer's first name?"))
        terminal.type("\(name)\r")
        #expect(terminal.waitFor("Order number?"))
        terminal.type("123456\r")
        #expect(terminal.waitFor("(y, or /skip REASON)"))
        terminal.type("y\r")
        #expect(terminal.waitFor("Which remedy"))
        terminal.type("1\r")
        #expect(terminal.waitFor("draft> "))
        return terminal
    }

    @Test("start with Tab, answer, Ctrl-C on a draft line then on an empty line, draft, revise, send, Ctrl-D")
    func session() throws {
        let directory = try TemporaryDirectory()
        let history = directory.url.appendingPathComponent("state/history").path
        let terminal = try PseudoTerminal(
            arguments: ["chat", "--transcripts", directory.url.path, "--agent", "pat"],
            environment: [
                "TERM": "xterm", "INPUTRC": "/dev/null", "HOME": directory.url.path, "REBOUND_HISTORY": history,
                "PATH": "/usr/bin:/bin",
            ], directory: ReboundProcess.repositoryRoot.path)
        #expect(terminal.waitFor("rebound> "))
        var mark = terminal.output.endIndex
        terminal.type("/star\t")
        #expect(terminal.waitFor("/start ", after: mark))
        terminal.type("late-d\t\r")
        #expect(terminal.waitFor("Customer's first name?"))
        terminal.type("Maria\r")
        #expect(terminal.waitFor("Order number?"))
        terminal.type("123456\r")
        #expect(terminal.waitFor("(y, or /skip REASON)"))
        terminal.type("y\r")
        #expect(terminal.waitFor("Which remedy did Maria pick?"))
        mark = terminal.output.endIndex
        terminal.type("exp\t")
        #expect(terminal.waitFor("express", after: mark))
        terminal.type("\r")
        #expect(terminal.waitFor("draft> "))

        // Ctrl-C cancels the line being typed and keeps the draft's finished lines; Ctrl-C on
        // an empty line asks before discarding them.
        terminal.type("Hi Maria, this draft\r")
        #expect(terminal.waitFor("… "))
        terminal.type("will be thrown")
        #expect(terminal.waitFor("will be thrown"))
        terminal.type("\u{03}")
        #expect(terminal.waitFor("Line cancelled; the draft's 1 line are kept"))
        terminal.type("\u{03}")
        #expect(terminal.waitFor("Discard the 1 line of this draft?"))
        terminal.type("y")
        #expect(terminal.waitFor("Draft discarded."))

        // A multi-line draft with an excuse, flagged; Up brings the whole draft back; then a
        // revision, sent.
        mark = terminal.output.endIndex
        terminal.type("Hi Maria,\rwe were short-staffed.\r.\r")
        #expect(terminal.waitFor("excuse at 2:1", after: mark))
        #expect(terminal.waitFor("send or revise> ", after: mark))
        mark = terminal.output.endIndex
        terminal.type("\u{1B}[A")
        #expect(terminal.waitFor("we were short-staffed.", after: mark))
        terminal.type("\r")
        #expect(terminal.waitFor("excuse at 2:1", after: mark))
        terminal.type("Hi Maria, order 123456 ships by express today and arrives Thursday.\r.\r")
        #expect(terminal.waitFor("No findings.", after: mark))
        mark = terminal.output.endIndex
        terminal.type("\r")
        #expect(terminal.waitFor("Done: resolved.", after: mark))
        // Ctrl-D at the next empty prompt ends the chat.
        #expect(terminal.waitFor("rebound> ", after: mark))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)

        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter {
            $0.hasSuffix(".jsonl")
        }
        let data = try Data(contentsOf: directory.url.appendingPathComponent(try #require(names.first)))
        let decoded = TranscriptCoding.decode([UInt8](data))
        #expect(decoded.problems.isEmpty)
        #expect(decoded.header?.agent == "pat")
        let kinds = decoded.events.map(\.event.kind)
        #expect(
            kinds == [
                .step, .say, .answer, .answer, .confirm, .step, .say, .choice, .step, .draft, .draft, .draft, .send,
                .step,
                .followUp, .done,
            ])
        let drafts = decoded.events.filter { $0.event.kind == .draft }
        #expect(drafts.first?.event.text == "Hi Maria,\nwe were short-staffed.")
        #expect(drafts.first?.event.findings?.contains { $0.rule == "RB201" } == true)
        #expect(!decoded.events.contains { $0.event.text?.contains("thrown") == true })
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("Maria"))
    }

    @Test("at start the terminal shows follow-ups due; /followups completes with Tab; a red carpet greets the customer")
    func ledger() throws {
        let directory = try TemporaryDirectory()
        let ledger = directory.url.appendingPathComponent("ledger.sqlite").path
        let first = try ReboundProcess.run(
            ["chat", "win-back", "--transcripts", directory.url.path, "--agent", "pat", "--ledger", ledger],
            environment: ["REBOUND_NOW": "2026-11-20T10:00:00Z"], stdin: LedgerCommandTests.winBack(account: "AC12345"))
        #expect(first.status == 0, "\(first.stderr)")
        let terminal = try PseudoTerminal(
            arguments: ["chat", "--transcripts", directory.url.path, "--agent", "pat", "--ledger", ledger],
            environment: [
                "TERM": "xterm", "INPUTRC": "/dev/null", "HOME": directory.url.path, "PATH": "/usr/bin:/bin",
                "REBOUND_HISTORY": directory.url.appendingPathComponent("history").path,
                "REBOUND_NOW": "2026-12-21T09:00:00Z",
            ], directory: ReboundProcess.repositoryRoot.path)
        #expect(terminal.waitFor("1 follow-up due today or overdue:"))
        #expect(terminal.waitFor("rebound> "))
        var mark = terminal.output.endIndex
        terminal.type("/follow\t")
        #expect(terminal.waitFor("/followups ", after: mark))
        terminal.type("do\t")
        #expect(terminal.waitFor("done ", after: mark))
        terminal.type("1 Called; both orders shipped express\r")
        #expect(terminal.waitFor("Follow-up #1 done.", after: mark))
        mark = terminal.output.endIndex
        terminal.type("/start win-back\r")
        #expect(terminal.waitFor("First name of the person you will call?", after: mark))
        terminal.type("Jo\r")
        #expect(terminal.waitFor("Account number?", after: mark))
        terminal.type("AC12345\r")
        #expect(terminal.waitFor("Red carpet", after: mark))
        #expect(terminal.waitFor(" for AC12345: contact 1 of 10.", after: mark))
        #expect(terminal.waitFor("Promised: free express shipping", after: mark))
        #expect(terminal.waitFor("What shows they are leaving?", after: mark))
        // Ctrl-D once readline shows its prompt (bracketed paste on, then "> ").
        #expect(terminal.waitFor("\u{1B}[?2004h> ", after: terminal.output.range(of: "What shows")?.lowerBound))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)
    }

    @Test("a resized window, Ctrl-Z and a stop and continue keep the half-typed answer and the prompt")
    func resizeAndSuspend() throws {
        let directory = try TemporaryDirectory()
        let terminal = try PseudoTerminal(
            arguments: ["chat", "late-delivery", "--transcripts", directory.url.path],
            environment: [
                "TERM": "xterm", "INPUTRC": "/dev/null", "HOME": directory.url.path, "PATH": "/usr/bin:/bin",
                "REBOUND_HISTORY": directory.url.appendingPathComponent("history").path,
            ], directory: ReboundProcess.repositoryRoot.path)
        #expect(terminal.waitFor("Customer's first name?"))
        #expect(terminal.waitFor("\u{1B}[?2004h> "))
        terminal.type("Mar")
        #expect(terminal.waitFor("> Mar"))
        terminal.resize(rows: 20, columns: 50)
        // Ctrl-Z: the chat hands the terminal back and stops (here, in a test without a
        // job-control shell, the stop is a no-op); on continuing it redraws the line.
        var mark = terminal.output.endIndex
        kill(terminal.pid, SIGTSTP)
        #expect(terminal.waitFor("> Mar", after: mark))
        mark = terminal.output.endIndex
        kill(terminal.pid, SIGSTOP)
        kill(terminal.pid, SIGCONT)
        #expect(terminal.waitFor("> Mar", after: mark))
        terminal.type("ia\r")
        #expect(terminal.waitFor("Order number?"))
        #expect(terminal.waitFor("\u{1B}[?2004h> ", after: terminal.output.range(of: "Order number?")?.lowerBound))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter {
            $0.hasSuffix(".jsonl")
        }
        let data = try Data(contentsOf: directory.url.appendingPathComponent(try #require(names.first)))
        let answers = TranscriptCoding.decode([UInt8](data)).events.filter { $0.event.kind == .answer }
        #expect(answers.map(\.event.text) == ["Maria"])
    }

    @Test("a bracketed paste of several lines lands in one draft; history keeps card numbers out")
    func pasteAndHistory() throws {
        let directory = try TemporaryDirectory()
        let history = directory.url.appendingPathComponent("history").path
        let terminal = try Self.lateDeliveryAtDraft(in: directory, name: "4111 1111 1111 1111", history: history)
        let mark = terminal.output.endIndex
        terminal.type("\u{1B}[200~Hi there,\nsorry, mistakes happen.\n.\u{1B}[201~\r")
        #expect(terminal.waitFor("excuse at 2:8", after: mark))
        terminal.type("/quit\r")
        #expect(terminal.exitStatus() == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter {
            $0.hasSuffix(".jsonl")
        }
        let data = try Data(contentsOf: directory.url.appendingPathComponent(try #require(names.first)))
        let draft = TranscriptCoding.decode([UInt8](data)).events.first { $0.event.kind == .draft }
        #expect(draft?.event.text == "Hi there,\nsorry, mistakes happen.")
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("[card ending 1111]"))
        #expect(!saved.contains("4111 1111"))
        #expect(!String(decoding: data, as: UTF8.self).contains("4111 1111"))
    }

    @Test("a card number typed over two lines of a draft reaches the history redacted")
    func splitCardInHistory() throws {
        let directory = try TemporaryDirectory()
        let history = directory.url.appendingPathComponent("history").path
        let terminal = try Self.lateDeliveryAtDraft(in: directory, history: history)
        terminal.type("We refunded the card 4111 1111\r")
        #expect(terminal.waitFor("… "))
        terminal.type("1111 1111 today.\r")
        terminal.type(".\r")
        #expect(terminal.waitFor("RB214"))
        terminal.type("/quit\r")
        #expect(terminal.exitStatus() == 0)
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("[card ending 1111]"))
        #expect(!saved.contains("4111 1111"))
        #expect(!saved.contains("1111 1111 today"))
    }

    @Test(
        "nothing typed is lost: Enter asks before sending open findings, /fix, /back and Ctrl-D keep the draft, resume shows it"
    )
    func nothingLost() throws {
        let directory = try TemporaryDirectory()
        let environment = [
            "TERM": "xterm", "INPUTRC": "/dev/null", "HOME": directory.url.path,
            "REBOUND_HISTORY": directory.url.appendingPathComponent("history").path, "PATH": "/usr/bin:/bin",
        ]
        var terminal = try Self.lateDeliveryAtDraft(
            in: directory, agent: ["--agent", "pat"], history: environment["REBOUND_HISTORY"] ?? "")

        // A draft with a warning: Enter asks, n keeps it.
        var mark = terminal.output.endIndex
        terminal.type("Hi Maria, order 123456 ships by express today. We were short-staffed.\r.\r")
        #expect(terminal.waitFor("excuse at 1:48", after: mark))
        #expect(terminal.waitFor("(/fix 1)", after: mark))
        mark = terminal.output.endIndex
        terminal.type("\r")
        #expect(terminal.waitFor("1 finding is still open:", after: mark))
        #expect(terminal.waitFor("[y/N] ", after: mark))
        terminal.type("n")
        #expect(terminal.waitFor("Not sent; the draft is kept.", after: mark))

        // /back with a half-typed revision: the lines become the draft, kept for the prompt.
        mark = terminal.output.endIndex
        terminal.type("Hi Maria, order 123456 ships by express today,\r/back\r")
        #expect(terminal.waitFor("Which remedy", after: mark))
        mark = terminal.output.endIndex
        terminal.type("\r")
        #expect(terminal.waitFor("Your draft:", after: mark))
        #expect(terminal.waitFor("Hi Maria, order 123456 ships by express today,", after: mark))

        // Ctrl-D in the middle of a draft pauses and keeps the lines, unsent.
        mark = terminal.output.endIndex
        terminal.type("Hi Maria, order 123456 ships by express today. We were short-staffed.\r")
        #expect(terminal.waitFor("… ", after: mark))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).first { $0.hasSuffix(".jsonl") })
        let session = String(name.dropLast(6))

        // Resume shows the draft with its findings; /fix 1 applies the fix; Enter sends.
        terminal = try PseudoTerminal(
            arguments: ["chat", "--resume", session, "--transcripts", directory.url.path, "--agent", "pat"],
            environment: environment, directory: ReboundProcess.repositoryRoot.path)
        #expect(terminal.waitFor("Your draft:"))
        #expect(terminal.waitFor("We were short-staffed."))
        #expect(terminal.waitFor("excuse at 1:48"))
        mark = terminal.output.endIndex
        terminal.type("/fix \t")  // Tab completes the number of the one finding with a fix
        #expect(terminal.waitFor("/fix 1", after: mark))
        terminal.type("\r")
        #expect(terminal.waitFor("Applied 1 fix.", after: mark))
        #expect(terminal.waitFor("No findings.", after: mark))
        mark = terminal.output.endIndex
        terminal.type("\r")
        #expect(terminal.waitFor("Done: resolved.", after: mark))
        // No display: /copy sends the reply to the terminal's clipboard with OSC 52.
        mark = terminal.output.endIndex
        terminal.type("/copy\r")
        let encoded = Data("Hi Maria, order 123456 ships by express today.".utf8).base64EncodedString()
        #expect(terminal.waitFor("\u{1B}]52;c;\(encoded)\u{07}", after: mark))
        #expect(terminal.waitFor("OSC 52", after: mark))
        // The prompt after the notice, not the one that took /copy.
        let notice = try #require(terminal.output.range(of: "ignores it).", range: mark..<terminal.output.endIndex))
        #expect(terminal.waitFor("rebound> ", after: notice.upperBound))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)

        let data = try Data(contentsOf: directory.url.appendingPathComponent(name))
        let events = TranscriptCoding.decode([UInt8](data)).events.map(\.event)
        #expect(events.last { $0.kind == .send }?.text == "Hi Maria, order 123456 ships by express today.")
        #expect(events.filter { $0.kind == .send }.count == 1)
    }

    @Test("REBOUND_HISTORY=off keeps no history; the history file is 0600 in a 0700 directory")
    func historyOff() throws {
        let directory = try TemporaryDirectory()
        for setting in ["off", directory.url.appendingPathComponent("state/history").path] {
            let terminal = try PseudoTerminal(
                arguments: [
                    "chat", "--transcripts", directory.url.appendingPathComponent("t").path, "--playbooks",
                    ReboundProcess.repositoryRoot.appendingPathComponent("playbooks").path,
                ],
                environment: [
                    "TERM": "xterm", "INPUTRC": "/dev/null", "HOME": directory.url.path, "REBOUND_HISTORY": setting,
                    "PATH": "/usr/bin:/bin",
                ], directory: directory.url.path)
            #expect(terminal.waitFor("rebound> "))
            terminal.type("/status\r/quit\r")
            #expect(terminal.exitStatus() == 0)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(!names.contains("off"), "\(names)")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".local/state").path))
        var status = stat()
        #expect(
            stat(directory.url.appendingPathComponent("state").path, &status) == 0 && status.st_mode & 0o777 == 0o700)
        #expect(
            stat(directory.url.appendingPathComponent("state/history").path, &status) == 0
                && status.st_mode & 0o777 == 0o600)
    }

    @Test("show pages on a terminal: the pager owns the terminal, reads keys, and q returns within 2 s")
    func pagerOnTerminal() throws {
        let directory = try TemporaryDirectory()
        let session = try CoachToolsTests.session(in: directory)
        // A pager that reads a key from the terminal itself: in a process group of its own it
        // would be stopped there, and show would never return.
        for pager in ["cat; read key < /dev/tty; echo \"pager got $key\"", "less -R"] {
            let terminal = try PseudoTerminal(
                arguments: ["show", session.id, "--transcripts", directory.url.path],
                environment: ["TERM": "xterm", "PAGER": pager, "PATH": "/usr/bin:/bin", "LESS": ""],
                directory: ReboundProcess.repositoryRoot.path)
            #expect(terminal.waitFor("Session \(session.id)"), "\(pager)")
            terminal.type(pager.hasPrefix("less") ? "q" : "q\r")
            #expect(terminal.exitStatus(seconds: 2) == 0, "\(pager)")
            if !pager.hasPrefix("less") { #expect(terminal.waitFor("pager got q")) }
        }
    }

    @Test("a customer's message pasted at rebound> is one message: one ranking, and 1 starts the playbook with it")
    func pastedCustomerMessage() throws {
        let directory = try TemporaryDirectory()
        let terminal = try PseudoTerminal(
            arguments: ["chat", "--transcripts", directory.url.path],
            environment: [
                "TERM": "xterm", "INPUTRC": "/dev/null", "HOME": directory.url.path, "PATH": "/usr/bin:/bin",
                "REBOUND_HISTORY": directory.url.appendingPathComponent("history").path,
            ], directory: ReboundProcess.repositoryRoot.path)
        #expect(terminal.waitFor("rebound> "))
        let mark = terminal.output.endIndex
        terminal.type("\u{1B}[200~Hello,\nmy parcel still hasn't arrived.\nTracking is stuck.\u{1B}[201~\r")
        #expect(terminal.waitFor("Playbooks that may fit:", after: mark))
        #expect(terminal.waitFor("Type 1–3 to start one", after: mark))
        let rankings = terminal.output[mark...].components(separatedBy: "Playbooks that may fit:").count - 1
        #expect(rankings == 1)
        terminal.type("1\r")
        #expect(terminal.waitFor("Started late-delivery", after: mark))
        #expect(terminal.waitFor("Customer's first name?", after: mark))
        terminal.type("Maria\r/quit\r")
        #expect(terminal.exitStatus() == 0)
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).first { $0.hasSuffix(".jsonl") })
        let events = TranscriptCoding.decode([UInt8](try Data(contentsOf: directory.url.appendingPathComponent(name))))
            .events.map(\.event)
        #expect(
            events.first { $0.kind == .customer }?.text == "Hello,\nmy parcel still hasn't arrived.\nTracking is stuck."
        )
    }
}
