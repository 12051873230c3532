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
