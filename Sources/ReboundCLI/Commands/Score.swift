import ArgumentParser
import Foundation
import ReboundReview
import ReboundText
import ReboundTranscript

/// `rebound score`: a coach scores a session item by item — the scorecard's items, each
/// met or not with an optional comment, and an overall score — beside the session. Several
/// coaches scoring the same session is what `review --calibration` compares.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a session item by item (or list its scorecard items to score).",
        discussion: """
            Without --item or --overall, lists the session's scorecard items with the verdict computed \
            from the transcript. With them, records your score: the items you give take your verdict \
            (pass or fail, with an optional comment after a colon), the others keep the computed one, \
            and --overall defaults to the score those verdicts make. Your latest score is the one that \
            counts; 'review --coach NAME' shows the team as that coach scored it.
            """)

    @Argument(help: "A session id or a transcript file.", completion: .sessionIDs)
    var session: String

    @Option(
        name: .customLong("item"),
        help: ArgumentHelp("An item's verdict: N=pass or N=fail, optionally :comment (repeat).", valueName: "n=verdict")
    )
    var items: [String] = []

    @Option(help: "The overall score, 0 to 100 (default: the score the item verdicts make).")
    var overall: Int?

    @Argument(help: "A comment on the whole session (optional).")
    var comment: String = ""

    @Option(help: "The coach (default: $REBOUND_COACH, else the login name).")
    var coach: String?

    @OptionGroup var location: TranscriptsOptions<ReadsTranscripts>

    func run() throws {
        if let overall, !(0...100).contains(overall) {
            throw InputError("--overall must be from 0 to 100, not \(overall)")
        }
        let given = try items.map(Self.verdict)
        let environment = ProcessInfo.processInfo.environment
        let playbooks = (try? PlaybookLibrary.locate(environment: environment).entries()) ?? []
        func scorecard(_ header: TranscriptHeader, _ events: [TranscriptEvent]) -> Scorecard {
            Scorecard(
                events: events, playbook: playbooks.first { $0.playbook.id?.value == header.playbook.id }?.playbook)
        }
        guard !given.isEmpty || overall != nil else { return try list(scorecard) }
        let author = try Note.coach(coach)
        try Note.append(
            .score, session: session, event: nil, score: nil, author: author, text: comment, location: location
        ) { header, events in
            let card = scorecard(header, events)
            for verdict in given where !card.items.indices.contains(verdict.item - 1) {
                throw InputError(
                    "session \(header.session) has scorecard items 1–\(card.items.count), not \(verdict.item); 'rebound score \(header.session)' lists them"
                )
            }
            let verdicts = card.items.enumerated().map { index, item in
                let mine = given.last { $0.item == index + 1 }
                return CoachNote.ItemVerdict(
                    item: index + 1, description: item.description, met: mine?.met ?? item.met, comment: mine?.comment)
            }
            return (verdicts, overall ?? card.applying(verdicts).score)
        }
    }

    /// The session's scorecard items, numbered, with the computed verdicts.
    func list(_ scorecard: (TranscriptHeader, [TranscriptEvent]) -> Scorecard) throws {
        let stored = try StoredSession(session, location: location)
        let (header, events, _) = TranscriptCoding.decode(stored.transcript)
        guard let header else { throw InputError("\(stored.name) is not a readable transcript") }
        let card = scorecard(header, events)
        var lines = [
            "Scorecard of session \(header.session) (\(header.agent.escapingControlCharacters()), computed score \(card.score)):"
        ]
        for (index, item) in card.items.enumerated() {
            lines.append("  \(index + 1). \(item.met ? "✓" : "✗") \(item.description.escapingControlCharacters())")
        }
        lines.append(
            "Score it: rebound score \(header.session) --item 2=fail:\"why\" --overall 70 (items not given keep these verdicts)"
        )
        writeStandardOutput(lines.joined(separator: "\n") + "\n")
    }

    /// `3=fail:no timeframe given` as a verdict.
    static func verdict(_ text: String) throws(InputError) -> CoachNote.ItemVerdict {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let item = Int(parts[0]), item >= 1 else {
            throw InputError("--item takes N=pass or N=fail[:comment], not '\(text)'")
        }
        let verdict = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
        let met: Bool
        switch verdict.first?.lowercased() {
        case "pass": met = true
        case "fail": met = false
        default: throw InputError("--item \(item) takes 'pass' or 'fail', not '\(verdict.first ?? "")'")
        }
        let comment = verdict.count == 2 ? verdict[1].trimmingCharacters(in: .whitespaces) : ""
        return CoachNote.ItemVerdict(item: item, description: "", met: met, comment: comment.isEmpty ? nil : comment)
    }
}
