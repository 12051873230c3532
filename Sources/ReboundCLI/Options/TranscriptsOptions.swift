import ArgumentParser
import Foundation
import ReboundPostgres

/// Where transcripts are: `--transcripts`, else `$REBOUND_TRANSCRIPTS`, else
/// `./transcripts`. Commands without the option (`review`, `ledger sync`) and shell
/// completion resolve it here too.
enum TranscriptsDirectory {
    /// Where transcripts are kept: `--transcripts`, else `$REBOUND_TRANSCRIPTS`, else
    /// `./transcripts`; a directory, or a team's PostgreSQL server as a URL.
    static func location(option: String?, environment: [String: String]) -> String {
        option ?? environment["REBOUND_TRANSCRIPTS"].flatMap { $0.isEmpty ? nil : $0 } ?? "transcripts"
    }

    /// The directory of transcript files: the configured one, or the local spool when
    /// transcripts go to a server.
    static func path(option: String?, environment: [String: String]) -> String {
        let location = location(option: option, environment: environment)
        return PostgresURL.isURL(location) ? spool(environment: environment) : location
    }

    /// The team's transcript store, when the location is a URL.
    static func server(option: String?, environment: [String: String]) -> String? {
        let location = location(option: option, environment: environment)
        return PostgresURL.isURL(location) ? location : nil
    }

    /// Where a chat writes its transcripts before they reach the server (and keeps them):
    /// `$REBOUND_SPOOL`, else `$XDG_STATE_HOME/rebound/spool`, else
    /// `~/.local/state/rebound/spool`.
    static func spool(environment: [String: String]) -> String {
        if let spool = environment["REBOUND_SPOOL"], !spool.isEmpty { return spool }
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/rebound/spool"
    }

    /// The sidecar file of notes beside a transcript.
    static func notesPath(of transcript: String) -> String {
        (transcript.hasSuffix(".jsonl") ? String(transcript.dropLast(6)) : transcript) + ".notes.jsonl"
    }

    /// The transcripts whose sidecar `notes` is (`notesPath(of:)` backwards): none when it is no
    /// sidecar's name.
    static func transcripts(ofNotes notes: String) -> [String] {
        guard notes.hasSuffix(".notes.jsonl") else { return [] }
        let stem = String(notes.dropLast(12))
        return stem.hasSuffix(".jsonl") ? [stem + ".jsonl"] : [stem + ".jsonl", stem]
    }
}

/// What a command does with the transcripts directory, which its `--transcripts` help
/// says: `chat` writes sessions there, `show`, `note` and `dispute` read them.
protocol TranscriptsUse {
    static var help: String { get }
}

enum WritesTranscripts: TranscriptsUse {
    static var help: String {
        """
        Directory for transcripts, or a team's PostgreSQL server as a postgresql:// URL (sessions are then \
        written to $REBOUND_SPOOL, else ~/.local/state/rebound/spool, and sent on) \
        (default: $REBOUND_TRANSCRIPTS, else ./transcripts).
        """
    }
}

enum ReadsTranscripts: TranscriptsUse {
    static var help: String {
        "Directory of transcripts, or a postgresql:// URL (default: $REBOUND_TRANSCRIPTS, else ./transcripts)."
    }
}

/// `--transcripts DIR`, declared once for every command that takes it.
struct TranscriptsOptions<Use: TranscriptsUse>: ParsableArguments {
    @Option(help: ArgumentHelp(Use.help), completion: .directory)
    var transcripts: String?

    func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        TranscriptsDirectory.path(option: transcripts, environment: environment)
    }

    /// The team's transcript store, when `--transcripts` or `$REBOUND_TRANSCRIPTS` names one.
    func server(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        TranscriptsDirectory.server(option: transcripts, environment: environment)
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
