import Foundation
import ReboundReview
import Testing

/// `rebound show`, `note` and `dispute`, run as real processes.
@Suite("coach tools")
struct CoachToolsTests {
    /// One recorded late-delivery session with a skip, an override and findings.
    static func session(in directory: TemporaryDirectory) throws -> (id: String, path: String) {
        let lines =
            "Maria\n12345\n123456\n/skip thread deleted\n2\nHi Maria, per our policy, we were short-staffed.\n.\n/accept RB207 customer asked\n\ny\n"
        _ = try ReboundProcess.run(
            ["chat", "late-delivery", "--transcripts", directory.url.path, "--agent", "sam"], stdin: lines)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).first)
        return (String(name.dropLast(6)), directory.url.appendingPathComponent(name).path)
    }

    @Test("show tells the session as a story with its score, findings at their spans, and notes in place")
    func show() throws {
        let directory = try TemporaryDirectory()
        let (id, path) = try Self.session(in: directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let note = try ReboundProcess.run(
            [
                "note", id, "--transcripts", directory.url.path, "--event", "11", "--score", "60", "--coach", "kim",
                "Drop the excuse.",
            ])
        #expect(note.status == 0)
        let dispute = try ReboundProcess.run(
            ["dispute", id, "--transcripts", directory.url.path, "--event", "11", "--agent", "sam", "They asked why."])
        #expect(dispute.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the transcript is never edited")

        let shown = try ReboundProcess.run(["show", id, "--transcripts", directory.url.path])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("Score 70/100"), "the late-delivery playbook weighs errors 3")
        #expect(
            shown.stdout.contains(
                "✗ skipped \"You read the whole thread, so Maria does not have to repeat the story.\" (thread deleted)")
        )
        #expect(shown.stdout.contains("   4   order refused '12345'"))
        #expect(shown.stdout.contains("draft:1:27: warning: excuse:"))
        #expect(shown.stdout.contains("  13   sent the draft above, as it was"))
        #expect(shown.stdout.components(separatedBy: "draft:1:27: warning: excuse:").count == 2, "findings shown once")
        #expect(shown.stdout.contains("|                           ^~~~~~~~~~~~~~~~~~~~~"))
        #expect(shown.stdout.contains("note by kim at "))
        #expect(shown.stdout.contains("(score 60): Drop the excuse."))
        #expect(shown.stdout.contains("dispute by sam at "))
        let noteLine = try #require(shown.stdout.range(of: "note by kim"))
        let override = try #require(shown.stdout.range(of: "accepted RB207"))
        #expect(noteLine.lowerBound < override.lowerBound, "notes follow the event they are about")
        #expect(!shown.stdout.contains("\u{1B}["))
    }

    @Test("notes and disputes refuse unknown events, bad scores and empty text")
    func badNotes() throws {
        let directory = try TemporaryDirectory()
        let (id, _) = try Self.session(in: directory)
        let unknown = try ReboundProcess.run(["note", id, "--transcripts", directory.url.path, "--event", "99", "x"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("has no event 99 (events 1–16)"))
        #expect(
            try ReboundProcess.run(["note", id, "--transcripts", directory.url.path, "--score", "101", "x"]).status == 2
        )
        #expect(try ReboundProcess.run(["note", id, "--transcripts", directory.url.path, " "]).status == 2)
        let missing = try ReboundProcess.run(["show", "nope", "--transcripts", directory.url.path])
        #expect(missing.status == 2)
        #expect(missing.stderr == "rebound: no session 'nope' in \(directory.url.path)/\n")
    }

    @Test("two coaches writing at once lose no note")
    func concurrentNotes() throws {
        let directory = try TemporaryDirectory()
        let (id, path) = try Self.session(in: directory)
        let group = DispatchGroup()
        let transcripts = directory.url.path
        for writer in 0..<8 {
            DispatchQueue.global().async(group: group) {
                _ = try? ReboundProcess.run(
                    ["note", id, "--transcripts", transcripts, "--coach", "coach\(writer)", "Note \(writer)."])
            }
        }
        group.wait()
        let notes = CoachNote.decode(
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: String(path.dropLast(6)) + ".notes.jsonl"))))
        #expect(notes.problems.isEmpty)
        #expect(Set(notes.notes.map(\.author)).count == 8)
    }
}

