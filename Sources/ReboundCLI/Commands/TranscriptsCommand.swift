import ArgumentParser
import Foundation
import ReboundLedger
import ReboundPostgres
import ReboundTranscript

/// `rebound transcripts`: moving transcripts to the team's store.
struct TranscriptsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcripts",
        abstract: "Send transcript files to the team's PostgreSQL transcript store.",
        subcommands: [Push.self])

    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "push",
            abstract: "Send the sessions of transcript files or directories to a PostgreSQL transcript store.",
            discussion: """
                Only what the store lacks is sent, session by session, so pushing again after an interruption \\
                (or pushing a chat's spool after the server was away) finishes the job and stores nothing twice.
                """)

        @Argument(
            help: "Transcript files or directories (default: the chat's spool).",
            completion: .file(extensions: ["jsonl"]))
        var paths: [String] = []

        @Option(
            help: ArgumentHelp(
                "The transcript store (default: $REBOUND_TRANSCRIPTS when it is a postgresql:// URL).",
                valueName: "url"))
        var to: String?

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            guard let url = to ?? TranscriptsDirectory.server(option: nil, environment: environment) else {
                throw InputError("say where to send them: --to postgresql://… (or set REBOUND_TRANSCRIPTS to one)")
            }
            let store = try inLedger { try PostgresTranscripts(url: url, environment: environment) }
            let files = try TranscriptFiles.files(
                in: paths.isEmpty ? [TranscriptsDirectory.spool(environment: environment)] : paths)
            var (sent, complete, lines, notes) = (0, 0, 0, 0)
            for path in files {
                guard let backlog = try inLedger({ try store.backlog(of: try FileSystem.read(path)) }) else {
                    writeStandardError("rebound: \(path): skipped, not a transcript (its first line is no header)\n")
                    continue
                }
                for line in backlog.unreadableLines {
                    writeStandardError("rebound: \(path):\(line): skipped (unreadable event)\n")
                }
                if backlog.isEmpty {
                    complete += 1
                } else {
                    try inLedger {
                        try store.deliver(session: backlog.session, header: backlog.header, events: backlog.events)
                    }
                    sent += 1
                    lines += backlog.events.count + (backlog.header == nil ? 0 : 1)
                }
                // Coaches' notes and disputes beside the file go with it.
                let notesPath = TranscriptsDirectory.notesPath(of: path)
                if FileManager.default.fileExists(atPath: notesPath) {
                    let noteLines = try FileSystem.read(notesPath).split(separator: UInt8(ascii: "\n")).map(Array.init)
                    notes += try inLedger { try store.addNotes(session: backlog.session, lines: noteLines) }
                }
            }
            writeStandardOutput(
                "\(count(sent, "session")) sent (\(count(lines, "line"))), \(complete) already complete in \(store.location)"
                    + (notes > 0 ? "; \(count(notes, "note")) added" : "") + "\n")
        }
    }
}
