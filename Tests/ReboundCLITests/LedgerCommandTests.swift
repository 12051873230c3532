import Foundation
import ReboundChecker
import ReboundTestSupport
import ReboundText
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The customer ledger from the command line: chat reminders and red carpets, `followups`,
/// `ledger report|export|import|sync`, bad places and concurrent processes.
@Suite("customer ledger commands")
struct LedgerCommandTests {
    /// A win-back session that brings the customer back: follow-up in 30 days, red carpet
    /// for 10 contacts, `yearly` money at risk, cause from `root`.
    static func winBack(account: String, yearly: String = "$12,500", root: String = "delivery") -> String {
        [
            "Acme Ltd", account, "lower-volume", "4", yearly, "yes", "y", "y", "slow deliveries", "y", root,
            "returning", "free express shipping",
            "Hi Acme Ltd, from today every order ships express at no cost, and I will check in next week.", ".", "",
        ].joined(separator: "\n") + "\n"
    }

    /// Runs rebound with this test's ledger and transcripts, at a simulated time.
    /// The ledger is an SQLite file in the workspace, or a database of its own on the
    /// test PostgreSQL server.
    struct Workspace {
        let directory: TemporaryDirectory
        let ledger: String
        var transcripts: String { directory.url.path + "/transcripts" }
        private let server: StoreFixture?

        init(_ kind: StoreKind = .sqlite) throws {
            directory = try TemporaryDirectory()
            server = kind == .postgresql ? try StoreFixture(.postgresql) : nil
            ledger = server?.location ?? directory.url.path + "/ledger.sqlite"
        }

        func run(_ arguments: [String], at now: String? = nil, stdin: String? = nil) throws -> ReboundProcess.Result {
            var environment = ["REBOUND_LEDGER": ledger, "REBOUND_TRANSCRIPTS": transcripts, "REBOUND_AGENT": "pat"]
            environment["REBOUND_NOW"] = now
            return try ReboundProcess.run(arguments, environment: environment, stdin: stdin)
        }
    }

    @Test(
        "a recovery schedules a follow-up and a red carpet; days later the chat reminds and greets; the report shows the money",
        arguments: StoreKind.available
    )
    func doneWhen(_ kind: StoreKind) throws {
        let workspace = try Workspace(kind)
        let first = try workspace.run(
            ["chat", "win-back"], at: "2026-11-20T10:00:00Z", stdin: Self.winBack(account: "AC12345"))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Ledger: follow-up #1 due Sun 20 Dec"))
        #expect(first.stdout.contains("red carpet for the customer's next 10 contacts: free express shipping"))

        // Nothing is due yet a week later.
        let early = try workspace.run(["chat"], at: "2026-11-27T09:00:00Z", stdin: "")
        #expect(!early.stdout.contains("due today or overdue"))

        // A month later: the reminder at start, then the customer's next contact is greeted.
        let later = try workspace.run(
            ["chat", "win-back"], at: "2026-12-21T09:00:00Z", stdin: "Acme Ltd\nac12345\nAC12345\n")
        #expect(later.status == 0, "\(later.stderr)")
        let reminder = try #require(later.stdout.range(of: "1 follow-up due today or overdue:"))
        let started = try #require(later.stdout.range(of: "Started win-back"))
        #expect(reminder.lowerBound < started.lowerBound, "the reminder comes before the session")
        #expect(later.stdout.contains("#1  overdue since yesterday 10:00  AC12345  Check how Acme Ltd's first orders"))
        #expect(later.stdout.contains("★ Red carpet for AC12345: contact 1 of 10."))
        #expect(later.stdout.contains("Promised: free express shipping"))
        #expect(
            later.stdout.contains(
                "Original failure: win-back: delivery (12,500.00 USD at risk), session 20261120-100000-"))