/// Coaches scoring one session item by item, and how far they agree.
@Suite("calibration")
struct CalibrationCommandTests {
    @Test("score lists the items, records a coach's verdicts; calibration compares coaches; --coach shows one's view")
    func calibration() throws {
        let directory = try TemporaryDirectory()
        let (id, _) = try CoachToolsTests.session(in: directory)
        let transcripts = ["--transcripts", directory.url.path]
        let listed = try ReboundProcess.run(["score", id] + transcripts)
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("(sam, computed score 70):"))
        #expect(listed.stdout.contains("  1. ✗ skipped \"You read the whole thread"))
        #expect(listed.stdout.contains("  5. ✓ reply in 'reply' sent without unexcused errors"))

        let kim = try ReboundProcess.run(
            [
                "score", id, "--coach", "kim", "--item", "1=pass:thread really was deleted", "--item",
                "5=fail:excuse sent",
            ]
                + transcripts)
        #expect(kim.status == 0, "\(kim.stderr)")
        #expect(kim.stdout.hasPrefix("session \(id) scored "))
        let lee = try ReboundProcess.run(
            ["score", id, "--coach", "lee", "--item", "4=pass", "--overall", "80", "Good recovery"] + transcripts)
        #expect(lee.stdout == "session \(id) scored 80 by lee; items not met: 1, 2\n")
        let bad = try ReboundProcess.run(["score", id, "--coach", "lee", "--item", "12=pass"] + transcripts)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("has scorecard items 1–8, not 12"))
        let badVerdict = try ReboundProcess.run(["score", id, "--item", "2=maybe"] + transcripts)
        #expect(badVerdict.stderr.contains("--item 2 takes 'pass' or 'fail', not 'maybe'"))

        let calibration = try ReboundProcess.run(["review", directory.url.path, "--calibration"])
        #expect(calibration.status == 0)
        #expect(calibration.stdout.hasPrefix("Calibration: 1 session scored by 2 coaches (kim, lee)"))
        // Of 8 items they split on 1 (kim passes it), 4 (lee passes it) and 5 (kim fails it).
        #expect(calibration.stdout.contains("  kim          lee             8 items  agree   62%  kappa 0.14\n"))
        #expect(calibration.stdout.contains("item 5: reply in 'reply' sent without unexcused errors"))
        #expect(calibration.stdout.contains("✗ kim: excuse sent"))
        let json = try ReboundProcess.run(["review", directory.url.path, "--calibration", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let pair = try #require((object["pairs"] as? [[String: Any]])?.first)
        #expect(pair["items"] as? Int == 8 && pair["agreed"] as? Int == 5)
        // 4 both met, 1 both failed, 1 kim only, 2 lee only: chance 0.625 × 0.75 + 0.375 × 0.25 = 0.5625,
        // kappa (0.625 − 0.5625) / (1 − 0.5625) = 0.143.
        #expect(abs((pair["kappa"] as? Double ?? 0) - 0.143) < 0.001)

        let computed = try ReboundProcess.run(["review", directory.url.path, "--format", "json"])
        let asLee = try ReboundProcess.run(["review", directory.url.path, "--format", "json", "--coach", "lee"])
        func score(_ output: String) throws -> Int? {
            let object = try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            return (object["sessions"] as? [[String: Any]])?.first?["score"] as? Int
        }
        #expect(try score(computed.stdout) == 70)
        #expect(try score(asLee.stdout) != 70)
        let text = try ReboundProcess.run(["review", directory.url.path, "--coach", "lee"])
        #expect(text.stdout.contains("scores as lee scored them (1 of the sessions)"))
        let html = try ReboundProcess.run(["review", directory.url.path, "--coach", "lee", "--format", "html"])
        #expect(html.stdout.contains("<dt>Scores</dt><dd>as lee scored them item by item (1 of the sessions"))
        let nobody = try ReboundProcess.run(["review", directory.url.path, "--coach", "zed"])
        #expect(nobody.stderr.contains("zed has scored none of these sessions"))

        let shown = try ReboundProcess.run(["show", id] + transcripts)
        #expect(shown.stdout.contains("scored by kim at "))
        #expect(shown.stdout.contains("✗ 5. reply in 'reply' sent without unexcused errors: excuse sent"))
        let unreviewed = try ReboundProcess.run(["review", directory.url.path, "--unreviewed"])
        #expect(unreviewed.stdout.contains("Not reviewed yet: 0 sessions"), "a score marks a session reviewed")
    }
}
