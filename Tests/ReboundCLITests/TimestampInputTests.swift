import Foundation
import Testing

/// Times that do not exist, as a user or a damaged file gives them: one clear line, never a crash.
@Suite("times that do not exist")
struct TimestampInputTests {
    @Test(
        "REBOUND_NOW with a day, hour or offset that does not exist is refused in one line",
        arguments: [
            "2026-02-31T10:00:00Z", "2100-02-29T10:00:00Z", "2026-11-23T10:00:00+25:00", "2026-11-23T10:00:60Z",
        ])
    func now(text: String) throws {
        let directory = try TemporaryDirectory()
        let result = try ReboundProcess.run(
            ["followups"], environment: ["REBOUND_NOW": text, "REBOUND_LEDGER": directory.url.path + "/l.sqlite"])
        #expect(result.status == 2)
        #expect(result.stderr == "rebound: REBOUND_NOW '\(text)' is not a time; write it as 2026-11-23T10:15:00Z\n")
        #expect(result.stdout.isEmpty)
    }

    @Test(
        "--since and --until refuse a date that does not exist in one line",
        arguments: [("--since", "2026-02-31"), ("--until", "2026-02-29"), ("--since", "2100-02-29")])
    func reviewDates(option: String, date: String) throws {
        let directory = try TemporaryDirectory()
        let result = try ReboundProcess.run(["review", directory.url.path, option, date])
        #expect(result.status == 2)
        #expect(result.stderr == "rebound: \(option) takes a date like 2026-11-23, not '\(date)'\n")
        let leap = try ReboundProcess.run(["review", directory.url.path, option, "2024-02-29"])
        #expect(leap.status == 0, "\(leap.stderr)")
    }

    /// A finished session whose header starts on 31 February.
    static func damagedTranscript(in directory: TemporaryDirectory) throws -> URL {
        try directory.write(
            "bad.jsonl",
            """
            {"agent":"sam","format":"rebound-transcript","playbook":{"id":"late-delivery","sha256":"x","version":3},\
            "session":"s1","started":"2026-02-31T11:38:40.481Z","timeZone":"Etc/UTC","tool":"0.1.0","version":1}
            {"kind":"done","outcome":"resolved","seq":1,"step":"close","time":"2026-11-23T11:38:41.033Z"}

            """)
    }

    @Test("review, replay and ledger sync report a transcript that starts at a time that does not exist")
    func transcript() throws {
        let directory = try TemporaryDirectory()
        let file = try Self.damagedTranscript(in: directory)
        let review = try ReboundProcess.run(["review", file.path])
        #expect(review.status == 0)
        #expect(review.stderr == "rebound: \(file.path): skipped line 1 ('started' is not a valid time)\n")
        #expect(review.stdout.hasPrefix("Review of 0 sessions"))
        let replay = try ReboundProcess.run(["replay", file.path])
        #expect(replay.status == 0)
        #expect(replay.stdout.hasPrefix("\(file.path): line 1: 'started' is not a valid time; skipped\n"))
        let sync = try ReboundProcess.run(
            ["ledger", "sync", directory.url.path, "--ledger", directory.url.path + "/ledger.sqlite"])
        #expect(sync.status == 0)
        #expect(sync.stderr == "rebound: \(file.path): line 1: 'started' is not a valid time\n")
        #expect(sync.stdout == "0 sessions added, 0 already in the ledger, 1 unfinished or unreadable.\n")
    }
}
