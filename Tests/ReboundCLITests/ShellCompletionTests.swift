import Foundation
import ReboundChecker
import ReboundTranscript
import Testing

/// `rebound --generate-completion-script bash`, sourced in a real bash: Tab offers the
/// playbooks, sessions, rules, agents and follow-ups there are, and files for paths.
@Suite("shell completion")
struct ShellCompletionTests {
    static let shippedPlaybooks = [
        "broken-product", "forgotten-order", "late-delivery", "missed-callback", "six-step-recovery", "win-back",
        "wrong-order-remake",
    ]

    @Test("rebound chat <Tab> offers the shipped playbook ids")
    func playbookIDs() throws {
        let bash = try BashCompletion()
        #expect(try bash.candidates("rebound chat ") == Self.shippedPlaybooks)
        #expect(try bash.candidates("rebound chat wr") == ["wrong-order-remake"])
        #expect(try bash.candidates("rebound review --playbook late") == ["late-delivery"])
        #expect(try bash.candidates("rebound ledger report --playbook win") == ["win-back"])
    }

    @Test("rebound explain RB2<Tab> offers exactly the RB2xx rule codes")
    func ruleCodes() throws {
        let bash = try BashCompletion()
        let codes = ReplyChecker.descriptors.map(\.code).filter { $0.hasPrefix("RB2") }.sorted()
        #expect(!codes.isEmpty)
        #expect(try bash.candidates("rebound explain RB2") == codes)
        #expect(try bash.candidates("rebound explain exc") == ["excuse"])
    }

    @Test("lint --disable and --only complete the last item of a comma-separated list")
    func commaSeparatedLists() throws {
        let bash = try BashCompletion()
        #expect(try bash.candidates("rebound lint --disable RB201,exc") == ["RB201,excuse"])
        #expect(try bash.candidates("rebound lint --only excuse,bl") == ["excuse,blame"])
        let categories = try bash.candidates("rebound lint --only excuse,")
        #expect(categories.contains("excuse,blame") && !categories.contains("excuse,excuse"))
    }

