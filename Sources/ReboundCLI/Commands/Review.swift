import ArgumentParser
import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundReview
import ReboundText
import ReboundTranscript

/// `rebound review`: what a team's sessions add up to, for coaches.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Summarise transcripts: outcomes, scores, findings by agent, playbook and week.",
        discussion: """
            Reads every .jsonl transcript under the paths (default: the transcripts directory), \
            one file at a time. Corrupt lines are reported once per file and skipped; unfinished \
            sessions are counted apart. Formats: text (80 columns), json, csv (one row per \
            session) and html (one self-contained file with charts).
            """)

    @Argument(
        help: "Transcript files or directories (default: the transcripts directory).",
        completion: .file(extensions: ["jsonl"]))
    var paths: [String] = []

    @Option(help: "Only this agent (repeat for several).", completion: .agentNames) var agent: [String] = []
    @Option(help: "Only this playbook id.", completion: .playbookIDs) var playbook: String?
    @Option(help: "Only sessions started on or after this date (YYYY-MM-DD).") var since: String?
    @Option(help: "Only sessions started before the end of this date (YYYY-MM-DD).") var until: String?
    @Option(
        help: "Only sessions with this outcome, or 'unfinished'.",
        completion: .list(Outcome.allCases.map(\.rawValue) + ["unfinished"]))
    var outcome: String?
    @Option(help: "Only sessions whose sent replies had a finding of this category.", completion: .findingCategories)
    var category: String?
    @Option(help: "Only sessions scoring at least this.") var minScore: Int?
    @Option(help: "Output format: text, json, csv or html.") var format: ReviewFormat = .text
    @Option(
        help: """
            With --format csv, the table to write: sessions (one row per session), findings (one per finding \
            in a sent reply), overrides, skips or notes (notes, disputes and their resolutions).
            """)
    var table: ReviewTable = .sessions
    @Option(
        help: ArgumentHelp(
            """
            Instead of the report, pick N sessions to review, weighted toward low scores, findings, overrides \
            and skips and away from sessions a coach has noted.
            """, valueName: "n"))
    var sample: Int?
    @Option(help: "The seed of --sample, to pick the same sessions again (default: a new one, printed).")
    var seed: UInt64?
    @Flag(help: "Instead of the report, list the sessions no coach has noted yet, most needing review first.")
    var unreviewed = false
    @Option(
        help: "Show the scores as this coach scored them item by item ('rebound score'), where they did.",
        completion: .agentNames)
    var coach: String?
    @Flag(
        help: """
            Instead of the report, how far coaches agree on the sessions several scored: per coach pair \
            (percent agreement, Cohen's kappa), per kind of item, the spread of overall scores, the items split on.
            """)
    var calibration = false
    @OptionGroup var color: ColorOptions
    @Flag(help: "Revenue at risk from the customer ledger instead (as 'rebound ledger report').") var revenue = false
    @Flag(
        help: """
            First-contact resolution from the customer ledger instead: per agent and playbook, the share of \
            resolved sessions whose customer did not come back within --within days, and causes shared by customers.
            """)
    var firstContact = false
    @Option(help: "With --first-contact, the days within which a customer's return counts against the resolution.")
    var within = 7
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        if revenue || firstContact { return try revenueReport() }
        let environment = ProcessInfo.processInfo.environment
        let directory = TranscriptsDirectory.path(option: nil, environment: environment)
        let source: any TranscriptSource
        if paths.isEmpty, let server = TranscriptsDirectory.server(option: nil, environment: environment) {
            source = try TranscriptServer(url: server, environment: environment)
        } else {
            source = TranscriptFiles(paths: paths.isEmpty ? [directory] : paths)
        }
        let playbooks = (try? PlaybookLibrary.locate(environment: environment).entries()) ?? []
        if let coach { _ = try PersonName.checked(coach, from: "--coach") }
        var report = ReviewReport(filter: try filter(), coachView: coach)
        var problems: [String] = []
        var seenAgents: Set<String> = []
        var seenPlaybooks: Set<String> = []
        var html = ReviewHTML.Context(
            playbookTitles: Dictionary(
                playbooks.compactMap { entry -> (String, String)? in
                    guard let id = entry.playbook.id, let title = entry.playbook.title else { return nil }
                    return (id.value, title.value.description)
                }, uniquingKeysWith: { first, _ in first }),
            generated: try Clock.from(environment: environment).now())
        @Sendable func libraryPlaybook(of header: TranscriptHeader) -> Playbook? {
            playbooks.first { $0.playbook.id?.value == header.playbook.id }?.playbook
        }
        // Each session is summed up on any core as it is decoded, with its lines of the text
        // report; the report takes them in order.
        let writesTextReport = format == .text && sample == nil && !unreviewed && !calibration
        var skipLines: [String] = []
        try source.forEachSession(preparing: { header, events in
            let summary = SessionSummary(header: header, events: events, playbook: libraryPlaybook(of: header))
            return PreparedSession(
                summary: summary, skipLines: writesTextReport ? ReviewText.skipLines(of: summary) : [])
        }) { path, header, events, lineProblems, prepared in
            if !lineProblems.isEmpty {
                problems.append(
                    "\(path): skipped " + lineProblems.map { "line \($0.line) (\($0.message))" }.joined(separator: ", ")
                )
            }
            guard let header, let prepared else { return }
            // Only a filter that names them asks whether they were seen.
            if !agent.isEmpty { seenAgents.insert(header.agent) }
            if playbook != nil { seenPlaybooks.insert(header.playbook.id) }
            let notes = try source.notes(of: path, session: header.session)
            let admitted = report.add(prepared.summary, notes: notes)
            if admitted { skipLines += prepared.skipLines }
            // The HTML report opens each session's story in place.
            if format == .html, admitted, html.stories.count < html.storyLimit {
                html.stories[header.session] =
                    SessionStory(
                        header: header, events: events.events, notes: notes, playbook: libraryPlaybook(of: header),
                        style: Style(enabled: false)
                    ).text
            }
        }
        for problem in problems { writeStandardError("rebound: \(problem)\n") }
        // A filter that names nobody in the transcripts says so, with the nearest name.
        for name in agent where !seenAgents.contains(name) {
            writeStandardError("rebound: no session by agent '\(name)'" + Self.nearest(name, in: seenAgents) + "\n")
        }
        if let playbook, !seenPlaybooks.contains(playbook) {
            writeStandardError(
                "rebound: no session of playbook '\(playbook)'" + Self.nearest(playbook, in: seenPlaybooks) + "\n")
        }
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        let style = color.style(for: STDOUT_FILENO, environment: environment)
        if table != .sessions, format != .csv { throw InputError("--table \(table.rawValue) needs --format csv") }
        if sample != nil || unreviewed {
            try writeQueue(report, to: &output, style: style)
            output.flush()
            return
        }
        if calibration {
            let result = Calibration(sessions: report.sessions, notes: report.allNotes)
            switch format {
            case .text: output.write(CalibrationText.render(result, style: style))
            case .json: output.write(CalibrationText.json(result))
            case .csv: output.write(CalibrationText.csv(result))
            case .html: throw InputError("--calibration prints text, json or csv")
            }
            output.flush()
            return
        }
        if let coach, report.scoredByCoach == 0 {
            writeStandardError(
                "rebound: \(coach) has scored none of these sessions; the scores are the computed ones ('rebound score SESSION' scores one)\n"
            )
        }
        switch format {
        case .text: output.write(ReviewText(report: report, skipLines: skipLines, style: style).text)
        case .json: output.write(ReviewJSON.render(report))
        case .csv: output.write(ReviewCSV.render(report, table: table))
        case .html: output.write(ReviewHTML.render(report, context: html))
        }
        output.flush()
        freeInBackground(&report, leaving: ReviewReport())
        freeInBackground(&skipLines, leaving: [])
    }

    /// `--sample N` or `--unreviewed`: the sessions to read next, with why.
    func writeQueue(_ report: ReviewReport, to output: inout ByteOutput, style: Style) throws {
        if let sample, sample < 1 { throw InputError("--sample must be at least 1, not \(sample)") }
        guard format != .html else { throw InputError("--sample and --unreviewed print text, json or csv") }
        let seed = self.seed ?? UInt64.random(in: 1...999_999)
        let picks =
            sample.map { ReviewQueue.sample(report.sessions, reviewed: report.reviewed, count: $0, seed: seed) }
            ?? ReviewQueue.unreviewed(report.sessions, reviewed: report.reviewed)
        switch format {
        case .json:
            let rows = picks.map { pick -> JSON.Value in
                .object([
                    ("session", .string(pick.summary.session)), ("agent", .string(pick.summary.agent)),
                    ("playbook", .string(pick.summary.playbook)), ("started", .string(pick.summary.started)),
                    ("outcome", pick.summary.outcome.map { .string($0.rawValue) } ?? .null),
                    ("score", pick.summary.finished ? .number(String(pick.summary.score)) : .null),
                    ("weight", .number(String(format: "%.2f", pick.weight))), ("reviewed", .bool(pick.reviewed)),
                    ("reasons", .array(pick.reasons.map(JSON.Value.string))),
                ])
            }
            var fields: [(String, JSON.Value)] = [("sessions", .array(rows))]
            if sample != nil { fields.insert(("seed", .number(String(seed))), at: 0) }
            var writer = JSONWriter()
            writer.value(.object(fields))
            writer.raw("\n")
            output.write(String(decoding: writer.bytes, as: UTF8.self))
        case .csv:
            output.write(
                CSV.row(["session", "agent", "playbook", "started", "outcome", "score", "reviewed", "reasons"]))
            for pick in picks {
                output.write(
                    CSV.row([
                        pick.summary.session, pick.summary.agent, pick.summary.playbook, pick.summary.started,
                        pick.summary.outcome?.rawValue ?? "unfinished",
                        pick.summary.finished ? String(pick.summary.score) : "", pick.reviewed ? "yes" : "no",
                        pick.reasons.joined(separator: "; "),
                    ]))
            }
        case .text, .html:
            let left = report.sessions.count - picks.count
            if sample != nil {
                output.write(
                    style.bold("Review queue")
                        + ": \(count(picks.count, "session")) of \(report.sessions.count) (seed \(seed); "
                        + "'--seed \(seed)' picks the same again), \(report.reviewed.count) already reviewed\n")
            } else {
                output.write(
                    style.bold("Not reviewed yet")
                        + ": \(count(picks.count, "session")) of \(report.sessions.count); "
                        + "\(left == 1 ? "1 has" : "\(left) have") a coach's note\n")
            }
            for pick in picks {
                let summary = pick.summary
                let score = summary.finished ? String(summary.score) : "—"
                output.write(
                    "  \(summary.session)  \(summary.agent.escapingControlCharacters().fitted(toColumns: 10))  "
                        + "\(summary.playbook.escapingControlCharacters().fitted(toColumns: 16))  "
                        + "\((summary.outcome?.rawValue ?? "unfinished").fitted(toColumns: 10))  "
                        + "\(score.fitted(toColumns: 3))  \(style.dim(pick.reasons.joined(separator: ", ")))\n")
            }
            if !picks.isEmpty { output.write(style.dim("Read one with 'rebound show SESSION'.") + "\n") }
        }
    }

    /// `--revenue` and `--first-contact`: the ledger's reports, with the filters that apply to them.
    func revenueReport() throws {
        let flag = revenue ? "--revenue" : "--first-contact"
        guard paths.isEmpty, outcome == nil, category == nil, minScore == nil, agent.count <= 1,
            !(revenue && firstContact)
        else {
            throw InputError("\(flag) reads the ledger; it takes one --agent, --playbook, --since and --until only")
        }
        let formats: [ReviewFormat: Followups.ListFormat] = [.text: .text, .json: .json, .csv: .csv]
        guard let revenueFormat = formats[format] else {
            throw InputError("\(flag) prints text, json or csv")
        }
        if firstContact {
            guard (1...365).contains(within) else { throw InputError("--within takes 1 to 365 days, not \(within)") }
            return try FirstContactRendering.print(
                days: within, agent: agent.first, playbook: playbook, since: since, until: until, format: revenueFormat,
                color: color, ledger: ledger)
        }
        try RevenueOptions.print(
            agent: agent.first, playbook: playbook, since: since, until: until, format: revenueFormat, color: color,
            ledger: ledger)
    }

    func filter() throws -> ReviewFilter {
        var filter = ReviewFilter()
        filter.agents = Set(agent)
        filter.playbook = playbook
        filter.since = try since.map { try Self.day($0, "--since") }
        filter.until = try until.map { try Self.day($0, "--until").addingTimeInterval(86_400) }
        if let since = filter.since, let until = filter.until, since >= until {
            throw InputError("--since \(self.since ?? "") is after --until \(self.until ?? ""): no session can match")
        }
        if let minScore, !(0...100).contains(minScore) {
            throw InputError("--min-score takes a score from 0 to 100, not \(minScore)")
        }
        if outcome == "unfinished" {
            filter.unfinishedOnly = true
        } else if let outcome {
            guard let value = Outcome(rawValue: outcome) else {
                throw InputError(
                    "unknown outcome '\(outcome)'; outcomes are \(Outcome.allCases.map(\.rawValue).joined(separator: ", ")) and unfinished"
                )
            }
            filter.outcome = value
        }
        if let category {
            guard let value = FindingCategory(rawValue: category) else {
                let suggestion = Suggestion.nearest(to: category, in: FindingCategory.allCases.map(\.rawValue))
                throw InputError(
                    "unknown category '\(category)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
            }
            filter.category = value
        }
        filter.minimumScore = minScore
        return filter
    }

    /// "; did you mean 'sam'?" for the name the typed one most likely meant (any case).
    static func nearest(_ typed: String, in names: Set<String>) -> String {
        let match =
            names.first { $0.lowercased() == typed.lowercased() } ?? Suggestion.nearest(to: typed, in: names.sorted())
        return match.map { "; did you mean '\($0.escapingControlCharacters())'?" } ?? ""
    }

    static func day(_ text: String, _ option: String) throws -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: text) else {
            throw InputError("\(option) takes a date like 2026-11-23, not '\(text)'")
        }
        return date
    }
}