        // The coach's story of the first session shows what fed the ledger.
        let session = try #require(
            try FileManager.default.contentsOfDirectory(atPath: workspace.transcripts).sorted().first?.dropLast(6))
        let story = try workspace.run(["show", String(session), "--color", "never"])
        #expect(story.stdout.contains("account = AC12345  (identifies the customer)"))
        #expect(story.stdout.contains("yearly = $12,500  (money at risk)"))
        #expect(story.stdout.contains("cause: delivery"))
        #expect(story.stdout.contains("red carpet for the next 10 contacts: free express shipping"))

        let report = try workspace.run(["ledger", "report"])
        #expect(report.status == 0)
        #expect(report.stdout.contains("at risk    12,500.00 USD"))
        #expect(report.stdout.contains("recovered  12,500.00 USD"))

        let revenue = try workspace.run(["review", "--revenue", "--format", "json"])
        let json = try JSON.parse(ArraySlice(revenue.stdout.utf8))
        #expect(json["overall"]?["atRisk"]?["USD"] == .number("12500.00"))

        // The follow-up is done from the command line, once.
        // A colleague closes it; the team's list names whose it is and who closed it.
        let done = try workspace.run(["followups", "done", "1", "Called; two orders shipped express", "--agent", "kim"])
        #expect(done.status == 0 && done.stdout == "Follow-up #1 done.\n")
        let listed = try workspace.run(["followups", "list", "--all", "--color", "never"])
        #expect(listed.stdout.contains(" by kim  pat  AC12345  Check how Acme Ltd"), "\(listed.stdout)")
        let mine = try workspace.run(["followups", "list", "--all", "--agent", "pat", "--color", "never"])
        #expect(mine.stdout.contains(" by kim  AC12345  "), "one agent's list has no agent column")
        let csv = try workspace.run(["followups", "list", "--all", "--format", "csv"])
        #expect(csv.stdout.contains(",completed_by,"))
        #expect(csv.stdout.contains(",kim,Called; two orders shipped express,"))
        let again = try workspace.run(["followups", "done", "1", "again"])
        #expect(again.status == 2)
        #expect(again.stderr.hasPrefix("rebound: follow-up #1 is already done ("))
        let quiet = try workspace.run(["chat"], at: "2026-12-22T09:00:00Z", stdin: "")
        #expect(!quiet.stdout.contains("due today or overdue"))
    }

    @Test(
        "review --first-contact: a customer back within the window counts against the resolution",
        arguments: StoreKind.available)
    func firstContact(_ kind: StoreKind) throws {
        let workspace = try Workspace(kind)
        // AC10001 is won back, and comes back three days later; AC20002 is won back for good.
        for (account, day) in [("AC10001", "2026-11-02"), ("AC20002", "2026-11-03"), ("AC10001", "2026-11-05")] {
            let chat = try workspace.run(
                ["chat", "win-back"], at: "\(day)T10:00:00Z", stdin: Self.winBack(account: account))
            #expect(chat.status == 0, "\(chat.stderr)")
        }
        let text = try workspace.run(["review", "--first-contact", "--color", "never"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("did not come back within 7 days"))
        #expect(text.stdout.contains("Overall: 67% of 3 resolved sessions with a known customer; 1 came back"))
        #expect(text.stdout.contains("Customers who came back"))
        #expect(text.stdout.contains("AC10001  finished 2026-11-02, back 2026-11-05"))
        #expect(text.stdout.contains("delivery: 2 customers, 3 sessions (win-back)"))
        let wide = try workspace.run(["review", "--first-contact", "--within", "1", "--format", "json"])
        let json = try JSON.parse(ArraySlice(wide.stdout.utf8))
        #expect(json["overall"]?["cameBack"] == .number("0"))
        #expect(json["byAgent"]?["pat"]?["resolved"] == .number("3"))
        let csv = try workspace.run(["review", "--first-contact", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("group,name,resolved,came_back,unidentified,first_contact_percent,days\r\n"))
        #expect(csv.stdout.contains("agent,pat,3,1,0,66.7,7\r\n"))
        let refused = try workspace.run(["review", "--first-contact", "--within", "0"])
        #expect(refused.status != 0 && refused.stderr.contains("--within takes 1 to 365 days, not 0"))
    }

    @Test("programs get the customer, the red carpet and the ledger's record as JSON events")
    func protocolEvents() throws {
        let workspace = try Workspace()
        _ = try workspace.run(
            ["chat", "win-back"], at: "2026-11-20T10:00:00Z", stdin: Self.winBack(account: "AC12345"))
        let input = [
            #"{"cmd":"start","playbook":"win-back"}"#, #"{"cmd":"answer","text":"Acme"}"#,
            #"{"cmd":"answer","text":"AC12345"}"#, #"{"cmd":"followups","scope":"open"}"#,
            #"{"cmd":"followup-snooze","id":1,"days":3}"#, #"{"cmd":"followup-done","id":1}"#,
        ].joined(separator: "\n")
        let result = try workspace.run(["chat", "--protocol", "jsonl"], at: "2026-11-21T10:00:00Z", stdin: input)
        let events = result.stdout.split(separator: "\n").compactMap { try? JSON.parse(ArraySlice($0.utf8)) }
        let customer = try #require(events.first { $0["event"] == .string("customer") })
        #expect(customer["key"] == .string("ac12345") && customer["earlierContacts"] == .number("1"))
        guard case .array(let reds)? = customer["redCarpets"], let red = reds.first else {
            Issue.record("no red carpet in \(customer)")
            return
        }
        #expect(red["contact"] == .number("1") && red["contacts"] == .number("10"))
        #expect(red["amount"] == .string("12,500.00 USD"))
        let listing = try #require(events.first { $0["event"] == .string("followups") })
        guard case .array(let items)? = listing["followUps"] else { return }
        // Due 30 days after the session ended, a moment after the simulated 10:00.
        guard case .string(let due)? = items.first?["due"] else {
            Issue.record("no due time in \(listing)")
            return
        }
        #expect(items.count == 1 && due.hasPrefix("2026-12-20T10:0"))
        #expect(
            events.contains {
                $0["event"] == .string("notice")
                    && $0["message"] == .string("Follow-up #1 now due Wed 23 Dec 10:00 (in 32 days).")
            })
        #expect(
            events.contains {
                $0["event"] == .string("error")
                    && $0["message"] == .string("line 6: \"followup-done\" needs a \"note\" string")
            })
    }

    @Test("a ledger in a missing directory stops the chat before the session starts, with one line")
    func missingDirectory() throws {
        let workspace = try Workspace()
        let path = workspace.directory.url.path + "/nowhere/ledger.sqlite"
        let result = try ReboundProcess.run(
            ["chat", "win-back", "--ledger", path, "--transcripts", workspace.transcripts], stdin: "Acme\n")
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "rebound: cannot open the ledger \(path): the directory \(workspace.directory.url.path)/nowhere does not exist\n"
        )
        #expect(!FileManager.default.fileExists(atPath: workspace.transcripts), "no session was started")
        let notADatabase = try workspace.directory.write("notes.txt", "just text")
        let refused = try ReboundProcess.run(["followups", "--ledger", notADatabase.path])
        #expect(refused.status == 2)
        #expect(refused.stderr == "rebound: \(notADatabase.path) is not a Rebound ledger (not an SQLite database)\n")
    }

    @Test(
        "a ledger in a read-only directory is refused for an ordinary user",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") || getuid() != 0))
    func readOnlyDirectory() throws {
        let workspace = try Workspace()
        let place = workspace.directory.url.path + "/locked"
        try FileManager.default.createDirectory(atPath: place, withIntermediateDirectories: true)
        chmod(workspace.directory.url.path, 0o755)
        chmod(place, 0o555)
        let command = [ReboundProcess.executable.path, "followups", "--ledger", place + "/ledger.sqlite"]
        let process = Process()
        if getuid() == 0 {
            // Root may write anywhere; run as nobody, as an agent would run.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups"] + command
        } else {
            process.executableURL = URL(fileURLWithPath: command[0])
            process.arguments = Array(command.dropFirst())
        }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(
            message == "rebound: cannot open the ledger \(place)/ledger.sqlite: the directory \(place) is read-only\n")
    }

    @Test(
        "a ledger locked by another program costs the greeting and the record, never the session; sync adds it later",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func lockedLedger() throws {
        let workspace = try Workspace()
        #expect(try workspace.run(["ledger", "info"]).status == 0)
        // Another program takes the write lock and holds it until the chat is over: rebound
        // waits 5 s at the identification and again at the end, then goes on without it.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = [
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                + "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read(); c.execute('ROLLBACK')",
            workspace.ledger,
        ]
        let ready = Pipe()
        let release = Pipe()
        holder.standardOutput = ready
        holder.standardInput = release
        try holder.run()
        _ = ready.fileHandleForReading.availableData
        let result = try workspace.run(
            ["chat", "win-back"], at: "2026-11-20T10:00:00Z", stdin: Self.winBack(account: "AC12345"))
        try release.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "error: the ledger \(workspace.ledger) is locked by another process; try again in a moment; the red-carpet check is skipped for this customer"
            ))
        #expect(result.stderr.contains("run 'rebound ledger sync \(workspace.transcripts)/"))
        #expect(result.stdout.contains("Done: resolved."))
        let synced = try workspace.run(["ledger", "sync"])
        #expect(synced.stdout.hasPrefix("1 session added"), "\(synced.stdout)\(synced.stderr)")
        #expect(try workspace.run(["followups", "--format", "csv"]).stdout.contains("Check how Acme Ltd"))
    }

    @Test(
        "a customer won back in two sessions is at risk once; the CSV's session counts add up; the repeat customer is named"
    )
    func revenueOnce() throws {
        let workspace = try Workspace()
        for day in ["2026-11-10", "2026-11-20"] {
            let result = try workspace.run(
                ["chat", "win-back"], at: day + "T10:00:00Z", stdin: Self.winBack(account: "AC12345"))
            #expect(result.status == 0, "\(result.stderr)")
        }
        let report = try workspace.run(["ledger", "report", "--color", "never"])
        #expect(report.stdout.contains("2 finished sessions, 2 with an amount (1 counted in a later session"))
        #expect(report.stdout.contains("at risk    12,500.00 USD\n"), "\(report.stdout)")
        #expect(report.stdout.contains("1 customer failed more than once in this period: AC12345."))
        let csv = try workspace.run(["ledger", "report", "--format", "csv"])
        #expect(csv.stdout.contains("overall,,USD,2,12500.00,12500.00,0.00\r\n"), "\(csv.stdout)")
        #expect(!csv.stdout.contains("cause,,"), "a cause row always has a name")
    }

    @Test(
        "20 agents greet one customer at once: 20 contacts, a 10-contact red carpet used exactly once per contact; of two agents closing one follow-up, one wins",
        arguments: StoreKind.available
    )
    func contention(_ kind: StoreKind) throws {
        let workspace = try Workspace(kind)
        let first = try workspace.run(
            ["chat", "win-back"], at: "2026-11-20T10:00:00Z", stdin: Self.winBack(account: "AC77777"))
        #expect(first.status == 0 && first.stdout.contains("Ledger: follow-up #1"), "\(first.stderr)")
        let results = Mutex<[ReboundProcess.Result]>([])
        let closers = Mutex<[ReboundProcess.Result]>([])
        let group = DispatchGroup()
        let environment = [
            "REBOUND_LEDGER": workspace.ledger, "REBOUND_TRANSCRIPTS": workspace.transcripts, "REBOUND_AGENT": "pat",
            "REBOUND_NOW": "2026-11-25T10:00:00Z",
        ]
        for _ in 1...20 {
            DispatchQueue.global().async(group: group) {
                let result = try? ReboundProcess.run(
                    ["chat", "win-back"], environment: environment, stdin: "Acme Ltd\nAC77777\n")
                results.withLock { $0.append(contentsOf: result.map { [$0] } ?? []) }
            }
        }
        for note in ["called", "emailed"] {
            DispatchQueue.global().async(group: group) {
                let result = try? ReboundProcess.run(["followups", "done", "1", note], environment: environment)
                closers.withLock { $0.append(contentsOf: result.map { [$0] } ?? []) }
            }
        }
        group.wait()
        let chats = results.withLock { $0 }
        #expect(chats.count == 20)
        var positions: [Int] = []
        for chat in chats {
            #expect(chat.status == 0, "\(chat.stderr)")
            if let range = chat.stdout.range(of: #"contact (\d+) of 10"#, options: .regularExpression) {
                positions.append(Int(chat.stdout[range].split(separator: " ")[1]) ?? 0)
            }
        }
        #expect(positions.sorted() == Array(1...10), "each of the ten covered contacts is told once")
        let info = try workspace.run(["ledger", "info"])
        #expect(info.stdout.contains("contacts: 21\n"), "\(info.stdout)")
        let outcomes = closers.withLock { $0 }.sorted { $0.status < $1.status }
        #expect(outcomes.map(\.status) == [0, 2])
        #expect(outcomes.first?.stdout == "Follow-up #1 done.\n")
        #expect(
            outcomes.last?.stderr.contains("follow-up #1 is already done") == true, "\(outcomes.last?.stderr ?? "")")
    }

    @Test("agents' chats and follow-up commands in parallel processes lose nothing", arguments: StoreKind.available)
    func concurrentProcesses(_ kind: StoreKind) throws {
        let workspace = try Workspace(kind)
        // Four recoveries first, whose follow-ups the second wave completes and snoozes.
        for index in 1...4 {
            let result = try workspace.run(
                ["chat", "win-back"], at: "2026-11-20T10:00:00Z", stdin: Self.winBack(account: "AA\(1000 + index)"))
            #expect(result.status == 0, "\(result.stderr)")
        }
        let group = DispatchGroup()
        let results = Mutex<[String: ReboundProcess.Result]>([:])
        let (ledger, transcripts) = (workspace.ledger, workspace.transcripts)
        func launch(_ name: String, _ arguments: [String], stdin: String? = nil) {
            DispatchQueue.global().async(group: group) {
                let environment = [
                    "REBOUND_LEDGER": ledger, "REBOUND_TRANSCRIPTS": transcripts, "REBOUND_AGENT": "pat",
                    "REBOUND_NOW": "2026-11-21T10:00:00Z",
                ]
                let result = try? ReboundProcess.run(arguments, environment: environment, stdin: stdin)
                results.withLock { $0[name] = result }
            }
        }
        for index in 1...6 {
            launch("chat \(index)", ["chat", "win-back"], stdin: Self.winBack(account: "BB\(2000 + index)"))
        }
        for id in 1...2 { launch("done \(id)", ["followups", "done", String(id), "called"]) }
        for id in 3...4 { launch("snooze \(id)", ["followups", "snooze", String(id), "7"]) }
        launch("report", ["ledger", "report", "--format", "json"])
        group.wait()
        let all = results.withLock { $0 }
        #expect(all.count == 11)
        for (name, result) in all.sorted(by: { $0.key < $1.key }) {
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
        let listing = try workspace.run(["followups", "--all", "--format", "json"])
        guard case .array(let items) = try JSON.parse(ArraySlice(listing.stdout.utf8)) else {
            Issue.record("no follow-up list")
            return
        }
        #expect(items.count == 10)
        #expect(items.filter { $0["status"] == .string("done") }.count == 2)
        #expect(items.filter { $0["snoozes"] == .number("1") }.count == 2)
        let info = try workspace.run(["ledger", "info"])
        #expect(info.stdout.contains("recoveries: 10\n") && info.stdout.contains("red-carpets: 10\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.transcripts)
        #expect(files.count == 10)
    }

    @Test("export then import moves a whole ledger; a file with bad rows imports nothing and names each line")
    func exportImport() throws {
        let workspace = try Workspace()
        _ = try workspace.run(
            ["chat", "win-back"], at: "2026-11-20T10:00:00Z", stdin: Self.winBack(account: "AC12345"))
        _ = try workspace.run(
            ["chat", "win-back"], at: "2026-11-22T10:00:00Z",
            stdin: Self.winBack(account: "AC12345", yearly: "1.250,00 €", root: "quality"))
        _ = try workspace.run(["followups", "done", "1", "called, \"all good\""])
        let folder = workspace.directory.url.path + "/export"
        #expect(try workspace.run(["ledger", "export", "--output", folder]).status == 0)
        let slashed = try workspace.run(["ledger", "export", "--output", folder + "/"])
        #expect(slashed.stdout == "Exported 5 tables to \(folder)/.\n", "one slash, however the folder is written")

        let copy = workspace.directory.url.path + "/copy.sqlite"
        let imported = try ReboundProcess.run(["ledger", "import", folder, "--ledger", copy])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("recoveries: 2 added, 0 already present"))
        for table in ["customers", "contacts", "recoveries", "follow-ups", "red-carpets"] {
            let original = try workspace.run(["ledger", "export", "--table", table])
            let moved = try ReboundProcess.run(["ledger", "export", "--table", table, "--ledger", copy])
            #expect(original.stdout == moved.stdout, "\(table)")
        }
        let twice = try ReboundProcess.run(["ledger", "import", folder, "--ledger", copy])
        #expect(twice.stdout.contains("recoveries: 0 added, 2 already present"))

        let bad = try workspace.directory.write(
            "bad.csv",
            "session,customer,playbook,agent,started,finished,outcome,amount,currency,cause\r\n"
                + "s9,,late-delivery,pat,2026-11-20T10:00:00Z,2026-11-20T10:05:00Z,resolved,\"$1,000\",USD,courier\r\n"
                + "s10,,late-delivery,pat,yesterday,2026-11-20T10:05:00Z,resolved,,,\r\n"
                + "s11,,late-delivery,pat,2026-11-20T10:00:00Z,2026-11-20T10:05:00Z,won,,,\r\n"
                + "s12,,late-delivery,pat,2026-11-20T10:00:00Z,2026-11-20T10:05:00Z,lost,lots,,\r\n"
                + "s13,nobody@x.com,late-delivery,pat,2026-11-20T10:00:00Z,2026-11-20T10:05:00Z,lost,5,,\r\n"
                + "s14,short\r\n")
        let refused = try ReboundProcess.run(["ledger", "import", bad.path, "--table", "recoveries", "--ledger", copy])
        #expect(refused.status == 2)
        let lines = refused.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "rebound: \(bad.path):3: column 'started': 'yesterday' is not a time; write it as 2026-11-23T10:15:00Z",
                "rebound: \(bad.path):4: column 'outcome': 'won' is not an outcome; use resolved, escalated, pending, lost",
                "rebound: \(bad.path):5: column 'amount': 'lots' is not an amount: it has no number; write a number such as 129.99, with a currency if you like: $129.99, 129.99 EUR",
                "rebound: \(bad.path):7: expected 10 fields, found 2",
                "rebound: nothing imported (4 bad rows)",
            ])
        let unknownCustomer = try workspace.directory.write(
            "unknown.csv",
            "session,customer,playbook,agent,started,finished,outcome,amount,currency,cause\r\n"
                + "s9,,late-delivery,pat,2026-11-20T10:00:00Z,2026-11-20T10:05:00Z,resolved,\"$1,000\",USD,courier\r\n"
                + "s13,nobody@x.com,late-delivery,pat,2026-11-20T10:00:00Z,2026-11-20T10:05:00Z,lost,5,,\r\n")
        let missing = try ReboundProcess.run(
            ["ledger", "import", unknownCustomer.path, "--table", "recoveries", "--ledger", copy])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("unknown.csv:3: no customer 'nobody@x.com' in the ledger or in customers.csv"))
        let info = try ReboundProcess.run(["ledger", "info", "--ledger", copy])
        #expect(info.stdout.contains("recoveries: 2\n"), "the good row s9 was rolled back with the bad one")
    }

    @Test("sync adds finished sessions the ledger missed, once")
    func sync() throws {
        let workspace = try Workspace()
        _ = try workspace.run(
            ["chat", "win-back"], at: "2026-11-20T10:00:00Z", stdin: Self.winBack(account: "AC12345"))
        _ = try workspace.run(["chat", "win-back"], stdin: "Acme\n")  // unfinished
        let other = workspace.directory.url.path + "/other.sqlite"
        let synced = try ReboundProcess.run(["ledger", "sync", workspace.transcripts, "--ledger", other])
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.stdout == "1 session added, 0 already in the ledger, 1 unfinished or unreadable.\n")
        let again = try ReboundProcess.run(["ledger", "sync", workspace.transcripts, "--ledger", other])
        #expect(again.stdout == "0 sessions added, 1 already in the ledger, 1 unfinished or unreadable.\n")
        for table in ["recoveries", "follow-ups", "red-carpets"] {
            let original = try workspace.run(["ledger", "export", "--table", table])
            let rebuilt = try ReboundProcess.run(["ledger", "export", "--table", table, "--ledger", other])
            #expect(original.stdout == rebuilt.stdout, "\(table) rebuilt from the transcript")
        }
    }

    @Test("playbook tests can expect the red carpet and the cause a session records")
    func playbookTests() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "gift.playbook",
            """
            playbook gift "Gift"
            version 1
            summary Red carpet.

            step a "A"
              ask email "Email?" identifies customer
              ask value "Value?" amount
              cause "courier"
              red-carpet 2 "Free express for {email}"
              done resolved
            """)
        try directory.write(
            "gift.test",
            """
            playbook gift

            test "gift"
              answer jo@example.com
              answer "twelve"
              expect rejected
              answer "12 EUR"
              expect cause "courier"
              expect red-carpet "Free express"
            """)
        let result = try ReboundProcess.run(["test", directory.url.path])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "gift.test:9: expected the red-carpet \"Free express\", got \"Free express for jo@example.com\""))
    }

    @Test("followups lists as text, JSON and CSV, and refuses bad requests with exit 2")
    func followupsCommand() throws {
        let workspace = try Workspace()
        _ = try workspace.run(
            ["chat", "win-back"], at: "2026-11-20T10:00:00Z", stdin: Self.winBack(account: "AC12345"))
        let due = try workspace.run(["followups", "--due"], at: "2026-11-21T10:00:00Z")
        #expect(due.stdout == "No follow-ups due today or overdue.\n")
        let open = try workspace.run(["followups"], at: "2026-11-21T10:00:00Z")
        #expect(open.stdout.hasPrefix("#1  Sun 20 Dec 10:00 (in 29 days)  pat  AC12345  Check how Acme Ltd"))
        let csv = try workspace.run(["followups", "--format", "csv", "--agent", "pat"])
        let records = try CSV.parse(Array(csv.stdout.utf8))
        #expect(records.count == 2 && records[1].fields[0] == "1" && records[1].fields[3] == "AC12345")
        #expect(try workspace.run(["followups", "--agent", "nobody"]).stdout == "No follow-ups.\n")
        let unknown = try workspace.run(["followups", "snooze", "42", "3"])
        #expect(
            unknown.status == 2 && unknown.stderr == "rebound: no follow-up #42; 'rebound followups --all' lists them\n"
        )
        let tooLong = try workspace.run(["followups", "snooze", "1", "400"])
        #expect(tooLong.status == 2 && tooLong.stderr.contains("days must be from 1 to 365, not 400"))
        let both = try workspace.run(["followups", "--due", "--all"])
        #expect(both.status == 2)
        let badNow = try workspace.run(["followups"], at: "next tuesday")
        #expect(
            badNow.status == 2
                && badNow.stderr
                    == "rebound: REBOUND_NOW 'next tuesday' is not a time; write it as 2026-11-23T10:15:00Z\n"
        )
    }
}
