import Foundation
import Testing

@testable import ReboundCLI

/// `rebound review`, run as a real process over recorded sessions.
@Suite("rebound review")
struct ReviewCommandTests {
    /// Two agents, each with a finished session with an excuse and an escalated one with a
    /// hostile skip reason, plus one unfinished session and one corrupt line.
    static func transcripts() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for agent in ["sam", "kim"] {
            _ = try ReboundProcess.run(
                ["chat", "late-delivery", "--transcripts", directory.url.path, "--agent", agent],
                stdin: "Maria\n123456\ny\n2\nHi Maria, we were short-staffed.\n.\n\ny\n")
            _ = try ReboundProcess.run(
                ["chat", "late-delivery", "--transcripts", directory.url.path, "--agent", agent],
                stdin: "Maria\n123456\n/skip no <script>alert(1)</script> \"x\", y\n3\n")
        }
        _ = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path, "--agent", "lee"], stdin: "Maria\n")
        let first = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted().first)
        let handle = try FileHandle(forWritingTo: directory.url.appendingPathComponent(first))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\": 99, \"bro".utf8))
        try handle.close()
        return directory
    }

    @Test("text: per-agent, per-playbook and weekly tables within 80 columns; corrupt lines reported once per file")
    func text() throws {
        let directory = try Self.transcripts()
        let result = try ReboundProcess.run(["review", directory.url.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Review of 5 sessions (1 unfinished)\nOutcomes: resolved 2, escalated 2;"))
        #expect(result.stdout.contains("  sam                       2"))
        #expect(result.stdout.contains("  late-delivery             5"))
        #expect(result.stdout.contains("RB201 2"))
        #expect(result.stdout.contains("Replies sent: 2, 0 with repeated apologies; follow-ups promised: 2"))
        #expect(result.stdout.contains("  late-delivery/own"))
        let id = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted().last?.dropLast(6))
        _ = try ReboundProcess.run(["note", String(id), "--transcripts", directory.url.path, "--score", "80", "Good."])
        let withNotes = try ReboundProcess.run(["review", directory.url.path])
        #expect(withNotes.stdout.contains("Coach notes: 1 (average coach score 80); disputes: 0"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(result.stderr.components(separatedBy: "\n").filter { $0.contains("truncated last line") }.count == 1)
    }

    @Test("the text lists the skipped items of the sessions the filter admits, one line each, in the JSON's order")
    func skippedItems() throws {
        let directory = try Self.transcripts()
        for filter in [[], ["--agent", "sam"], ["--agent", "kim"], ["--outcome", "resolved"]] {
            let text = try ReboundProcess.run(["review", directory.url.path] + filter).stdout
            let lines =
                text.components(separatedBy: "Skipped checklist items\n").dropFirst().first?
                .split(separator: "\n") ?? []
            let json = try ReboundProcess.run(["review", directory.url.path, "--format", "json"] + filter).stdout
            let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let skips = try #require(object["skips"] as? [[String: Any]])
            #expect(lines.count == skips.count, "\(filter)")
            for (line, skip) in zip(lines, skips) {
                let session = try #require(skip["session"] as? String)
                #expect(line.hasPrefix("  \(session) \""), "\(filter): \(line)")
            }
        }
    }

    @Test("a transcript's notes are its sidecar's, whether the transcript is listed in a directory or named")
    func sidecars() throws {
        let directory = try Self.transcripts()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
        let scored = try #require(names.last)
        _ = try ReboundProcess.run(
            ["note", String(scored.dropLast(6)), "--transcripts", directory.url.path, "--score", "80", "Good."])
        let path = { (name: String) in directory.url.appendingPathComponent(name).path }
        for arguments in [[directory.url.path], [path(scored)], [directory.url.path, path(scored)]] {
            let result = try ReboundProcess.run(["review"] + arguments)
            #expect(result.stdout.contains("Coach notes: 1 (average coach score 80); disputes: 0"), "\(arguments)")
        }
        let unscored = try ReboundProcess.run(["review", path(try #require(names.first))])
        #expect(unscored.stdout.contains("Coach notes: 0; disputes: 0"))
    }

    @Test("a sidecar's transcripts are exactly those whose sidecar it is")
    func sidecarOwners() {
        let names = ["a.jsonl", "a", "a.jsonl.jsonl", "dir/b.notes", "c.json", ".jsonl", "d.notes.jsonl"]
        for name in names {
            let notes = TranscriptsDirectory.notesPath(of: name)
            #expect(TranscriptsDirectory.transcripts(ofNotes: notes).contains(name), "\(name)")
            for owner in TranscriptsDirectory.transcripts(ofNotes: notes) {
                #expect(TranscriptsDirectory.notesPath(of: owner) == notes, "\(name): \(owner)")
            }
        }
        #expect(TranscriptsDirectory.transcripts(ofNotes: "a.jsonl").isEmpty)
        #expect(TranscriptsDirectory.transcripts(ofNotes: "a.notes.json").isEmpty)
    }

    @Test("a session collected twice (a copy elsewhere, or the same directory given twice) counts once")
    func collectedTwice() throws {
        let directory = try Self.transcripts()
        let copy = try TemporaryDirectory()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.url.path) {
            try FileManager.default.copyItem(
                at: directory.url.appendingPathComponent(name), to: copy.url.appendingPathComponent(name))
        }
        let result = try ReboundProcess.run(["review", directory.url.path, copy.url.path, directory.url.path])
        #expect(result.stdout.hasPrefix("Review of 5 sessions (1 unfinished)"))
    }

    @Test("filters by agent, outcome, category, score and date")
    func filters() throws {
        let directory = try Self.transcripts()
        let path = directory.url.path
        #expect(try ReboundProcess.run(["review", path, "--agent", "kim"]).stdout.hasPrefix("Review of 2 sessions"))
        #expect(
            try ReboundProcess.run(["review", path, "--outcome", "escalated"]).stdout.hasPrefix("Review of 2 sessions"))
        #expect(
            try ReboundProcess.run(["review", path, "--category", "excuse"]).stdout.hasPrefix("Review of 2 sessions"))
        #expect(try ReboundProcess.run(["review", path, "--min-score", "70"]).stdout.hasPrefix("Review of 2 sessions"))
        #expect(
            try ReboundProcess.run(["review", path, "--since", "2999-01-01"]).stdout.hasPrefix("Review of 0 sessions"))
        #expect(
            try ReboundProcess.run(["review", path, "--until", "2000-01-01"]).stdout.hasPrefix("Review of 0 sessions"))
        let bad = try ReboundProcess.run(["review", path, "--category", "excuses"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("did you mean 'excuse'?"))
        #expect(try ReboundProcess.run(["review", path, "--since", "yesterday"]).status == 2)
    }

    @Test("CSV has one RFC 4180 row per session; JSON parses")
    func csvAndJSON() throws {
        let directory = try Self.transcripts()
        let csv = try ReboundProcess.run(["review", directory.url.path, "--format", "csv"])
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 6)
        #expect(
            rows[0].hasPrefix("session,agent,playbook,playbook_version,started,outcome,seconds,score,replies,excuse,"))
        #expect(rows.filter { $0.contains(",unfinished,") }.count == 1)
        let json = try ReboundProcess.run(["review", directory.url.path, "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["sessions"] as? [Any])?.count == 5)
        #expect(((object["byAgent"] as? [String: Any])?["sam"] as? [String: Any])?["sessions"] as? Int == 2)
        // The reasons the text shows (cut to fit) for overrides and skips are in the JSON, whole.
        let text = try ReboundProcess.run(["review", directory.url.path]).stdout
        for (key, field) in [("overrides", "reason"), ("skips", "reason")] {
            let rows = try #require(object[key] as? [[String: Any]])
            for row in rows {
                let reason = try #require(row[field] as? String)
                #expect(text.contains(String(reason.prefix(8))), "\(key): \(reason)")
                #expect(row["session"] is String)
            }
        }
    }

    @Test("HTML is one self-contained file and transcript text in it is inert")
    func html() throws {
        let directory = try Self.transcripts()
        let html = try ReboundProcess.run(["review", directory.url.path, "--format", "html"]).stdout
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("no &lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot;, y"))
        #expect(html.contains("<svg") && html.contains("<style>"))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("src="))
    }

    @Test(
        "honest numbers: unfinished sessions are counted apart and can be listed, advice counts, an escalation scores only its path"
    )
    func honestNumbers() throws {
        let directory = try Self.transcripts()
        let path = directory.url.path
        #expect(
            try ReboundProcess.run(["review", path, "--outcome", "unfinished"]).stdout.hasPrefix("Review of 1 session"))
        // The sent "Hi Maria, we were short-staffed." gives no timeframe: advice, and still a finding.
        let expectation = try ReboundProcess.run(["review", path, "--category", "expectation"])
        #expect(expectation.stdout.hasPrefix("Review of 2 sessions"), "\(expectation.stdout)")
        let json = try #require(
            JSONSerialization.jsonObject(
                with: Data(try ReboundProcess.run(["review", path, "--format", "json"]).stdout.utf8))
                as? [String: Any])
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        let finished = sessions.filter { !($0["outcome"] is NSNull) }.compactMap { $0["score"] as? Int }
        #expect(finished.count == 4)
        let overall = try #require(json["overall"] as? [String: Any])
        let average = try #require(overall["averageScore"] as? Double)
        #expect(abs(average - Double(finished.reduce(0, +)) / 4) < 0.06, "the unfinished session is not averaged in")
        let escalated = sessions.filter { $0["outcome"] as? String == "escalated" }
        #expect(!escalated.isEmpty)
        let lee = try ReboundProcess.run(["review", path, "--agent", "lee", "--format", "json"])
        let leeOverall = try #require(
            (JSONSerialization.jsonObject(with: Data(lee.stdout.utf8)) as? [String: Any])?["overall"] as? [String: Any])
        #expect(leeOverall["averageScore"] is NSNull, "no finished session: no average")
        #expect(try ReboundProcess.run(["review", path, "--agent", "lee"]).stdout.contains("average score n/a"))
        let escalatedID = try #require(escalated.first?["session"] as? String)
        let story = try ReboundProcess.run(["show", escalatedID, "--transcripts", path])
        #expect(!story.stdout.contains("scheduled a follow-up"), "the hand-off step schedules none")
    }

    @Test("BI tables: one row per finding, override, skip and note, each naming its session, agent and playbook")
    func tables() throws {
        let directory = try Self.transcripts()
        let path = directory.url.path
        func table(_ name: String) throws -> [Substring] {
            let result = try ReboundProcess.run(["review", path, "--format", "csv", "--table", name])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\r\n")
        }
        let findings = try table("findings")
        #expect(findings.first == "session,agent,playbook,event,rule,category,severity,source,excerpt")
        #expect(findings.contains { $0.hasSuffix(",RB201,excuse,warning,phrase,we were short-staffed") }, "\(findings)")
        let skips = try table("skips")
        #expect(skips.first == "session,agent,playbook,item,reason")
        #expect(skips.count == 3 && skips.allSatisfy { !$0.isEmpty }, "\(skips)")
        let session = try #require(findings.dropFirst().first?.split(separator: ",").first.map(String.init))
        _ = try ReboundProcess.run(["note", session, "=HYPERLINK(\"x\")", "--coach", "lee", "--transcripts", path])
        let notes = try table("notes")
        #expect(notes.first == "session,kind,event,score,verdict,author,time,text")
        #expect(
            notes.last?.hasPrefix("\(session),note,,,,lee,") == true
                && notes.last?.hasSuffix(#","'=HYPERLINK(""x"")""#) == true, "\(notes)")
        let wrong = try ReboundProcess.run(["review", path, "--table", "notes"])
        #expect(wrong.status == 2 && wrong.stderr.hasSuffix("rebound: --table notes needs --format csv\n"))
    }

    @Test("a review queue: the same seed picks the same sessions; noted sessions leave the unreviewed list")
    func queue() throws {
        let directory = try Self.transcripts()
        let path = directory.url.path
        let sessions = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".jsonl") }
            .map { String($0.dropLast(6)) }.sorted()
        let noted = try #require(sessions.last)
        let note = try ReboundProcess.run(
            ["note", noted, "Read it.", "--coach", "lee", "--transcripts", path])
        #expect(note.status == 0, "\(note.stderr)")
        let first = try ReboundProcess.run(["review", path, "--sample", "3", "--seed", "9", "--color", "never"])
        let again = try ReboundProcess.run(["review", path, "--sample", "3", "--seed", "9", "--color", "never"])
        #expect(first.status == 0 && first.stdout == again.stdout)
        #expect(
            first.stdout.hasPrefix(
                "Review queue: 3 sessions of 5 (seed 9; '--seed 9' picks the same again), 1 already reviewed\n"),
            "\(first.stdout)")
        let unreviewed = try ReboundProcess.run(["review", path, "--unreviewed", "--format", "csv"])
        let rows = unreviewed.stdout.split(separator: "\r\n").dropFirst()
        #expect(rows.count == 4 && !unreviewed.stdout.contains(noted), "\(unreviewed.stdout)")
        let zero = try ReboundProcess.run(["review", path, "--sample", "0"])
        #expect(zero.status == 2 && zero.stderr.hasSuffix("rebound: --sample must be at least 1, not 0\n"))
    }

    @Test("a dispute is open until a coach resolves it; review lists open ones; only the agent acknowledges")
    func disputes() throws {
        let directory = try Self.transcripts()
        let path = directory.url.path
        let review = { (format: String) in
            try ReboundProcess.run(["review", path, "--agent", "sam", "--format", format, "--color", "never"])
        }
        let samsSession = try #require(
            try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".jsonl") }.sorted()
                .first { name in
                    (try? String(contentsOfFile: path + "/" + name, encoding: .utf8))?.contains(#""agent":"sam""#)
                        == true
                }.map { String($0.dropLast(6)) })
        let raise = try ReboundProcess.run(
            [
                "dispute", samsSession, "--event", "2", "The customer asked for it.", "--agent", "sam", "--transcripts",
                path,
            ])
        #expect(raise.status == 0, "\(raise.stderr)")
        #expect(try review("text").stdout.contains("\(samsSession) event 2 by sam: The customer asked for it."))
        let resolve = try ReboundProcess.run(
            [
                "dispute", samsSession, "--event", "2", "--resolve", "rejected", "Own it first.", "--coach", "lee",
                "--transcripts", path,
            ])
        #expect(resolve.stdout == "dispute on event 2 rejected in session \(samsSession)\n", "\(resolve.stderr)")
        let twice = try ReboundProcess.run(
            [
                "dispute", samsSession, "--event", "2", "--resolve", "accepted", "x", "--coach", "lee", "--transcripts",
                path,
            ])
        #expect(twice.status == 2 && twice.stderr.contains("has no open dispute on event 2"))
        let json = try review("json").stdout
        #expect(json.contains(#""openDisputes":[],"resolutions":1"#), "\(json)")
        let story = try ReboundProcess.run(["show", samsSession, "--transcripts", path, "--color", "never"])
        #expect(story.stdout.contains("dispute rejected by lee at "))
        #expect(
            try ReboundProcess.run(["ack", samsSession, "--agent", "kim", "--transcripts", path]).stderr
                .contains("only that agent can acknowledge it (you are kim)"))
        let ack = try ReboundProcess.run(["ack", samsSession, "--agent", "sam", "--transcripts", path])
        #expect(ack.stdout == "feedback on session \(samsSession) acknowledged\n")
        #expect(try review("text").stdout.contains("0 open; feedback acknowledged on 1 session"))
    }

    @Test("filters say why they match nothing, take several agents, and refuse impossible ranges")
    func filterHints() throws {
        let directory = try Self.transcripts()
        let path = directory.url.path
        let cased = try ReboundProcess.run(["review", path, "--agent", "Sam"])
        #expect(cased.stderr.contains("rebound: no session by agent 'Sam'; did you mean 'sam'?"))
        let typo = try ReboundProcess.run(["review", path, "--playbook", "late-delivry"])
        #expect(typo.stderr.contains("rebound: no session of playbook 'late-delivry'; did you mean 'late-delivery'?"))
        let both = try ReboundProcess.run(["review", path, "--agent", "sam", "--agent", "kim"])
        #expect(both.stdout.hasPrefix("Review of 4 sessions"), "\(both.stdout)")
        let range = try ReboundProcess.run(["review", path, "--since", "2026-12-02", "--until", "2026-12-01"])
        #expect(range.status == 2 && range.stderr.contains("--since 2026-12-02 is after --until 2026-12-01"))
        let score = try ReboundProcess.run(["review", path, "--min-score", "101"])
        #expect(score.status == 2 && score.stderr.contains("--min-score takes a score from 0 to 100, not 101"))
    }

    @Test("tables line up by terminal columns: a CJK agent name is cut or padded by its width")
    func wideNames() throws {
        let directory = try TemporaryDirectory()
        for agent in ["王小明", "佐藤花子さんと田中一郎さん", "sam"] {
            _ = try ReboundProcess.run(
                ["chat", "late-delivery", "--transcripts", directory.url.path, "--agent", agent],
                stdin: "Maria\n123456\ny\n2\nHi Maria, order 123456 is refunded today.\n.\n\n")
        }
        let text = try ReboundProcess.run(["review", directory.url.path]).stdout
        let agentTable = text.components(separatedBy: "By agent").dropFirst().first ?? ""
        let rows = agentTable.split(separator: "\n").dropFirst().prefix(3)
        #expect(rows.count == 3)
        let columns = rows.map { String($0).terminalColumns }
        #expect(Set(columns).count == 1, "\(rows)")
        #expect(rows.contains { $0.contains("…") }, "the long name is cut with an ellipsis")
    }
}
