import Foundation
import ReboundPostgres
import ReboundTestSupport
import Testing

/// Transcripts on the team's PostgreSQL server: the chat spools and delivers, coaches read
/// from the server, and a server that stops mid-session loses nothing.
@Suite("team transcript store", .enabled(if: StoreKind.serverURL != nil))
struct TeamStoreTests {
    static let winBack = [
        "Acme Ltd", "AC12345", "lower-volume", "4", "$12,500", "yes", "y", "y", "slow deliveries", "y", "delivery",
        "returning", "free express shipping",
        "Hi Acme Ltd, from today every order ships express at no cost, and I will check in next week.", ".", "",
    ]

    /// The one transcript file in the spool, and its bytes.
    static func spooled(_ spool: String) throws -> (session: String, bytes: [UInt8]) {
        let files = try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".jsonl") }
        let name = try #require(files.count == 1 ? files.first : nil, "\(files)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: spool + "/" + name)))
        return (String(name.dropLast(6)), bytes)
    }

    @Test("a chat's lines reach the server exactly as its spool file has them; review and show read the server")
    func deliveredAndRead() throws {
        let fixture = try StoreFixture(.postgresql)
        let directory = try TemporaryDirectory()
        let environment = [
            "REBOUND_TRANSCRIPTS": fixture.location, "REBOUND_SPOOL": directory.url.path + "/spool",
            "REBOUND_LEDGER": directory.url.path + "/ledger.sqlite", "REBOUND_AGENT": "pat",
        ]
        let chat = try ReboundProcess.run(
            ["chat", "win-back"], environment: environment, stdin: Self.winBack.joined(separator: "\n") + "\n")
        #expect(chat.status == 0 && chat.stdout.contains("Done: resolved."), "\(chat.stderr)")
        #expect(!chat.stderr.contains("wait in"), "everything was delivered before the chat ended")
        let (session, bytes) = try Self.spooled(directory.url.path + "/spool")
        let store = try PostgresTranscripts(url: fixture.location, environment: ProcessInfo.processInfo.environment)
        #expect(try store.transcript(session: session) == bytes)

        let review = try ReboundProcess.run(["review", "--format", "csv"], environment: environment)
        #expect(review.status == 0 && review.stdout.contains(session), "\(review.stderr)")
        let story = try ReboundProcess.run(
            ["show", String(session.prefix(12)), "--color", "never"],
            environment: environment.merging(["REBOUND_SPOOL": directory.url.path + "/elsewhere"]) { $1 })
        #expect(story.status == 0 && story.stdout.hasPrefix("Session \(session) — win-back"), "\(story.stderr)")
        let replay = try ReboundProcess.run(["replay"], environment: environment)
        #expect(replay.stdout.contains("\(store.location)#\(session): same path (resolved)\n"), "\(replay.stdout)")
        #expect(replay.stdout.hasSuffix("1 transcript: 1 same path, 0 diverged; 0 with changed findings\n"))

        // Notes and disputes go to the server beside the session, and every reader sees them.
        let note = try ReboundProcess.run(
            ["note", session, "Lead with the fix next time.", "--event", "3", "--score", "70", "--coach", "lee"],
            environment: environment)
        #expect(note.status == 0 && note.stdout == "note added to session \(session)\n", "\(note.stderr)")
        let dispute = try ReboundProcess.run(
            ["dispute", session, "--event", "3", "The customer asked for it."], environment: environment)
        #expect(dispute.status == 0, "\(dispute.stderr)")
        let annotated = try ReboundProcess.run(["show", session, "--color", "never"], environment: environment)
        #expect(annotated.stdout.contains("note by lee at "), "\(annotated.stdout)")
        #expect(annotated.stdout.contains("(score 70): Lead with the fix next time."))
        #expect(annotated.stdout.contains("dispute by pat at "))
        let withNotes = try ReboundProcess.run(["review", "--format", "json"], environment: environment)
        #expect(
            withNotes.stdout.contains(#""notes":1,"disputes":1"#), "\(withNotes.stdout.prefix(600))")
        #expect(
            try ReboundProcess.run(
                ["dispute", session, "--event", "3", "x", "--agent", "kim"], environment: environment
            )
            .stderr.contains("only that agent can dispute it"))

        let unknown = try ReboundProcess.run(["show", "19990101"], environment: environment)
        #expect(unknown.stderr == "rebound: no session '19990101' in \(store.location)\n")

        let again = try ReboundProcess.run(
            ["transcripts", "push", directory.url.path + "/spool"], environment: environment)
        #expect(again.stdout == "0 sessions sent (0 lines), 1 already complete in \(store.location)\n")
    }

    @Test("the server stops mid-session: the chat goes on and says what waits; the next chat delivers it, once")
    func serverStopsMidSession() throws {
        let server = try TestServer()
        defer { server.remove() }
        let directory = try TemporaryDirectory()
        let spool = directory.url.path + "/spool"
        let environment = [
            "REBOUND_TRANSCRIPTS": server.url, "REBOUND_SPOOL": spool,
            "REBOUND_LEDGER": directory.url.path + "/ledger.sqlite", "REBOUND_AGENT": "pat",
        ]
        let chat = try ReboundProcess.launch(["chat", "win-back"], environment: environment)
        let store = try PostgresTranscripts(url: server.url, environment: ProcessInfo.processInfo.environment)
        try chat.input.write(contentsOf: Data((Self.winBack[0..<4].joined(separator: "\n") + "\n").utf8))
        // The first answers reach the server while it runs.
        #expect(
            waitUntil {
                // Not `spooled`: its #require would record a failure while the file is not there yet.
                let files = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []
                guard let name = files.first(where: { $0.hasSuffix(".jsonl") }) else { return false }
                let session = String(name.dropLast(6))
                return ((try? store.storedThrough(session: session)) ?? nil ?? 0) >= 4
            })
        try server.down()
        try chat.input.write(contentsOf: Data((Self.winBack[4...].joined(separator: "\n") + "\n").utf8))
        try chat.input.close()
        let stderr = String(decoding: try chat.errors.readToEnd() ?? Data(), as: UTF8.self)
        chat.process.waitUntilExit()
        #expect(chat.process.terminationStatus == 0)
        #expect(stderr.contains("transcript lines wait in \(spool) and are sent at the next chat"), "\(stderr)")
        let stdout = String(decoding: try chat.output.readToEnd() ?? Data(), as: UTF8.self)
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []
        try #require(listing.contains { $0.hasSuffix(".jsonl") }, "spool \(listing); chat said: \(stdout)\(stderr)")
        let (session, bytes) = try Self.spooled(spool)

        try server.start()
        let next = try ReboundProcess.run(["chat"], environment: environment, stdin: "")
        #expect(next.status == 0, "\(next.stderr)")
        let reopened = try PostgresTranscripts(url: server.url, environment: ProcessInfo.processInfo.environment)
        #expect(try reopened.transcript(session: session) == bytes, "every line once, in order")
        withExtendedLifetime(directory) {}
    }

    @Test("an agent's SQLite ledger and transcript folder move to the server; running it again copies nothing twice")
    func moving() throws {
        let fixture = try StoreFixture(.postgresql)
        let directory = try TemporaryDirectory()
        let file = directory.url.path + "/ledger.sqlite"
        let local = ["REBOUND_LEDGER": file, "REBOUND_TRANSCRIPTS": directory.url.path + "/t", "REBOUND_AGENT": "pat"]
        for account in ["AC11111", "AC22222"] {
            var answers = Self.winBack
            answers[1] = account
            let chat = try ReboundProcess.run(
                ["chat", "win-back"], environment: local, stdin: answers.joined(separator: "\n") + "\n")
            #expect(chat.status == 0, "\(chat.stderr)")
        }
        let migrate = try ReboundProcess.run(["ledger", "migrate", "--from", file, "--to", fixture.location])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(
            migrate.stdout.hasPrefix("customers: 2 copied, 0 already there\ncontacts: 2 copied"), "\(migrate.stdout)")
        let again = try ReboundProcess.run(["ledger", "migrate", "--from", file, "--to", fixture.location])
        #expect(again.stdout.contains("follow-ups: 0 copied, 2 already there\n"), "\(again.stdout)")
        let info = try ReboundProcess.run(["ledger", "info", "--ledger", fixture.location])
        #expect(info.stdout.contains("recoveries: 2\nfollow-ups: 2\nred-carpets: 2\n"), "\(info.stdout)")
        let missing = try ReboundProcess.run(["ledger", "migrate", "--from", file + ".gone", "--to", fixture.location])
        #expect(missing.status == 2 && missing.stderr.contains("No such file or directory"))

        let noted = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path + "/t").sorted().first?.dropLast(6))
        let note = try ReboundProcess.run(
            ["note", String(noted), "Good save.", "--coach", "lee"], environment: local)
        #expect(note.status == 0, "\(note.stderr)")
        let push = try ReboundProcess.run(["transcripts", "push", directory.url.path + "/t", "--to", fixture.location])
        #expect(push.stdout.hasPrefix("2 sessions sent ("), "\(push.stdout)\(push.stderr)")
        #expect(push.stdout.hasSuffix("; 1 note added\n"), "\(push.stdout)")
        let pushAgain = try ReboundProcess.run(
            ["transcripts", "push", directory.url.path + "/t", "--to", fixture.location])
        #expect(pushAgain.stdout.hasPrefix("0 sessions sent (0 lines), 2 already complete"), "\(pushAgain.stdout)")
        let noTarget = try ReboundProcess.run(["transcripts", "push", directory.url.path + "/t"], environment: local)
        #expect(noTarget.status == 2 && noTarget.stderr.contains("say where to send them"))
    }

    func waitUntil(seconds: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date() + seconds
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return false
    }
}

/// A PostgreSQL server of one test's own (`scripts/dev-postgres.sh` in a folder of its own,
/// on a free port), which the test may stop and start without disturbing other tests.
final class TestServer {
    let folder: String
    let port: Int
    var url: String { "postgresql://rebound@localhost:\(port)/rebound?host=\(folder)" }

    init() throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("rebound-pg-\(UUID().uuidString.prefix(8))")
            .path
        port = Int.random(in: 40_000...50_000)
        try start()
    }

    func start() throws { try script("start") }
    func down() throws { try script("down") }
    func remove() {
        try? script("stop")
        try? FileManager.default.removeItem(atPath: folder + ".log")
    }

    /// Runs the script with its output to a file: the server it starts keeps any pipe it
    /// inherits open, so reading one to its end would never finish.
    private func script(_ command: String) throws {
        let log = folder + ".log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = ReboundProcess.repositoryRoot.appendingPathComponent("scripts/dev-postgres.sh")
        process.arguments = [command]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "REBOUND_PG_DIR": folder, "PGPORT": String(port),
        ]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = process.standardOutput
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ServerFailure(description: "dev-postgres.sh \(command) failed: \(output)")
        }
    }
}

struct ServerFailure: Error, CustomStringConvertible {
    let description: String
}
