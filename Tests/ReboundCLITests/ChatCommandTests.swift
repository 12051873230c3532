import Foundation
import ReboundChecker
import ReboundSession
import ReboundText
import ReboundTranscript
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `rebound chat` without a terminal: plain lines and the JSON-lines protocol.
@Suite("rebound chat command")
struct ChatCommandTests {
    /// A whole late-delivery session, typed as plain lines.
    static let lateDelivery = [
        "Maria", "12345", "123456", "y", "2", "Hi Maria, we were short-staffed.", ".",
        "Hi Maria, order 123456 ships today by express and arrives Thursday.", ".", "",
    ]

    static func transcript(in directory: TemporaryDirectory) throws -> (path: String, bytes: [UInt8]) {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter {
            $0.hasSuffix(".jsonl")
        }
        #expect(names.count == 1)
        let path = directory.url.appendingPathComponent(try #require(names.first)).path
        return (path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// The transcript written so far, if any, without asserting (for polling).
    static func transcriptSoFar(in directory: TemporaryDirectory) -> [UInt8]? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.url.path)) ?? []
        guard let name = names.first(where: { $0.hasSuffix(".jsonl") }) else { return nil }
        return try? [UInt8](Data(contentsOf: directory.url.appendingPathComponent(name)))
    }

    /// Runs the protocol over `commands` and decodes every event line.
    static func protocolRun(
        _ commands: [String], in directory: TemporaryDirectory
    ) throws -> (result: ReboundProcess.Result, events: [[String: Any]]) {
        let result = try ReboundProcess.run(
            ["chat", "--protocol", "jsonl", "--transcripts", directory.url.path],
            stdin: commands.joined(separator: "\n") + "\n")
        let events = try result.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        return (result, events)
    }

