import ArgumentParser
import Foundation

/// Where transcripts are: `--transcripts`, else `$REBOUND_TRANSCRIPTS`, else
/// `./transcripts`. Commands without the option (`review`, `ledger sync`) and shell
/// completion resolve it here too.
enum TranscriptsDirectory {
    static func path(option: String?, environment: [String: String]) -> String {
        option ?? environment["REBOUND_TRANSCRIPTS"].flatMap { $0.isEmpty ? nil : $0 } ?? "transcripts"
    }

    /// The sidecar file of notes beside a transcript.
    static func notesPath(of transcript: String) -> String {
        (transcript.hasSuffix(".jsonl") ? String(transcript.dropLast(6)) : transcript) + ".notes.jsonl"
    }
}

/// What a command does with the transcripts directory, which its `--transcripts` help
/// says: `chat` writes sessions there, `show`, `note` and `dispute` read them.
protocol TranscriptsUse {
    static var help: String { get }
}

enum WritesTranscripts: TranscriptsUse {
    static var help: String { "Directory for transcripts (default: $REBOUND_TRANSCRIPTS, else ./transcripts)." }
}

enum ReadsTranscripts: TranscriptsUse {
    static var help: String { "Directory of transcripts (default: $REBOUND_TRANSCRIPTS, else ./transcripts)." }
}

/// `--transcripts DIR`, declared once for every command that takes it.
struct TranscriptsOptions<Use: TranscriptsUse>: ParsableArguments {
    @Option(help: ArgumentHelp(Use.help), completion: .directory)
    var transcripts: String?

    func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        TranscriptsDirectory.path(option: transcripts, environment: environment)
    }

    /// The transcript of a session id, or a path given as is.
    func path(of session: String) throws(InputError) -> String {
        if session.hasSuffix(".jsonl") || session.contains("/") { return session }
        let directory = directory()
        let path = ChatController.transcriptPath(directory, session)
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError("no session '\(session)' in \(directory)/")
        }
        return path
    }
}
