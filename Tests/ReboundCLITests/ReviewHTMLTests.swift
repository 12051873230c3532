import Foundation
import Testing

/// `rebound review --format html`: what the page holds (without a browser), and how it
/// looks and behaves in headless Chromium (`scripts/browser-check.py`).
@Suite("rebound review --format html")
struct ReviewHTMLTests {
    /// What a crafted transcript, note or playbook puts in every field it can.
    static let attack =
        #"<script>window.__rebound_pwned=1</script></details></pre>"><img src=x onerror="window.__rebound_pwned=1">"#

    static let sections = [
        "summary", "outcomes", "findings", "trend", "agents", "playbooks", "weeks", "rules", "notes", "overrides",
        "skips", "sessions",
    ]

    /// A fortnight of sessions by three agents (one with a long name), with handle times;
    /// a playbook whose title, and a session whose every field, notes included, carry
    /// markup; an unfinished session.
    static func fortnight() throws -> (directory: TemporaryDirectory, transcripts: String, playbooks: String) {
        let directory = try TemporaryDirectory()
        let transcripts = directory.url.appendingPathComponent("t").path
        let playbooks = directory.url.appendingPathComponent("p").path
        try FileManager.default.createDirectory(atPath: playbooks, withIntermediateDirectories: true)
        let shipped = ReboundProcess.repositoryRoot.appendingPathComponent("playbooks/late-delivery.playbook")
        let source = try String(contentsOf: shipped, encoding: .utf8)
        try source.replacingOccurrences(
            of: #"playbook late-delivery "Late delivery""#,
            with: #"playbook late-delivery "Late <script>window.__rebound_pwned=1</script></details> delivery""#
        ).write(toFile: playbooks + "/late-delivery.playbook", atomically: true, encoding: .utf8)
        let good = "Maria\n123456\ny\n1\nHi Maria, your order 123456 ships today and arrives by Friday.\n.\n\n"
        let excuse = "Maria\n123456\ny\n2\nHi Maria, we were short-staffed.\n.\n\ny\n"
        let skipped = "Maria\n123456\n/skip no time \(attack)\n3\n"
        let runs: [(agent: String, day: Int, input: String)] = [
            ("sam", 9, good), ("sam", 10, excuse), ("sam", 16, good), ("sam", 19, good),
            ("kim", 9, excuse), ("kim", 12, skipped), ("kim", 17, excuse), ("kim", 20, excuse),
            ("Alexandra Konstantinopoulou-Vasilakopoulou", 11, good),
            ("Alexandra Konstantinopoulou-Vasilakopoulou", 18, good),
            ("lee", 13, "Maria \(attack)\n"),
            ("zed", 14, "Maria\n123456\n/skip gone\n2\nHi Maria, we were short-staffed.\n.\n\ny\n"),
        ]
        for run in runs {
            _ = try ReboundProcess.run(
                [
                    "chat", "late-delivery", "--playbooks", playbooks, "--transcripts", transcripts, "--agent",
                    run.agent,
                ],
                environment: [
                    "REBOUND_NOW": "2026-11-\(String(format: "%02d", run.day))T10:00:00Z", "REBOUND_CLOCK_STEP": "30s",
                ],
                stdin: run.input)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: transcripts).sorted()
        #expect(names.count == runs.count)
        func file(of agent: String) throws -> String {
            try #require(
                try names.first {
                    try String(contentsOfFile: transcripts + "/" + $0, encoding: .utf8).contains(
                        #""agent":"\#(agent)""#)
                })
        }
        // zed's session again, with markup in every field: agent, playbook id, answers, drafts, reasons.
        let zed = transcripts + "/" + (try file(of: "zed"))
        let crafted = try CraftedTranscript.text(of: zed, attack: attack, keeping: structural)
        try crafted.write(toFile: zed, atomically: true, encoding: .utf8)
        let id = String(try file(of: "sam").dropLast(6))
        for arguments in [
            ["note", id, "--score", "60", "Good start. \(attack)"], ["note", id, "--event", "2", "Ask for the date."],
        ] {
            _ = try ReboundProcess.run(
                arguments + ["--transcripts", transcripts], environment: ["REBOUND_COACH": "ana"])
        }
        _ = try ReboundProcess.run(
            ["dispute", id, "--event", "2", "I did ask \(attack)", "--transcripts", transcripts],
            environment: ["REBOUND_AGENT": "sam"])
        return (directory, transcripts, playbooks)
    }