    @Test(
        "REBOUND_CLOCK_STEP simulates a clock: a piped session has a handle time, the same every run; a bad step is refused"
    )
    func simulatedClock() throws {
        var handled: [String] = []
        for _ in 1...2 {
            let directory = try TemporaryDirectory()
            let result = try ReboundProcess.run(
                ["chat", "late-delivery", "--transcripts", directory.url.path],
                environment: [
                    "REBOUND_NOW": "2026-11-20T10:00:00Z", "REBOUND_CLOCK_STEP": "30s",
                    // Its own ledger: the follow-up this session promises must not remind other tests.
                    "REBOUND_LEDGER": directory.url.path + "/ledger.sqlite",
                ],
                stdin: Self.lateDelivery.joined(separator: "\n") + "\n")
            #expect(result.status == 0, "\(result.stderr)")
            let (path, _) = try Self.transcript(in: directory)
            let story = try ReboundProcess.run(["show", path, "--color", "never"])
            let line = story.stdout.split(separator: "\n").first { $0.hasPrefix("Started ") }.map(String.init) ?? ""
            #expect(line.hasPrefix("Started 2026-11-20T10:0") && line.contains("ended resolved after "), "\(line)")
            #expect(!line.hasSuffix("after 0s"))
            handled.append(line)
        }
        #expect(handled[0] == handled[1], "a simulated clock runs the same every time")
        let bad = try ReboundProcess.run(
            ["chat", "late-delivery"], environment: ["REBOUND_CLOCK_STEP": "soon"], stdin: "")
        #expect(
            bad.status == 2
                && bad.stderr == "rebound: REBOUND_CLOCK_STEP 'soon' is not a step; write it as 30s, 2m or 1h\n")
    }

    @Test("a whole playbook over plain lines: prompts on stderr, findings on stdout, a complete transcript")
    func plainLines() throws {
        let directory = try TemporaryDirectory()
        let result = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path, "--agent", "sam"],
            stdin: Self.lateDelivery.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("warning excuse at 1:11 \"we were short-staffed\""))
        #expect(result.stdout.contains("Done: resolved."))
        #expect(result.stderr.contains("[own] Customer's first name?"))
        #expect(result.stderr.contains("! '12345' does not look right"))
        #expect(!result.stdout.contains("Customer's first name?"))

        let (path, bytes) = try Self.transcript(in: directory)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let decoded = TranscriptCoding.decode(bytes)
        #expect(decoded.problems.isEmpty)
        #expect(decoded.header?.agent == "sam")
        #expect(decoded.header?.playbook.id == "late-delivery")
        #expect(decoded.events.map(\.seq) == Array(1...decoded.events.count))
        let kinds = decoded.events.map(\.event.kind)
        #expect(kinds.filter { $0 == .step }.count == 4)
        #expect(kinds.contains(.invalidAnswer))
        #expect(kinds.suffix(3) == [.step, .followUp, .done])
        let drafts = decoded.events.filter { $0.event.kind == .draft }
        #expect(drafts.first?.event.findings?.contains { $0.rule == "RB201" } == true)
        let sent = try #require(decoded.events.first { $0.event.kind == .send })
        #expect(sent.event.text == "Hi Maria, order 123456 ships today by express and arrives Thursday.")
        #expect(decoded.events.last?.event.outcome == .resolved)
        #expect(decoded.events.last?.event.seconds.map { $0 >= 0 && $0 < 60 } == true)
    }

    @Test("the protocol names findings by number: show-draft, fix, accept with an accepted event; back keeps the draft")
    func protocolFindingsByNumber() throws {
        let directory = try TemporaryDirectory()
        let commands = [
            #"{"cmd": "start", "playbook": "late-delivery"}"#, #"{"cmd": "answer", "text": "Maria"}"#,
            #"{"cmd": "answer", "text": "123456"}"#, #"{"cmd": "answer", "text": "y"}"#,
            #"{"cmd": "answer", "text": "express"}"#, #"{"cmd": "fix"}"#,
            #"{"cmd": "draft", "text": "Per our policy, Maria, order 123456 ships by express today. We were short-staffed."}"#,
            #"{"cmd": "show-draft"}"#, #"{"cmd": "fix", "finding": 9}"#,
            #"{"cmd": "accept", "finding": 1, "reason": "asked"}"#,
            #"{"cmd": "back"}"#, #"{"cmd": "answer", "text": ""}"#, #"{"cmd": "show-draft"}"#, #"{"cmd": "fix"}"#,
            #"{"cmd": "send"}"#,
        ]
        let (result, events) = try Self.protocolRun(commands, in: directory)
        #expect(result.status == 0)
        func named(_ name: String) -> [[String: Any]] { events.filter { $0["event"] as? String == name } }
        let errors = named("error").map { "\($0["code"] ?? "")" }
        #expect(errors == ["no-draft", "usage"], "fix before a draft; finding 9 of 2")
        let drafts = named("draft")
        #expect(drafts.count == 2)
        let firstFindings = try #require(drafts.first?["findings"] as? [[String: Any]])
        #expect(firstFindings.map { $0["rule"] as? String } == ["RB207", "RB201"])
        #expect(drafts.first?["open"] as? [Int] == [1, 2])
        let accepted = try #require(named("accepted").first)
        #expect(accepted["rule"] as? String == "RB207" && accepted["overrides"] as? Bool == true)
        #expect(accepted["excerpt"] as? String == "Per our policy")
        #expect(drafts.last?["text"] as? String == commands[6].split(separator: "\"")[7].description, "kept over back")
        #expect(drafts.last?["open"] as? [Int] == [2], "the acceptance is kept with the draft")
        let done = try #require(named("done").first)
        #expect(done["outcome"] as? String == "resolved")
        let transcript = try Self.transcript(in: directory)
        let recorded = TranscriptCoding.decode(transcript.bytes).events.map(\.event)
        #expect(
            recorded.last { $0.kind == .send }?.text == "Per our policy, Maria, order 123456 ships by express today.")
        #expect(recorded.first { $0.kind == .accept }?.text == "Per our policy")
    }

    @Test("a sent reply is shown whole between rules, written to --sent-to (0600), and /copy hands it to xclip")
    func sentReply() throws {
        let directory = try TemporaryDirectory()
        let sentTo = directory.url.appendingPathComponent("reply.txt").path
        let copied = directory.url.appendingPathComponent("clipboard.txt").path
        try directory.write(
            "bin/xclip", "#!/bin/sh\n[ \"$1 $2\" = \"-selection clipboard\" ] || exit 3\ncat > \"$CLIPBOARD_FILE\"\n")
        chmod(directory.url.appendingPathComponent("bin/xclip").path, 0o755)
        let reply = "Hi Maria, order 123456 ships today by express and arrives Thursday."
        let result = try ReboundProcess.run(
            [
                "chat", "late-delivery", "--transcripts", directory.url.appendingPathComponent("t").path, "--sent-to",
                sentTo,
            ],
            environment: [
                "DISPLAY": ":0", "PATH": directory.url.appendingPathComponent("bin").path + ":/usr/bin:/bin",
                "CLIPBOARD_FILE": copied,
            ],
            stdin: "Maria\n123456\ny\n1\n\(reply)\n.\n\n/copy\n")
        #expect(result.status == 0, "\(result.stderr)")
        let rule = String(repeating: "─", count: 40)
        #expect(result.stdout.contains("(/copy puts it on the clipboard):\n\(rule)\n\(reply)\n\(rule)"))
        #expect(try String(contentsOfFile: sentTo, encoding: .utf8) == reply + "\n")
        var status = stat()
        #expect(stat(sentTo, &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(result.stderr.contains("The reply was copied with xclip."))
        #expect(try String(contentsOfFile: copied, encoding: .utf8) == reply)

        // No display and no terminal: /copy says what to do instead.
        let none = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.appendingPathComponent("t").path],
            environment: ["DISPLAY": "", "WAYLAND_DISPLAY": ""],
            stdin: "Maria\n123456\ny\n1\n\(reply)\n.\n\n/copy\n")
        #expect(none.stderr.contains("no clipboard here"))
        #expect(none.stderr.contains("--sent-to FILE"))
    }

    @Test(
        "sessions: /start asks before pausing one with answers, one without answers is not kept, the start lists mine")
    func switchingSessions() throws {
        let directory = try TemporaryDirectory()
        func transcripts() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasSuffix(".jsonl") }
        }
        // A session with no answer is not kept when another starts or the chat ends.
        let empty = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path, "--agent", "sam"],
            stdin: "/start win-back\n/quit\n")
        #expect(empty.stderr.contains("had no answers yet; nothing was kept"))
        #expect(try transcripts().isEmpty)
        // The customer's pasted message is something typed: that session is kept.
        let pasted = try ReboundProcess.run(
            ["chat", "--transcripts", directory.url.path, "--agent", "sam"],
            stdin: "My parcel still hasn't arrived and tracking is stuck.\n1\n/quit\n")
        #expect(!pasted.stderr.contains("nothing was kept"))
        let withMessage = try transcripts()
        #expect(withMessage.count == 1)
        for name in withMessage { try FileManager.default.removeItem(at: directory.url.appendingPathComponent(name)) }

        // With an answer, /start asks; anything but y keeps the session, y pauses it.
        let asked = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path, "--agent", "sam"],
            stdin: "Maria\n/start win-back\nno\n123456\n/start win-back\ny\nAcme\n/quit\n")
        #expect(asked.stderr.contains("is at step 'own'. Pause it and start win-back?"))
        #expect(asked.stderr.contains("Kept the session; go on where you were."))
        #expect(asked.stdout.contains("Started win-back"))
        let kept = try transcripts()
        #expect(kept.count == 2)
        let late = try #require(
            try kept.first {
                try String(contentsOfFile: directory.url.path + "/" + $0, encoding: .utf8).contains("late-delivery")
            })
        let lateID = String(late.dropLast(6))
        let answers = TranscriptCoding.decode(
            [UInt8](try Data(contentsOf: directory.url.appendingPathComponent(late)))
        ).events.filter { $0.event.kind == .answer }.map(\.event.text)
        #expect(answers == ["Maria", "123456"], "the line after the question was not taken as an answer")

        // At start: my unfinished sessions, with the customer and their age; another agent's are not listed.
        let listed = try ReboundProcess.run(
            ["chat", "--transcripts", directory.url.path, "--agent", "sam"], stdin: "/quit\n")
        #expect(
            listed.stdout.contains("Your unfinished sessions (/resume ID continues one; the start of an id is enough):")
        )
        let row = try #require(listed.stdout.split(separator: "\n").first { $0.contains(lateID) })
        #expect(row.contains("late-delivery") && row.contains("Maria") && row.hasSuffix("just now"))
        let other = try ReboundProcess.run(
            ["chat", "--transcripts", directory.url.path, "--agent", "kim"], stdin: "/quit\n")
        #expect(!other.stdout.contains("Your unfinished sessions"))

        // A unique start of the id resumes; the chat says "Resumed".
        let winBack = String(try #require(kept.first { $0 != late }).dropLast(6))
        let shared = zip(lateID, winBack).prefix { $0 == $1 }.count
        let unique = String(lateID.prefix(shared + 1))
        let resumed = try ReboundProcess.run(
            ["chat", "--resume", unique, "--transcripts", directory.url.path, "--agent", "sam"], stdin: "/quit\n")
        #expect(resumed.stdout.contains("Resumed late-delivery"), "\(unique): \(resumed.stderr)")
        let ambiguous = try ReboundProcess.run(
            ["chat", "--resume", "2", "--transcripts", directory.url.path, "--agent", "sam"], stdin: "")
        #expect(ambiguous.stderr.contains("'2' starts 2 unfinished sessions"))
    }

    @Test("a pasted customer message suggests playbooks with reasons; a number starts one and keeps the message")
    func triageAndCustomerMessage() throws {
        let directory = try TemporaryDirectory()
        let message = "My parcel still hasn't arrived and the tracking has been stuck for a week!"
        let result = try ReboundProcess.run(
            ["chat", "--transcripts", directory.url.path, "--agent", "sam"],
            stdin: "\(message)\n1\nMaria\n/customer Also, order 123456 was paid by card.\n123456\n/quit\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Playbooks that may fit:"))
        let first = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  1) ") })
        #expect(first.contains("late-delivery") && first.contains("“tracking”"))
        #expect(result.stdout.contains("Started late-delivery"))
        let events = TranscriptCoding.decode(try Self.transcript(in: directory).bytes).events.map(\.event)
        #expect(
            events.filter { $0.kind == .customer }.map(\.text) == [message, "Also, order 123456 was paid by card."])
        #expect(events.filter { $0.kind == .answer }.map(\.text) == ["Maria", "123456"])
        let shown = try ReboundProcess.run(
            ["show", try Self.transcript(in: directory).path])
        #expect(shown.stdout.contains("customer wrote:"))
        #expect(shown.stdout.contains("> \(message)"))

        // Unrelated text fits none, and says so; the protocol gives the ranking as an event.
        let unrelated = try ReboundProcess.run(
            ["chat", "--transcripts", directory.url.path], stdin: "What time do you open on Sundays?\n")
        #expect(unrelated.stdout.contains("No playbook clearly fits this message."))
        let json = try ReboundProcess.run(
            ["chat", "--protocol", "jsonl", "--transcripts", directory.url.path],
            stdin: #"{"cmd": "customer", "text": "The blender arrived cracked and won't turn on"}"# + "\n")
        let triage = try #require(
            json.stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }.first { $0["event"] as? String == "triage" })
        #expect(triage["fits"] as? Bool == true)
        let suggestions = try #require(triage["suggestions"] as? [[String: Any]])
        #expect(suggestions.first?["playbook"] as? String == "broken-product")
        #expect(suggestions.count == 3)
    }

    @Test("/edit opens the draft in $EDITOR, checks what comes back, and leaves no file behind")
    func editInEditor() throws {
        let directory = try TemporaryDirectory()
        let temporary = directory.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let seen = directory.url.appendingPathComponent("seen.txt").path
        try directory.write(
            "editor",
            "#!/bin/sh\ncp \"$1\" \"\(seen)\"\nstat -c %a \"$1\" >> \"\(seen)\"\n"
                + "printf 'Hi Maria, order 123456 ships by express today.\\n' > \"$1\"\n")
        chmod(directory.url.appendingPathComponent("editor").path, 0o755)
        let result = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.appendingPathComponent("t").path],
            environment: [
                "EDITOR": directory.url.appendingPathComponent("editor").path, "VISUAL": "", "TMPDIR": temporary.path,
            ],
            stdin: "Maria\n123456\ny\n1\nHi Maria, we were short-staffed.\n.\n/edit\n\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: seen, encoding: .utf8) == "Hi Maria, we were short-staffed.600\n")
        #expect(result.stdout.contains("No findings."))
        #expect(result.stdout.contains("Done: resolved."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "nothing left behind")
        let failed = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.appendingPathComponent("t").path],
            environment: ["EDITOR": "false", "VISUAL": "", "TMPDIR": temporary.path],
            stdin: "Maria\n123456\ny\n1\nHi Maria, we were short-staffed.\n.\n/edit\n/draft\n")
        #expect(failed.stderr.contains("the editor 'false' exited with status 1; the draft is as it was"))
        #expect(failed.stdout.contains("│ Hi Maria, we were short-staffed."))
    }

    @Test("messages name the front end's own commands; a follow-up done without a note is refused")
    func frontEndWords() throws {
        let directory = try TemporaryDirectory()
        let ledger = directory.url.appendingPathComponent("ledger.sqlite").path
        let text = try ReboundProcess.run(
            ["chat", "--transcripts", directory.url.path, "--ledger", ledger],
            stdin: "/send\n/followups done 4\n/followups done 42 called back\n")
        #expect(text.stderr.contains("Start a playbook first with /start ID (see /playbooks)."))
        #expect(text.stderr.contains("Say what was done, for the record: /followups done 4 NOTE."))
        #expect(text.stderr.contains("no follow-up #42; /followups all lists them"))
        let json = try ReboundProcess.run(
            ["chat", "--protocol", "jsonl", "--transcripts", directory.url.path, "--ledger", ledger],
            stdin: [
                #"{"cmd": "send"}"#, #"{"cmd": "followup-done", "id": 4, "note": " "}"#,
                #"{"cmd": "followup-done", "id": 42, "note": "x"}"#, #"{"cmd": "start", "playbook": "late-delivery"}"#,
                #"{"cmd": "answer", "text": "Maria"}"#, #"{"cmd": "answer", "text": "123456"}"#,
                #"{"cmd": "answer", "text": "n"}"#, #"{"cmd": "fix", "finding": 1}"#,
            ].joined(separator: "\n") + "\n")
        let messages = json.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["message"] as? String
        }
        #expect(messages.contains { $0.contains(#"{"cmd": "start", "playbook": ID}"#) })
        #expect(messages.contains { $0.contains(#"{"cmd": "followup-done", "id": 4, "note": …}"#) })
        #expect(
            messages.contains { $0.contains(#"no follow-up #42; {"cmd": "followups", "scope": "all"} lists them"#) })
        #expect(messages.contains("Confirm with y, or skip it with a reason."))
        #expect(!messages.contains { $0.contains("/start") || $0.contains("/skip") || $0.contains("/accept") })
    }

    @Test("the JSON-lines protocol: one event per line, errors for malformed commands, the session goes on")
    func protocolJSONLines() throws {
        let directory = try TemporaryDirectory()
        let commands = [
            #"{"cmd": "start", "playbook": "late-delivery"}"#, #"{"cmd": "answer", "text": "Maria"}"#, "not json",
            #"{"cmd": "answr", "text": "x"}"#, #"{"cmd": "answer"}"#, #"{"cmd": "answer", "text": "123456"}"#,
            #"{"cmd": "skip", "reason": "no thread to read"}"#, #"{"cmd": "answer", "text": "express"}"#,
            #"{"cmd": "draft", "text": "Hi Maria, per our policy we resend."}"#, #"{"cmd": "send"}"#,
            #"{"cmd": "accept", "rule": "RB207", "reason": "the customer asked for the policy"}"#,
            #"{"cmd": "status"}"#, #"{"cmd": "send"}"#,
        ]
        let (result, events) = try Self.protocolRun(commands, in: directory)
        #expect(result.status == 0)
        let names = events.compactMap { $0["event"] as? String }
        #expect(names.first == "started")
        #expect(names.filter { $0 == "error" }.count == 3)
        let prompt = try #require(events.first { $0["event"] as? String == "prompt" })
        #expect(prompt["kind"] as? String == "ask" && prompt["id"] as? String == "name")
        #expect(prompt["pattern"] is NSNull && (prompt["options"] as? [Any])?.isEmpty == true)
        let errors = events.filter { $0["event"] as? String == "error" }.compactMap { $0["message"] as? String }
        #expect(errors[1] == "line 4: unknown command 'answr'; did you mean 'answer'?")
        #expect(errors[2] == "line 5: \"answer\" needs a \"text\" string")
        let findings = try #require(
            events.first { $0["event"] as? String == "findings" }?["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "RB207" })
        // One schema: the protocol, the transcript and `rebound lint` write a finding with
        // the same keys in the same order.
        let findingKeys = Finding.JSONKey.allCases.map(\.rawValue)
        let protocolLine = try #require(
            result.stdout.split(separator: "\n").first { $0.contains(#""event":"findings""#) })
        #expect(try orderedKeys(ofFirstFindingIn: String(protocolLine)) == findingKeys)
        let transcriptFile = try #require(
            FileManager.default.contentsOfDirectory(atPath: directory.url.path).first { $0.hasSuffix(".jsonl") })
        let transcript = try String(contentsOf: directory.url.appendingPathComponent(transcriptFile), encoding: .utf8)
        let draftLine = try #require(transcript.split(separator: "\n").first { $0.contains(#""kind":"draft""#) })
        #expect(try orderedKeys(ofFirstFindingIn: String(draftLine)) == findingKeys)
        let lint = try ReboundProcess.run(
            ["lint", "--input", "jsonl", "--format", "json"], stdin: #"{"id": 1, "text": "Per our policy, no."}"# + "\n"
        )
        #expect(try orderedKeys(ofFirstFindingIn: lint.stdout) == findingKeys)
        #expect(names.contains("rejected"))
        #expect(names.contains("status"))
        #expect(names.last == "done")
        #expect(events.last?["outcome"] as? String == "resolved")
    }

    @Test("killed mid-session, every acknowledged event is on disk, and --resume finishes the session")
    func killAndResume() throws {
        let directory = try TemporaryDirectory()
        let running = try ReboundProcess.launch(["chat", "late-delivery", "--transcripts", directory.url.path])
        let process = running.process
        running.input.write(Data("Maria\n123456\ny\n".utf8))
        // Wait until the choice prompt's step is on disk, then kill without warning.
        let deadline = Date().addingTimeInterval(20)
        var acknowledged: [TranscriptEvent] = []
        while Date() < deadline {
            if let bytes = Self.transcriptSoFar(in: directory) {
                acknowledged = TranscriptCoding.decode(bytes).events
                if acknowledged.contains(where: { $0.event.kind == .step && $0.event.step == "plan" }) { break }
            }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(acknowledged.map(\.event.kind).contains(.confirm))

        let (path, bytes) = try Self.transcript(in: directory)
        let session = try #require(TranscriptCoding.decode(bytes).header?.session)
        let resumed = try ReboundProcess.run(
            ["chat", "--resume", session, "--transcripts", directory.url.path],
            stdin: "1\nHi Maria, order 123456 ships today and arrives Thursday.\n.\n\n")
        #expect(resumed.status == 0)
        #expect(resumed.stderr.contains("[plan] Which remedy did Maria pick?"))
        let final = TranscriptCoding.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(final.problems.isEmpty)
        #expect(final.events.map(\.seq) == Array(1...final.events.count))
        #expect(final.events.last?.event.outcome == .resolved)
        #expect(final.events.filter { $0.event.kind == .answer }.map(\.event.text) == ["Maria", "123456"])
    }

    @Test("card numbers never reach the transcript")
    func redaction() throws {
        let directory = try TemporaryDirectory()
        let lines = ["4111 1111 1111 1111", "123456", "y", "1", "Card 4111-1111-1111-1111 is refunded today.", ".", ""]
        let result = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path, "--redact", "Maria"],
            stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        let text = String(decoding: try Self.transcript(in: directory).bytes, as: UTF8.self)
        #expect(!text.contains("4111 1111") && !text.contains("4111-1111") && !text.contains("411111"))
        #expect(text.contains("[card ending 1111]"))
        #expect(result.stderr.contains("A card number (or a --redact pattern) was removed before saving"))
    }

    @Test("an answer accepted and then redacted stays accepted on resume; the steps after it are kept")
    func resumeAfterRedaction() throws {
        let directory = try TemporaryDirectory()
        let first = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path, "--redact", "12345[0-9]"],
            stdin: "Maria\n123456\ny\n")
        #expect(first.status == 0)
        let (_, bytes) = try Self.transcript(in: directory)
        let decoded = TranscriptCoding.decode(bytes)
        #expect(decoded.events.contains { $0.event.item == "order" && $0.event.text == "[redacted]" })
        let session = try #require(decoded.header?.session)
        let resumed = try ReboundProcess.run(
            ["chat", "--resume", session, "--transcripts", directory.url.path], stdin: "1\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(!resumed.stderr.contains("Order number?"), "the redacted order is not asked again")
        #expect(resumed.stderr.contains("[plan] Which remedy did Maria pick?"))
    }

    @Test("a card typed as an answer reaches no prompt and no status event: only its last four digits")
    func statusRedacted() throws {
        let directory = try TemporaryDirectory()
        let commands = [
            #"{"cmd": "start", "playbook": "late-delivery"}"#,
            #"{"cmd": "answer", "text": "Maria, card 4111-1111-1111-1111"}"#, #"{"cmd": "answer", "text": "123456"}"#,
            #"{"cmd": "answer", "text": "y"}"#, #"{"cmd": "status"}"#,
        ]
        let result = try ReboundProcess.run(
            ["chat", "--protocol", "jsonl", "--transcripts", directory.url.path],
            stdin: commands.joined(separator: "\n") + "\n")
        let status = try #require(result.stdout.split(separator: "\n").first { $0.contains(#""event":"status""#) })
        #expect(status.contains(#""name":"Maria, card [card ending 1111]""#))
        #expect(result.stdout.contains("Which remedy did Maria, card [card ending 1111] pick?"))
        #expect(!result.stdout.contains("4111-1111"))
    }

    @Test("an unwritable transcript directory is one clear line before the session starts")
    func unwritableDirectory() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("not-a-dir", "x")
        let result = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", file.path + "/sub"], stdin: "Maria\n")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("rebound: cannot create the transcript directory '\(file.path)/sub': "))
    }

    @Test("a huge answer is refused; a long one, invalid UTF-8, NUL bytes and escapes are taken and shown escaped")
    func hostileInput() throws {
        let directory = try TemporaryDirectory()
        var input = Data(String(repeating: "a", count: 1_000_000).utf8) + Data("\n".utf8)
        input += Data(String(repeating: "b", count: 1_900).utf8) + Data("\n".utf8)
        input += Data([0x31, 0x32, 0xFF, 0x00, 0x0A])
        input += Data("123456\n\u{1B}[31my\n".utf8)
        let process = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path], input: input)
        #expect(process.status == 0)
        #expect(!process.stderr.contains("\u{1B}[31m"))
        let decoded = TranscriptCoding.decode(try Self.transcript(in: directory).bytes)
        #expect(decoded.problems.isEmpty)
        #expect(process.stderr.contains("That answer is longer than 2000 bytes"))
        #expect(decoded.events.first { $0.event.item == "name" }?.event.text?.count == 1_900)
    }

    @Test("unknown playbooks and commands get did-you-mean; a playbook with errors is not offered")
    func unknowns() throws {
        let directory = try TemporaryDirectory()
        let playbooks = try TemporaryDirectory()
        try playbooks.write(
            "broken.playbook", "playbook broken \"Broken\"\nversion 1\nsummary x\nstep a \"A\"\n  done resolvd\n")
        try playbooks.write(
            "good.playbook",
            "playbook good \"Good\"\nversion 1\nsummary x\nstep a \"A\"\n  ask n \"N?\"\n  done resolved\n")
        let result = try ReboundProcess.run(
            ["chat", "--playbooks", playbooks.url.path, "--transcripts", directory.url.path],
            stdin: "/strat good\n/start godo\n/start broken\n/start good\nx\n")
        #expect(result.stderr.contains("unknown command '/strat'; did you mean '/start'?"))
        #expect(result.stderr.contains("no playbook 'godo'; did you mean 'good'?"))
        #expect(result.stderr.contains("playbook 'broken' has 1 error; run 'rebound check"))
        #expect(result.stdout.contains("broken.playbook: 1 error; not offered"))
        #expect(result.stdout.contains("Done: resolved."))
    }

    @Test(
        "among 100 playbooks only the one started is checked: a broken one is reported when started, listed as not offered; the due follow-ups still come first"
    )
    func brokenAmongMany() throws {
        let directory = try TemporaryDirectory()
        let playbooks = try TemporaryDirectory()
        let good = "version 1\nsummary x\nstep a \"A\"\n  ask n \"N?\"\n  done resolved\n"
        for number in 1...100 where number != 37 {
            // Some say who they are only after a comment and a blank line.
            let comment = number.isMultiple(of: 2) ? "# playbook p\(number + 1)\n\n" : ""
            try playbooks.write("p\(number).playbook", "\(comment)playbook p\(number) \"P\(number)\"\n" + good)
        }
        try playbooks.write(
            "p37.playbook", "playbook p37 \"Broken\"\nversion 1\nsummary x\nstep a \"A\"\n  done resolvd\n")
        // A ledger with one follow-up overdue for the agent: the reminder the chat opens with.
        let rows = try TemporaryDirectory()
        try rows.write(
            "customers.csv", "key,label,first_seen,last_seen\nAA1,Ann,2026-01-01T00:00:00Z,2026-11-01T00:00:00Z\n")
        try rows.write(
            "recoveries.csv",
            "session,customer,playbook,agent,started,finished,outcome,amount,currency,cause\n"
                + "r1,AA1,p1,pat,2026-10-20T10:00:00Z,2026-10-20T10:10:00Z,resolved,10.50,USD,late\n")
        try rows.write(
            "follow-ups.csv",
            "id,session,ordinal,customer,agent,playbook,step,text,due,status,completed,note,snoozes\n"
                + "1,r1,1,AA1,pat,p1,close,Check order 1,2026-11-20T10:00:00Z,open,,,0\n")
        let ledger = directory.url.path + "/ledger.sqlite"
        let imported = try ReboundProcess.run(["ledger", "import", rows.url.path, "--ledger", ledger])
        #expect(imported.status == 0, "\(imported.stderr)")
        let result = try ReboundProcess.run(
            ["chat", "--protocol", "jsonl", "--playbooks", playbooks.url.path, "--transcripts", directory.url.path],
            environment: ["REBOUND_LEDGER": ledger, "REBOUND_AGENT": "pat", "REBOUND_NOW": "2026-11-23T09:00:00Z"],
            stdin: [
                #"{"cmd": "start", "playbook": "p37"}"#, #"{"cmd": "start", "playbook": "p38"}"#,
                #"{"cmd": "start", "playbook": "q50"}"#, #"{"cmd": "playbooks"}"#,
            ].joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let all = try result.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(
            all.map { $0["event"] as? String } == [
                "followups", "error", "started", "prompt", "error", "playbooks", "notice",
            ])
        try #require(all.count == 7)
        #expect(all.first?["due"] as? Int == 1)
        let events = Array(all.dropFirst())
        let broken = events[0]["message"] as? String ?? ""
        #expect(broken.hasPrefix("playbook 'p37' has 1 error; run 'rebound check "), "\(broken)")
        #expect(broken.hasSuffix("p37.playbook'"), "\(broken)")
        #expect(events[1]["playbook"] as? String == "p38")
        #expect(events[2]["text"] as? String == "N?")
        #expect(events[3]["message"] as? String == "no playbook 'q50'; did you mean 'p50'?")
        let listed = try #require(events[4]["playbooks"] as? [[String: Any]])
        #expect(listed.count == 99)
        #expect(listed.compactMap { $0["id"] as? String } == (1...100).filter { $0 != 37 }.map { "p\($0)" }.sorted())
        let unavailable = try #require(events[4]["unavailable"] as? [String])
        #expect(unavailable.count == 1 && unavailable[0].hasSuffix("/p37.playbook"))
    }

    @Test("a transcript cut mid-line: resume moves the fragment to a .broken sidecar, the transcript stays JSON lines")
    func resumeAfterTruncation() throws {
        let directory = try TemporaryDirectory()
        _ = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path], stdin: "Maria\n123456\ny\n")
        var (path, bytes) = try Self.transcript(in: directory)
        bytes.removeLast(25)  // cut into the last event, as a kill during a write would
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let fragment = Array(bytes[((bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1)...])
        let session = try #require(TranscriptCoding.decode(bytes).header?.session)

        let listing = try ReboundProcess.run(["chat", "--transcripts", directory.url.path], stdin: "/resume\n")
        #expect(listing.stdout.contains("Unfinished sessions (resume one with /resume ID):"))
        #expect(listing.stdout.contains(session))

        let resumed = try ReboundProcess.run(
            ["chat", "--transcripts", directory.url.path],
            stdin: "/resume \(session)\n1\nHi Maria, order 123456 ships today.\n.\n\n")
        #expect(resumed.status == 0)
        #expect(resumed.stderr.contains("truncated last line; skipped"))
        #expect(resumed.stderr.contains("it was moved to \(path).broken"))
        #expect(resumed.stdout.contains("Done: resolved."))
        let sidecar = try Data(contentsOf: URL(fileURLWithPath: path + ".broken"))
        #expect([UInt8](sidecar) == Array(fragment) + [UInt8(ascii: "\n")], "the fragment is kept, byte for byte")
        let repaired = try Self.transcript(in: directory).bytes
        for line in repaired.split(separator: UInt8(ascii: "\n")) {
            #expect((try? JSONSerialization.jsonObject(with: Data(line))) != nil, "every line is JSON, as jq needs")
        }
        let final = TranscriptCoding.decode(repaired)
        #expect(final.problems.isEmpty)
        #expect(final.events.last?.event.outcome == .resolved)
        #expect(Set(final.events.map(\.seq)).count == final.events.count, "sequence numbers stay unique")
    }

    @Test("a playbook file deleted mid-session does not disturb the session")
    func playbookDeleted() throws {
        let directory = try TemporaryDirectory()
        let playbooks = try TemporaryDirectory()
        let file = try playbooks.write(
            "mini.playbook",
            "playbook mini \"Mini\"\nversion 1\nsummary x\nstep a \"A\"\n  ask n \"N?\"\n  draft \"Write.\"\n  done resolved\n"
        )
        let running = try ReboundProcess.launch([
            "chat", "mini", "--protocol", "jsonl", "--playbooks", playbooks.url.path, "--transcripts",
            directory.url.path,
        ])
        let process = running.process
        running.input.write(Data("{\"cmd\": \"answer\", \"text\": \"Ann\"}\n".utf8))
        let reader = running.output
        var seen = ""
        while !seen.contains("\"kind\":\"draft\"") {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        try FileManager.default.removeItem(at: file)
        running.input.write(
            Data("{\"cmd\": \"draft\", \"text\": \"Hi Ann, done today.\"}\n{\"cmd\": \"send\"}\n".utf8))
        try running.input.close()
        let rest = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(rest.contains("\"event\":\"done\""))
    }
}

/// The keys of the first object in a line's `"findings"` array, in the order written.
func orderedKeys(ofFirstFindingIn line: String) throws -> [String] {
    let value = try JSON.parse(Array(line.utf8)[...])
    guard case .array(let findings)? = value["findings"], case .object(let members)? = findings.first else {
        Issue.record("no finding in \(line)")
        return []
    }
    return members.map(\.key)
}