    @Test("a playbook id or file: ids first, then paths, and lint --step offers the steps with a draft")
    func playbookFiles() throws {
        let bash = try BashCompletion()
        #expect(try bash.candidates("rebound graph lat") == ["late-delivery"])
        #expect(try bash.candidates("rebound graph pl") == ["playbooks/"])
        #expect(
            try bash.candidates("rebound graph playbooks/w")
                == ["playbooks/win-back.playbook", "playbooks/wrong-order-remake.playbook"])
        #expect(try bash.candidates("rebound lint --playbook playbooks/late") == ["playbooks/late-delivery.playbook"])
        #expect(
            try bash.candidates("rebound lint --playbook playbooks/late-delivery.playbook --step ") == ["reply"])
    }

    @Test("paths still complete as files and directories")
    func paths() throws {
        let bash = try BashCompletion()
        #expect(try bash.candidates("rebound check playbooks/late") == ["playbooks/late-delivery.playbook"])
        #expect(try bash.candidates("rebound test playbooks/late") == ["playbooks/late-delivery.test"])
        #expect(try bash.candidates("rebound chat --playbooks pl") == ["playbooks"])
    }

    @Test("the playbooks come from --playbooks on the line, else $REBOUND_PLAYBOOKS")
    func playbookLibraryOption() throws {
        let library = try TemporaryDirectory()
        let source = try Data(
            contentsOf: ReboundProcess.repositoryRoot.appendingPathComponent("playbooks/win-back.playbook"))
        try library.write("win-back.playbook", source)
        let elsewhere = try TemporaryDirectory()
        let bash = try BashCompletion()
        #expect(
            try bash.candidates("rebound chat --playbooks \(library.url.path) ", in: elsewhere.url) == ["win-back"])
        #expect(
            try bash.candidates(
                "rebound chat ", in: elsewhere.url, environment: ["REBOUND_PLAYBOOKS": library.url.path])
                == ["win-back"])
    }

    @Test("session ids by prefix for show, note and dispute; only unfinished ones for chat --resume; agents for review")
    func sessions() throws {
        let transcripts = try TemporaryDirectory()
        // A ledger of this test's own: agents come from the ledger's follow-ups too.
        let ledgerDirectory = try TemporaryDirectory()
        let ledger = ledgerDirectory.url.appendingPathComponent("ledger.sqlite").path
        let recordings = [
            ("sam", "Maria\n123456\ny\n1\nHi Maria, order 123456 ships today.\n.\n\n"), ("kim", "Maria\n"),
        ]
        for (agent, input) in recordings {
            let chat = try ReboundProcess.run(
                ["chat", "late-delivery", "--transcripts", transcripts.url.path],
                environment: ["REBOUND_AGENT": agent, "REBOUND_LEDGER": ledger], stdin: input)
            #expect(chat.status == 0, "\(chat.stderr)")
        }
        var agents: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: transcripts.url.path) {
            let bytes = Array(try Data(contentsOf: transcripts.url.appendingPathComponent(name)))
            agents[String(name.dropLast(6))] = TranscriptCoding.decode(bytes).header?.agent
        }
        let sessions = agents.keys.sorted()
        try #require(sessions.count == 2)
        let unfinished = try #require(agents.first { $0.value == "kim" }?.key)

        let bash = try BashCompletion()
        let environment = ["REBOUND_TRANSCRIPTS": transcripts.url.path, "REBOUND_LEDGER": ledger]
        let year = String(sessions[0].prefix(4))
        for command in ["show", "note", "dispute"] {
            #expect(try bash.candidates("rebound \(command) \(year)", environment: environment) == sessions)
        }
        #expect(try bash.candidates("rebound show \(sessions[1])", environment: environment) == [sessions[1]])
        #expect(try bash.candidates("rebound chat --resume ", environment: environment) == [unfinished])
        #expect(
            try bash.candidates("rebound show --transcripts \(transcripts.url.path) \(year)") == sessions)
        #expect(try bash.candidates("rebound review --agent ", environment: environment) == ["kim", "sam"])
    }

    @Test("followups done and snooze offer the open follow-ups, followups list --agent their agents")
    func followUps() throws {
        let workspace = try LedgerCommandTests.Workspace()
        let recovery = try workspace.run(
            ["chat", "win-back"], at: "2026-11-20T10:00:00Z", stdin: LedgerCommandTests.winBack(account: "AC12345"))
        #expect(recovery.status == 0, "\(recovery.stderr)")
        let bash = try BashCompletion()
        let environment = ["REBOUND_LEDGER": workspace.ledger]
        #expect(try bash.candidates("rebound followups done ", environment: environment) == ["1"])
        #expect(try bash.candidates("rebound followups snooze ", environment: environment) == ["1"])
        #expect(try bash.candidates("rebound followups list --agent ", environment: environment) == ["pat"])
        #expect(try bash.candidates("rebound followups done --ledger \(workspace.ledger) ") == ["1"])
        #expect(try workspace.run(["followups", "done", "1", "Called; all well."]).status == 0)
        #expect(try bash.candidates("rebound followups done ", environment: environment) == [])
    }

    @Test("a completion that cannot read its source offers nothing, says nothing and creates nothing")
    func unreadableSources() throws {
        let empty = try TemporaryDirectory()
        let bash = try BashCompletion()
        #expect(try bash.candidates("rebound chat ", in: empty.url) == [])
        #expect(try bash.candidates("rebound chat --resume ", in: empty.url) == [])
        let ledger = empty.url.appendingPathComponent("missing/ledger.sqlite").path
        #expect(
            try bash.candidates("rebound followups done ", in: empty.url, environment: ["REBOUND_LEDGER": ledger]) == []
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.url.path) == [])
        let notALedger = try empty.write("notes.txt", "not a database\n")
        #expect(
            try bash.candidates(
                "rebound followups done ", in: empty.url, environment: ["REBOUND_LEDGER": notALedger.path])
                == [])
    }
}