enum ReviewFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, html
}

/// The five categories a review counts, with short column names.
let reviewColumns: [(FindingCategory, String)] = [
    (.excuse, "excuse"), (.blame, "blame"), (.repeatedApology, "rep-apol"), (.nonApology, "non-apol"),
    (.policy, "policy"),
]

/// A session as the decoding threads leave it for the review.
struct PreparedSession: Sendable {
    let summary: SessionSummary
    /// Its lines in the text report's skipped items (`ReviewText.skipLines(of:)`), when that is written.
    let skipLines: [String]
}

/// The review as aligned tables for an 80-column terminal.
struct ReviewText {
    let report: ReviewReport
    /// The lines of the report's skipped items, in its order (`skipLines(of:)` of each session).
    let skipLines: [String]
    let style: Style

    var text: String {
        let overall = report.overall
        var lines = [
            style.bold("Review of \(count(overall.sessions, "session"))") + " (\(overall.unfinished) unfinished)"
                + (report.coachView.map {
                    ", scores as \($0.escapingControlCharacters()) scored them (\(report.scoredByCoach) of the sessions)"
                } ?? ""),
            "Outcomes: "
                + (Outcome.allCases.compactMap { outcome in
                    overall.outcomes[outcome].map { "\(outcome.rawValue) \($0)" }
                }
                .joined(separator: ", ").nonEmpty ?? "none")
                + "; average score " + scoreText(overall.averageScore) + " (finished sessions)",
        ]
        lines += table("By agent", report.byAgent)
        lines += table("By playbook", report.byPlaybook)
        lines += table("By week (from Monday)", report.byWeek)
        lines.append(
            "Replies sent: \(overall.replies), \(report.repliesWithRepeatedApologies) with repeated apologies; "
                + "follow-ups promised: \(overall.followUps)")
        let coachScore = report.averageCoachScore.map { String(format: " (average coach score %.0f)", $0) } ?? ""
        lines.append(
            "Coach notes: \(report.notes)\(coachScore); disputes: \(report.disputes), "
                + "\(report.openDisputes.count) open; feedback acknowledged on \(count(report.acknowledged.count, "session"))"
        )
        if !report.openDisputes.isEmpty {
            lines += [
                "",
                style.bold("Open disputes")
                    + style.dim(" — 'rebound dispute SESSION --event N --resolve accepted|rejected \"why\"'"),
            ]
            for dispute in report.openDisputes {
                lines.append(
                    Self.fit(
                        "  \(dispute.session) event \(dispute.event.map(String.init) ?? "?") by "
                            + "\(dispute.author.escapingControlCharacters()): \(dispute.text.escapingControlCharacters())"
                    ))
            }
        }
        // Made from the report's step times by playbook when read: read once.
        let stepTimes = report.stepTimes
        if !stepTimes.isEmpty {
            lines += ["", style.bold("Average time per step")]
            for (key, total) in stepTimes.sorted(by: { $0.key < $1.key }) {
                let average = total.visits == 0 ? 0 : total.seconds / total.visits
                lines.append(
                    Self.fit(
                        "  \(key.escapingControlCharacters())".padding(toLength: 40, withPad: " ", startingAt: 0)
                            + " \(SessionStory.duration(average))  (\(count(total.visits, "visit")))"))
            }
        }
        if !report.rules.isEmpty {
            lines += ["", style.bold("Findings in sent replies by rule")]
            lines.append(
                "  "
                    + report.rules.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
                    .joined(separator: ", "))
        }
        if !report.overrideReasons.isEmpty {
            lines += ["", style.bold("Overrides")]
            lines += report.overrideReasons.map {
                Self.fit(
                    "  \($0.session.escapingControlCharacters()) \($0.rule.escapingControlCharacters()): \($0.reason.escapingControlCharacters())"
                )
            }
        }
        if !skipLines.isEmpty {
            lines += ["", style.bold("Skipped checklist items")]
            lines += skipLines
        }
        // The last line's break: the text is joined once (a large review's is megabytes).
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// A session's lines in the skipped items, made as the session is summed up, on every core:
    /// a review lists 80,000, and making them after all the reading was a quarter of what it did then.
    static func skipLines(of summary: SessionSummary) -> [String] {
        let session = summary.session.escapingControlCharacters()
        return summary.skips.map {
            fit(
                "  \(session) \"\(prefix($0.item.escapingControlCharacters(), 30))\": \($0.reason.escapingControlCharacters())"
            )
        }
    }

    /// The first `count` characters of `text`. Text of at most `count` bytes has at most `count`
    /// characters and is whole: finding where characters end is for longer text (a review lists
    /// 100,000 skipped items).
    static func prefix(_ text: String, _ count: Int) -> String {
        text.utf8.count <= count ? text : String(text.prefix(count))
    }

    /// A line cut to 80 columns, with an ellipsis when cut.
    static func fit(_ line: String) -> String {
        // A line of at most 80 bytes has at most 80 characters: counting characters, which
        // finds where each ends, is for longer lines (a review fits 100,000 overrides and skips).
        line.utf8.count <= 80 || line.count <= 80 ? line : String(line.prefix(79)) + "…"
    }

    func table(_ title: String, _ groups: [String: ReviewTotals]) -> [String] {
        guard !groups.isEmpty else { return [] }
        func cell(_ text: String, _ width: Int) -> String {
            let cut = String(text.prefix(width))
            return String(repeating: " ", count: max(0, width - cut.count)) + cut
        }
        var lines = ["", style.bold(title)]
        lines.append(
            "  " + "".padding(toLength: 18, withPad: " ", startingAt: 0) + cell("sessions", 9) + cell("score", 6)
                + reviewColumns.map { cell($0.1, 9) }.joined())
        for (name, totals) in groups.sorted(by: { $0.key < $1.key }) {
            let label = name.escapingControlCharacters().fitted(toColumns: 18)
            lines.append(
                "  \(label)" + cell(String(totals.sessions), 9) + cell(scoreText(totals.averageScore), 6)
                    + reviewColumns.map { cell(String(totals.findings[$0.0] ?? 0), 9) }.joined())
        }
        return lines
    }
}

/// The tables `review --format csv --table` writes, for BI tools: stable snake_case
/// columns, each row naming its session, agent and playbook.
enum ReviewTable: String, ExpressibleByArgument, CaseIterable {
    case sessions, findings, overrides, skips, notes
}

enum ReviewCSV {
    /// One table, RFC 4180 quoting, CRLF line ends, spreadsheet formulas neutralised.
    static func render(_ report: ReviewReport, table: ReviewTable) -> String {
        let owner = { (summary: SessionSummary) in [summary.session, summary.agent, summary.playbook] }
        var text: String
        switch table {
        case .sessions: return render(report)
        case .findings:
            text = CSV.row([
                "session", "agent", "playbook", "event", "rule", "category", "severity", "source", "excerpt",
            ])
            for summary in report.sessions {
                for row in summary.sentFindingRows {
                    text += CSV.row(
                        owner(summary) + [
                            String(row.event), row.rule, row.category, row.severity, row.source, row.excerpt,
                        ])
                }
            }
        case .overrides:
            text = CSV.row(["session", "agent", "playbook", "rule", "reason"])
            for summary in report.sessions {
                for override in summary.overrides {
                    text += CSV.row(owner(summary) + [override.rule, override.reason])
                }
            }
        case .skips:
            text = CSV.row(["session", "agent", "playbook", "item", "reason"])
            for summary in report.sessions {
                for skip in summary.skips { text += CSV.row(owner(summary) + [skip.item, skip.reason]) }
            }
        case .notes:
            text = CSV.row(["session", "kind", "event", "score", "verdict", "author", "time", "text"])
            for note in report.allNotes {
                text += CSV.row([
                    note.session, note.kind.rawValue, note.event.map(String.init) ?? "",
                    note.score.map(String.init) ?? "",
                    note.verdict?.rawValue ?? "", note.author, note.time, note.text,
                ])
            }
        }
        return text
    }

