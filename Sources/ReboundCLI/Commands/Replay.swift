import ArgumentParser
import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundScenario
import ReboundText
import ReboundTranscript

/// `rebound replay`: re-run recorded sessions against the current playbooks and rules.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay recorded sessions against the current playbook and rules.",
        discussion: """
            For each transcript (or every .jsonl file under a directory), re-runs the recorded \
            answers, choices and drafts and reports whether the session takes the same path, \
            where and why it diverges, and which drafts' findings changed. Exit status: 0 done \
            (1 with --strict when a session diverged), 2 usage or input error.
            """)

    @Argument(
        help: """
            Transcript files or directories (default: the transcripts directory, or the team's store when \
            $REBOUND_TRANSCRIPTS is a postgresql:// URL).
            """,
        completion: .file(extensions: ["jsonl"]))
    var transcripts: [String] = []

    @Option(
        help: "Replay against this playbook file instead of the one named in each transcript.",
        completion: .playbookFiles)
    var playbook: String?

    @OptionGroup var library: PlaybooksOptions

    @Flag(help: "Exit 1 when any session diverges.")
    var strict = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let source: any TranscriptSource
        if transcripts.isEmpty, let server = TranscriptsDirectory.server(option: nil, environment: environment) {
            source = try TranscriptServer(url: server, environment: environment)
        } else {
            let paths =
                transcripts.isEmpty ? [TranscriptsDirectory.path(option: nil, environment: environment)] : transcripts
            guard !(try TranscriptFiles.files(in: paths)).isEmpty else {
                throw InputError("no transcripts in \(paths.joined(separator: ", "))")
            }
            source = TranscriptFiles(paths: paths)
        }
        let given = try playbook.map { path throws(InputError) in (path, try FileSystem.read(path)) }
        let entries = given == nil ? try library.library(environment: environment).entries() : []
        let checker = SharedChecker()
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        var same = 0
        var diverged = 0
        var changed = 0
        var sessions = 0
        try source.forEachSession { path, header, events, problems in
            sessions += 1
            for problem in problems { output.write("\(path): \(problem); skipped\n") }
            guard let header else {
                output.write("\(path): not a readable transcript; skipped\n")
                return
            }
            let source: [UInt8]
            if let given {
                source = given.1
            } else if let entry = entries.first(where: { $0.playbook.id?.value == header.playbook.id }) {
                source = entry.source
            } else {
                throw InputError(
                    "\(path): its playbook '\(header.playbook.id.escapingControlCharacters())' is not in the playbooks directory; name the directory with --playbooks or the file with --playbook"
                )
            }
            let (current, diagnostics) = Playbook.check(source)
            if diagnostics.hasErrors {
                throw InputError("the playbook for \(path) has errors; run 'rebound check' on it")
            }
            if SHA256.hex(source) != header.playbook.sha256 {
                let version = current.version?.value ?? 0
                let versions =
                    version == header.playbook.version
                    ? "still version \(version)" : "version \(header.playbook.version), now \(version)"
                output.write(
                    "\(path): playbook '\(header.playbook.id.escapingControlCharacters())' changed since it was recorded (\(versions)); replaying anyway\n"
                )
            }
            let report = ReplayReport.replay(events.events, playbook: current, checker: checker)
            if let divergence = report.divergence {
                diverged += 1
                output.write(
                    "\(path): diverged at event \(divergence.seq) (step \(divergence.step.escapingControlCharacters())): "
                        + divergence.reason.escapingControlCharacters() + "\n")
            } else {
                same += 1
                output.write("\(path): same path (\(report.replayedOutcome?.rawValue ?? "unfinished"))\n")
            }
            for note in report.notes { output.write("  " + note.escapingControlCharacters() + "\n") }
            if !report.findingChanges.isEmpty { changed += 1 }
            for change in report.findingChanges {
                let added = change.added.map { "new \($0.rule) at \($0.range.start) \"\($0.excerpt)\"" }
                let removed = change.removed.map { "gone \($0.rule) at \($0.range.start) \"\($0.excerpt)\"" }
                output.write(
                    "  findings changed in the draft at event \(change.seq) (step \(change.step.escapingControlCharacters())): "
                        + (added + removed).joined(separator: "; ").escapingControlCharacters() + "\n")
            }
        }
        output.write(
            "\(count(sessions, "transcript")): \(same) same path, \(diverged) diverged; \(changed) with changed findings\n"
        )
        output.flush()
        if strict && diverged > 0 { throw ExitCode(1) }
    }
}
