import ArgumentParser
import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundLedger
import ReboundText
import ReboundTranscript

/// Completions the shell gets by asking `rebound` itself when Tab is pressed, so they
/// follow the playbooks, sessions and ledger there are now and the rules of the
/// installed version rather than those of the day the script was generated.
extension CompletionKind {
    /// Playbook ids in the library (`--playbooks`, else `$REBOUND_PLAYBOOKS`, else `./playbooks`).
    static var playbookIDs: CompletionKind { asking(ShellCompletions.playbookIDs) }
    /// A playbook id, or a path to a playbook file.
    static var playbookIDsOrFiles: CompletionKind { asking(ShellCompletions.playbookIDsOrFiles) }
    /// A playbook file: the library's, or any path.
    static var playbookFiles: CompletionKind { asking(ShellCompletions.playbookFiles) }
    /// Session ids in the transcripts directory, or a path to a transcript.
    static var sessionIDs: CompletionKind { asking(ShellCompletions.sessionIDs) }
    /// Ids of the sessions that can be resumed.
    static var unfinishedSessionIDs: CompletionKind { asking(ShellCompletions.unfinishedSessionIDs) }
    /// A checker rule code or category.
    static var ruleCodesAndCategories: CompletionKind { asking(ShellCompletions.ruleCodesAndCategories) }
    /// Checker rule codes and categories, comma-separated.
    static var ruleCodeAndCategoryList: CompletionKind { asking(ShellCompletions.ruleCodeAndCategoryList) }
    /// A checker category.
    static var findingCategories: CompletionKind { asking(ShellCompletions.findingCategories) }
    /// Checker categories, comma-separated.
    static var findingCategoryList: CompletionKind { asking(ShellCompletions.findingCategoryList) }
    /// Agents named in transcripts or in the ledger's follow-ups.
    static var agentNames: CompletionKind { asking(ShellCompletions.agentNames) }
    /// Agents with follow-ups in the ledger.
    static var followUpAgents: CompletionKind { asking(ShellCompletions.followUpAgents) }
    /// Numbers of the open follow-ups in the ledger.
    static var openFollowUpIDs: CompletionKind { asking(ShellCompletions.openFollowUpIDs) }
    /// Steps with a draft in the playbook file given to `--playbook`.
    static var draftSteps: CompletionKind { asking(ShellCompletions.draftSteps) }

    private static func asking(_ complete: @escaping @Sendable (CompletionRequest) -> [String]) -> CompletionKind {
        .custom { words, index, prefix in complete(CompletionRequest(words: words, index: index, prefix: prefix)) }
    }
}

/// The candidates for each kind of value, read from the same places the commands read.
/// A source that cannot be read (no library here, no ledger yet) gives no candidates and
/// says nothing: a completion must never get in the way of the command line.
enum ShellCompletions {
    static func playbookIDs(_ request: CompletionRequest) -> [String] {
        request.matching(library(request).compactMap { $0.playbook.id?.value })
    }

    static func playbookIDsOrFiles(_ request: CompletionRequest) -> [String] {
        request.matchingOrPaths(
            library(request).compactMap { $0.playbook.id?.value }, suffix: PlaybookLibrary.fileSuffix)
    }

    static func playbookFiles(_ request: CompletionRequest) -> [String] {
        request.matchingOrPaths(library(request).map(\.path), suffix: PlaybookLibrary.fileSuffix)
    }

    static func sessionIDs(_ request: CompletionRequest) -> [String] {
        request.matchingOrPaths(sessionFiles(request).map(\.id), suffix: ".jsonl")
    }

    static func unfinishedSessionIDs(_ request: CompletionRequest) -> [String] {
        request.matching(
            ChatController.unfinishedSessions(in: transcriptsDirectory(request), prefix: request.prefix).map(\.id))
    }

    static func ruleCodesAndCategories(_ request: CompletionRequest) -> [String] {
        request.matching(ruleCodes + categories)
    }

    static func ruleCodeAndCategoryList(_ request: CompletionRequest) -> [String] {
        request.matchingListItems(ruleCodes + categories)
    }

    static func findingCategories(_ request: CompletionRequest) -> [String] {
        request.matching(categories)
    }

    static func findingCategoryList(_ request: CompletionRequest) -> [String] {
        request.matchingListItems(categories)
    }

    static func agentNames(_ request: CompletionRequest) -> [String] {
        let inTranscripts = sessionFiles(request).compactMap { header(of: $0.path)?.agent }
        return request.matching(inTranscripts + followUpAgents(request))
    }

    static func followUpAgents(_ request: CompletionRequest) -> [String] {
        let followUps = (try? existingLedger(request)?.followUps(FollowUpFilter(scope: .all))) ?? []
        return request.matching(followUps.map(\.agent))
    }

    static func openFollowUpIDs(_ request: CompletionRequest) -> [String] {
        let followUps = (try? existingLedger(request)?.followUps(FollowUpFilter(scope: .open))) ?? []
        return request.matching(followUps.map { String($0.id) })
    }

    static func draftSteps(_ request: CompletionRequest) -> [String] {
        guard let path = request.value(of: "--playbook"), let source = try? FileSystem.read(path) else { return [] }
        let steps = Playbook.check(source).playbook.steps.filter { step in
            step.items.contains { if case .draft = $0 { true } else { false } }
        }
        return request.matching(steps.map(\.id.value))
    }

    // MARK: Sources

    private static var ruleCodes: [String] { ReplyChecker.descriptors.map(\.code) }
    private static var categories: [String] { FindingCategory.allCases.map(\.rawValue) }

    private static func library(_ request: CompletionRequest) -> [PlaybookLibrary.Entry] {
        let library = try? PlaybookLibrary.locate(
            environment: request.environment, option: request.value(of: "--playbooks"))
        return (try? library?.entries()) ?? []
    }

    private static func transcriptsDirectory(_ request: CompletionRequest) -> String {
        TranscriptsDirectory.path(option: request.value(of: "--transcripts"), environment: request.environment)
    }

    /// Every transcript in the transcripts directory (notes files left out).
    private static func sessionFiles(_ request: CompletionRequest) -> [(id: String, path: String)] {
        let directory = transcriptsDirectory(request)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasSuffix(".notes.jsonl") }.map { name in
            (String(name.dropLast(6)), ChatController.transcriptPath(directory, String(name.dropLast(6))))
        }
    }

    /// A transcript's header, from its first line only: a session's events can be long.
    private static func header(of path: String) -> TranscriptHeader? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        guard let start = try? file.read(upToCount: 64 * 1024) else { return nil }
        let firstLine = start.prefix { $0 != UInt8(ascii: "\n") }
        return TranscriptCoding.decode(Array(firstLine)).header
    }

    /// The ledger file `--ledger`, `$REBOUND_LEDGER` or the default place names, if it
    /// exists: completing a value must not create one. A PostgreSQL ledger is not asked:
    /// a Tab press must not wait on a network.
    private static func existingLedger(_ request: CompletionRequest) -> Ledger? {
        let (path, _) = Ledger.location(option: request.value(of: "--ledger"), environment: request.environment)
        guard !path.contains("://"), FileManager.default.fileExists(atPath: path) else { return nil }
        return try? Ledger(path: path, busyTimeout: 0.5)
    }
}