    /// One row per session, RFC 4180 quoting, CRLF line ends.
    static func render(_ report: ReviewReport) -> String {
        var rows = [
            (["session", "agent", "playbook", "playbook_version", "started", "outcome", "seconds", "score", "replies"]
                + reviewColumns.map { $0.0.rawValue } + ["overrides", "skips", "follow_ups"]).joined(separator: ",")
        ]
        for summary in report.sessions {
            let outcome: String = summary.outcome?.rawValue ?? "unfinished"
            let seconds: String = summary.seconds.map { String($0) } ?? ""
            var values: [String] = [summary.session, summary.agent, summary.playbook, String(summary.playbookVersion)]
            values += [summary.started, outcome, seconds, String(summary.score), String(summary.replies)]
            values += reviewColumns.map { String(summary.sentFindings[$0.0] ?? 0) }
            values += [String(summary.overrides.count), String(summary.skips.count), String(summary.followUps)]
            rows.append(values.map(CSV.field).joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }
}

enum ReviewJSON {
    static func render(_ report: ReviewReport) -> String {
        func totals(_ totals: ReviewTotals) -> JSON.Value {
            .object([
                ("sessions", .number(String(totals.sessions))), ("unfinished", .number(String(totals.unfinished))),
                ("averageScore", totals.averageScore.map { .number(String(format: "%.1f", $0)) } ?? .null),
                (
                    "outcomes",
                    .object(Outcome.allCases.map { ($0.rawValue, .number(String(totals.outcomes[$0] ?? 0))) })
                ),
                (
                    "findings",
                    .object(reviewColumns.map { ($0.0.rawValue, .number(String(totals.findings[$0.0] ?? 0))) })
                ),
                ("overrides", .number(String(totals.overrides))), ("skips", .number(String(totals.skips))),
            ])
        }
        func groups(_ groups: [String: ReviewTotals]) -> JSON.Value {
            .object(groups.sorted { $0.key < $1.key }.map { ($0.key, totals($0.value)) })
        }
        let view: JSON.Value = report.coachView.map(JSON.Value.string) ?? .null
        let scoredByCoach: JSON.Value = .number(String(report.scoredByCoach))
        var json = JSONWriter()
        json.value(
            .object([
                ("view", view), ("scoredByCoach", scoredByCoach),
                ("overall", totals(report.overall)), ("byAgent", groups(report.byAgent)),
                ("byPlaybook", groups(report.byPlaybook)), ("byWeek", groups(report.byWeek)),
                ("rules", .object(report.rules.sorted { $0.key < $1.key }.map { ($0.key, .number(String($0.value))) })),
                ("repliesWithRepeatedApologies", .number(String(report.repliesWithRepeatedApologies))),
                ("followUps", .number(String(report.overall.followUps))),
                ("notes", .number(String(report.notes))), ("disputes", .number(String(report.disputes))),
                (
                    "openDisputes",
                    .array(
                        report.openDisputes.map {
                            .object([
                                ("session", .string($0.session)),
                                ("event", $0.event.map { .number(String($0)) } ?? .null),
                                ("agent", .string($0.author)), ("reason", .string($0.text)), ("time", .string($0.time)),
                            ])
                        })
                ),
                ("resolutions", .number(String(report.resolutions))),
                ("acknowledged", .number(String(report.acknowledged.count))),
                (
                    "overrides",
                    .array(
                        report.overrideReasons.map {
                            .object([
                                ("session", .string($0.session)), ("rule", .string($0.rule)),
                                ("reason", .string($0.reason)),
                            ])
                        })
                ),
                (
                    "skips",
                    .array(
                        report.skipReasons.map {
                            .object([
                                ("session", .string($0.session)), ("item", .string($0.item)),
                                ("reason", .string($0.reason)),
                            ])
                        })
                ),
                (
                    "stepSeconds",
                    .object(
                        report.stepTimes.sorted { $0.key < $1.key }.map {
                            ($0.key, .number(String($0.value.visits == 0 ? 0 : $0.value.seconds / $0.value.visits)))
                        })
                ),
                (
                    "sessions",
                    .array(
                        report.sessions.map { summary in
                            .object([
                                ("session", .string(summary.session)), ("agent", .string(summary.agent)),
                                ("playbook", .string(summary.playbook)), ("started", .string(summary.started)),
                                ("outcome", summary.outcome.map { .string($0.rawValue) } ?? .null),
                                ("score", .number(String(summary.score))),
                            ])
                        })
                ),
            ]))
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }
}

/// A score as the reports print it: whole points, or "n/a" when no session finished.
func scoreText(_ score: Double?) -> String {
    score.map { String(format: "%.0f", $0) } ?? "n/a"
}