    /// The transcript fields left as they are: the review reads them as one of a few words.
    static let structural: Set<String> = [
        "format", "kind", "time", "started", "outcome", "role", "severity", "source", "session", "category", "rule",
    ]

    static func report(
        _ fixture: (directory: TemporaryDirectory, transcripts: String, playbooks: String),
        _ extra: [String] = []
    ) throws -> String {
        let result = try ReboundProcess.run(
            ["review", fixture.transcripts, "--format", "html"] + extra,
            environment: ["REBOUND_PLAYBOOKS": fixture.playbooks, "REBOUND_NOW": "2026-11-23T09:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    static func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("the page says whose sessions, when, filtered how, made when and by which version")
    func header() throws {
        let fixture = try Self.fortnight()
        let html = try Self.report(fixture)
        #expect(html.contains("<time>2026-11-09</time> to <time>2026-11-20</time>"))
        #expect(html.contains("none: every session read"))
        #expect(html.contains("<time>2026-11-23 09:00</time> UTC by rebound "))
        let filtered = try Self.report(
            fixture, ["--agent", "kim", "--agent", "sam", "--since", "2026-11-10", "--until", "2026-11-17"])
        #expect(filtered.contains("agents kim, sam; from 2026-11-10; until 2026-11-17"))
        #expect(filtered.contains("<title>Rebound review — agents kim, sam, 2026-11-10 to 2026-11-17</title>"))
        #expect(Self.occurrences("<details class=\"session\"", in: filtered) == 4)
    }

    @Test("every section is there; tables have outcome, unfinished, override and skip columns, weakest agent first")
    func sections() throws {
        let html = try Self.report(try Self.fortnight())
        for id in Self.sections {
            #expect(html.contains(" id=\"\(id)\""), "no section \(id)")
        }
        for column in [
            "resolved", "escalated", "pending", "lost", "unfinished", "overrides", "skips", "median handle time",
        ] {
            #expect(html.contains("<th scope=\"col\">\(column)</th>"), "no column \(column)")
        }
        #expect(html.contains("<th scope=\"col\" class=\"text\">agent</th>"))
        // Weakest first: kim's excuses before sam's and Alexandra's good replies.
        let agents = try #require(html.range(of: "<section id=\"agents\">"))
        let table = html[agents.upperBound...]
        let row = { (name: String) in table.range(of: "data-label=\"agent\">\(name)")?.lowerBound }
        let (kim, sam, alexandra) = (try #require(row("kim")), try #require(row("sam")), try #require(row("Alexandra")))
        #expect(kim < sam && kim < alexandra)
        #expect(html.contains("<b>Look first:</b> lowest average score: <b>"))
        // Findings per 100 replies with an axis; an agent with none says so.
        #expect(html.contains("<div class=\"axis\">"))
        #expect(html.contains("no findings"))
        // Handle times from the simulated clock, rules with their meaning, overrides with theirs.
        #expect(html.contains("median handle time</span>"))
        #expect(!html.contains("<b>—</b><span>median handle time"))
        #expect(html.contains("<b class=\"nowrap\">RB201</b> <span class=\"muted\">"))
        #expect(html.contains("Ask for the date."))
        #expect(html.contains("1 disputed"))
    }

    @Test("each session's show story opens in place; charts scale; no script, image or link out")
    func sessionsAndCharts() throws {
        let fixture = try Self.fortnight()
        let html = try Self.report(fixture)
        #expect(Self.occurrences("<details class=\"session\"", in: html) == 12)
        #expect(Self.occurrences("<pre class=\"story\">", in: html) == 12)
        #expect(Self.occurrences("</details>", in: html) == 12)
        #expect(Self.occurrences("</pre>", in: html) == 12)
        #expect(html.contains("Score "), "the story is show's")
        #expect(html.contains("│ Hi Maria, we were short-staffed."))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            ))
        let svgs = html.components(separatedBy: "<svg").dropFirst()
        #expect(svgs.count == 2 + 5, "team score and sessions, one per agent")
        for svg in svgs {
            let tag = svg.prefix { $0 != ">" }
            #expect(tag.contains("viewBox=") && !tag.contains("width="), "\(tag)")
        }
        #expect(
            !html.contains("<script") && !html.contains("<img") && !html.contains("http:") && !html.contains("https:"))
        #expect(html.contains("Alexandra Konstantinopoulou-Vasilakopoulou"))
    }

    @Test("markup in every transcript field, a note, a dispute, a skip reason and a playbook title stays text")
    func escaping() throws {
        let html = try Self.report(try Self.fortnight())
        let escaped =
            "&lt;script&gt;window.__rebound_pwned=1&lt;/script&gt;&lt;/details&gt;&lt;/pre&gt;&quot;&gt;&lt;img src=x onerror=&quot;window.__rebound_pwned=1&quot;&gt;"
        #expect(html.contains("Good start. " + escaped), "a note")
        #expect(html.contains("I did ask " + escaped), "a dispute")
        #expect(html.contains("no time " + escaped), "a skip reason")
        #expect(html.contains("late-delivery" + escaped), "a crafted playbook id")
        #expect(
            html.contains("Late &lt;script&gt;window.__rebound_pwned=1&lt;/script&gt;&lt;/details&gt; delivery"),
            "a title")
        #expect(html.contains("Maria " + escaped), "an answer")
        #expect(!html.contains("<script") && !html.contains("<img"))
        #expect(!html.contains("onerror=\"window"))
    }

    static let chromium = ["chromium", "chromium-browser", "google-chrome"].compactMap { name in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }.first

    /// CI installs Chromium and sets this: there a missing browser fails instead of skipping.
    static let browserRequired = ProcessInfo.processInfo.environment["REBOUND_REQUIRE_BROWSER"] != nil

    @Test(
        "in Chromium at 1280 and 400 px: no sideways scroll, every section, crafted text inert; screenshots in .build/screenshots",
        .enabled(
            if: chromium != nil || browserRequired,
            "no Chromium: 'apt-get install chromium' to run it (CI sets REBOUND_REQUIRE_BROWSER and fails without one)"),
        .timeLimit(.minutes(5)))
    func inBrowser() throws {
        #expect(Self.chromium != nil, "REBOUND_REQUIRE_BROWSER is set and no Chromium is installed")
        let fixture = try Self.fortnight()
        let screenshots = ReboundProcess.repositoryRoot.appendingPathComponent(".build/screenshots")
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let page = screenshots.appendingPathComponent("review.html")
        try Self.report(fixture).write(to: page, atomically: true, encoding: .utf8)
        var arguments = [
            ReboundProcess.repositoryRoot.appendingPathComponent("scripts/browser-check.py").path, page.path, "--out",
            screenshots.path, "--sessions", "12", "--timeout", "30",
            "--hostile", "<script>window.__rebound_pwned=1</script></details></pre>\"><img src=x onerror=",
        ]
        for section in Self.sections { arguments += ["--section", section] }
        let result = try ReboundProcess.run(["python3"] + arguments, executable: "/usr/bin/env")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        for name in ["review-1280-closed.png", "review-400-closed.png", "review-400-open.png"] {
            let data = try Data(contentsOf: screenshots.appendingPathComponent(name))
            #expect(data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]) && data.count > 10_000, "\(name)")
        }
    }
}
