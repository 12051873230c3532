import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundReview
import ReboundText

/// `review --format html`: one self-contained page a coach reads in a browser. Inline CSS,
/// charts as inline SVG or CSS bars, no scripts (a CSP forbids them); every string from a
/// transcript, a notes file or a playbook escaped; each session's `show` story in place.
enum ReviewHTML {
    /// What the page shows beyond the report: each session's story, the playbooks'
    /// titles, and when and by what it was made.
    struct Context {
        /// `rebound show`'s text for each session, by session id (plain, uncoloured).
        var stories: [String: String] = [:]
        /// Sessions beyond this many are listed without their story, to keep the file small.
        var storyLimit = ReviewHTML.storyLimit
        var playbookTitles: [String: String] = [:]
        var generated = Date()
        var version = ReboundVersion.current
    }

    /// How many sessions' stories one page carries.
    static let storyLimit = 2_000

    static func escape(_ text: String) -> String {
        text.markupEscaped
    }

    /// Multi-line text from a transcript (a story): controls shown as pictures, as the
    /// terminal shows them, and Rebound's private colour marker not honoured, then escaped.
    static func escapeBlock(_ text: String) -> String {
        let unmarked = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0 == TerminalText.styleMarker ? "\u{FFFD}" : $0 }))
        return escape(TerminalText.sanitized(unmarked))
    }

    static let outcomeColumns: [(key: String, colour: String)] = [
        ("resolved", "#2b8a3e"), ("escalated", "#1c7ed6"), ("pending", "#e67700"), ("lost", "#c92a2a"),
        ("unfinished", "#868e96"),
    ]
    static let colours = ["#d9480f", "#7048e8", "#c2255c", "#5c940d", "#0b7285"]

    /// One page: a header saying whose sessions, when and what, then outcomes, findings,
    /// trends, tables, rules, notes, overrides, skips and the list of sessions.
    static func render(_ report: ReviewReport, context: Context = Context()) -> String {
        let page = Page(report: report, context: context)
        let sections = [
            page.outcomes(), page.findingsChart(), page.trend(), page.table("agents", "By agent", page.agents, "agent"),
            page.table("playbooks", "By playbook", page.playbooks, "playbook"),
            page.table("weeks", "By week (from Monday)", page.weeks, "week"), page.rules(), page.notes(),
            page.overrides(), page.skips(), page.sessionList(),
        ]
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="generator" content="rebound \(escape(context.version))">
            <title>\(escape(page.title))</title>
            <style>\(css)</style></head><body>
            \(page.header())\(sections.joined())</body></html>

            """
    }

    /// Sessions grouped under one name (an agent, a playbook, a week), with their totals.
    struct Group {
        let name: String
        let label: String
        let totals: ReviewTotals
        let sessions: [SessionSummary]

        var finished: [SessionSummary] { sessions.filter(\.finished) }
        /// Findings in sent replies (advice left out) per 100 sent replies; `nil` with no reply.
        var rate: Double? {
            totals.replies == 0 ? nil : Double(totals.findingsTotal) * 100 / Double(totals.replies)
        }
        var medianSeconds: Int? { ReviewHTML.median(finished.compactMap(\.seconds)) }
    }

    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "—" }
        return value >= 10 || value == 0 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    static func duration(_ seconds: Int?) -> String {
        seconds.map { SessionStory.duration($0) } ?? "—"
    }

    /// `low` under 70, `warn` under 80: the scores a coach should look at first.
    static func scoreClass(_ score: Double?) -> String {
        guard let score else { return "" }
        return score < 70 ? "low" : score < 80 ? "warn" : ""
    }

    static func day(_ date: Date?) -> String {
        date.map { String(Timestamp.utc($0).prefix(10)) } ?? "unknown"
    }

    /// `2026-11-09 10:15` in UTC.
    static func minute(_ date: Date?) -> String {
        date.map { Timestamp.utc($0).prefix(16).replacingOccurrences(of: "T", with: " ") } ?? "unknown"
    }

    /// A round axis maximum at or above `value`: 1, 2, 2.5 or 5 times a power of ten.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for step in [1, 2, 2.5, 5, 10] where step * power >= value { return step * power }
        return 10 * power
    }

    /// What the rule code stands for, from the checker's catalogue.
    static let ruleMeanings: [String: RuleDescriptor] = Dictionary(
        ReplyChecker.descriptors.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    static func ruleCell(_ code: String) -> String {
        let meaning = ruleMeanings[code].map { " <span class=\"muted\">\(escape($0.summary))</span>" } ?? ""
        return "<b class=\"nowrap\">\(escape(code))</b>\(meaning)"
    }

    /// The page's parts, each a function of the report and the context.
    struct Page {
        let report: ReviewReport
        let context: Context
        let agents: [Group]
        let playbooks: [Group]
        let weeks: [Group]
        let notesBySession: [String: [CoachNote]]
        let sessionsByID: [String: SessionSummary]

        init(report: ReviewReport, context: Context) {
            self.report = report
            self.context = context
            func groups(_ totals: [String: ReviewTotals], _ key: (SessionSummary) -> String) -> [Group] {
                let members = Dictionary(grouping: report.sessions, by: key)
                return totals.map { name, totals in
                    Group(name: name, label: name, totals: totals, sessions: members[name] ?? [])
                }
            }
            // Weakest first: the lowest average score, then the most findings per reply.
            let weakestFirst = { (left: Group, right: Group) -> Bool in
                let (a, b) = (left.totals.averageScore ?? 101, right.totals.averageScore ?? 101)
                if a != b { return a < b }
                if (left.rate ?? -1) != (right.rate ?? -1) { return (left.rate ?? -1) > (right.rate ?? -1) }
                return left.name < right.name
            }
            agents = groups(report.byAgent, \.agent).sorted(by: weakestFirst)
            playbooks = groups(report.byPlaybook, \.playbook).sorted(by: weakestFirst).map { group in
                let title = context.playbookTitles[group.name].map { " — \($0)" } ?? ""
                return Group(
                    name: group.name, label: group.name + title, totals: group.totals, sessions: group.sessions)
            }
            weeks = groups(report.byWeek) { ReviewReport.week(of: $0.startedAt) }.sorted { $0.name < $1.name }
            notesBySession = Dictionary(grouping: report.allNotes, by: \.session)
            sessionsByID = Dictionary(report.sessions.map { ($0.session, $0) }, uniquingKeysWith: { first, _ in first })
        }

        var firstDay: String { ReviewHTML.day(report.sessions.compactMap(\.startedAt).min()) }
        var lastDay: String { ReviewHTML.day(report.sessions.compactMap(\.startedAt).max()) }

        /// The filters in words: whose sessions and which.
        var filters: [String] {
            let filter = report.filter
            var words: [String] = []
            if !filter.agents.isEmpty {
                words.append(
                    (filter.agents.count == 1 ? "agent " : "agents ") + filter.agents.sorted().joined(separator: ", "))
            }
            if let playbook = filter.playbook { words.append("playbook \(playbook)") }
            if let since = filter.since { words.append("from \(ReviewHTML.day(since))") }
            if let until = filter.until { words.append("until \(ReviewHTML.day(until.addingTimeInterval(-86_400)))") }
            if let outcome = filter.outcome { words.append("outcome \(outcome.rawValue)") }
            if filter.unfinishedOnly { words.append("unfinished only") }
            if let category = filter.category {
                words.append("findings of category \(category.rawValue) in sent replies")
            }
            if let minimum = filter.minimumScore { words.append("score at least \(minimum)") }
            return words
        }

        var title: String {
            let range = report.sessions.isEmpty ? "no sessions" : "\(firstDay) to \(lastDay)"
            let scope = filters.first { $0.hasPrefix("agent") } ?? "all agents"
            return "Rebound review — \(scope), \(range)"
        }

        func header() -> String {
            let overall = report.overall
            let finished = overall.sessions - overall.unfinished
            let range =
                report.sessions.isEmpty
                ? "no sessions"
                : "<time>\(firstDay)</time> to <time>\(lastDay)</time> (UTC)"
            var html = "<header id=\"summary\">\n<h1>Rebound review</h1>\n<dl class=\"meta\">"
            html += "<dt>Sessions</dt><dd>\(range)</dd>"
            html +=
                "<dt>Filters</dt><dd>\(filters.isEmpty ? "none: every session read" : ReviewHTML.escape(filters.joined(separator: "; ")))</dd>"
            let view =
                report.coachView.map {
                    "as \(ReviewHTML.escape($0)) scored them item by item (\(report.scoredByCoach) of the sessions; computed elsewhere)"
                } ?? "computed from the transcripts"
            html += "<dt>Scores</dt><dd>\(view)</dd>"
            html +=
                "<dt>Made</dt><dd><time>\(ReviewHTML.minute(context.generated))</time> UTC by rebound \(ReviewHTML.escape(context.version))</dd></dl>\n"
            func kpi(_ value: String, _ label: String, _ className: String = "") -> String {
                "<div class=\"kpi \(className)\"><b>\(value)</b><span>\(label)</span></div>"
            }
            func share(_ count: Int) -> String {
                finished == 0 ? "" : " (\(Int((Double(count) * 100 / Double(finished)).rounded()))%)"
            }
            html += "<div class=\"kpis\">"
            html += kpi("\(overall.sessions)", "sessions, \(overall.unfinished) unfinished")
            html += kpi(
                scoreText(overall.averageScore), "average score (finished)", ReviewHTML.scoreClass(overall.averageScore)
            )
            for outcome in Outcome.allCases {
                let count = overall.outcomes[outcome] ?? 0
                html += kpi("\(count)", "\(outcome.rawValue)\(share(count))", "o-\(outcome.rawValue)")
            }
            html += kpi(
                ReviewHTML.number(
                    overall.replies == 0 ? nil : Double(overall.findingsTotal) * 100 / Double(overall.replies)),
                "findings per 100 sent replies")
            html += kpi(
                ReviewHTML.duration(ReviewHTML.median(report.sessions.filter(\.finished).compactMap(\.seconds))),
                "median handle time")
            html += kpi(
                "\(report.openDisputes.count)", "open disputes (\(report.disputes) in all)",
                report.openDisputes.isEmpty ? "" : "warn")
            html += kpi("\(report.notes)", "coach notes, \(report.acknowledged.count) acknowledged")
            html += "</div>\n"
            html += attention()
            html += "<nav aria-label=\"Sections\">"
            html += [
                ("outcomes", "Outcomes"), ("findings", "Findings"), ("trend", "Trend"), ("agents", "Agents"),
                ("playbooks", "Playbooks"), ("weeks", "Weeks"), ("rules", "Rules"), ("notes", "Notes and disputes"),
                ("overrides", "Overrides"), ("skips", "Skips"), ("sessions", "Sessions"),
            ].map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined()
            html += "</nav>\n</header>\n"
            return html
        }

        /// Who needs help first, in one line: the lowest score and the most findings.
        func attention() -> String {
            var parts: [String] = []
            let scored = agents.filter { $0.totals.averageScore != nil }
            if scored.count > 1, let weakest = scored.first, let score = weakest.totals.averageScore {
                parts.append(
                    "lowest average score: <b>\(ReviewHTML.escape(weakest.name))</b> \(scoreText(score)) "
                        + "(team \(scoreText(report.overall.averageScore)))")
            }
            let rated = agents.filter { $0.rate != nil }
            if rated.count > 1, let most = rated.max(by: { ($0.rate ?? 0) < ($1.rate ?? 0) }), let rate = most.rate,
                rate > 0
            {
                let team = Double(report.overall.findingsTotal) * 100 / Double(max(1, report.overall.replies))
                parts.append(
                    "most findings: <b>\(ReviewHTML.escape(most.name))</b> \(ReviewHTML.number(rate)) per 100 replies "
                        + "(team \(ReviewHTML.number(team)))")
            }
            if let lost = agents.filter({ ($0.totals.outcomes[.lost] ?? 0) > 0 }).max(by: {
                ($0.totals.outcomes[.lost] ?? 0) < ($1.totals.outcomes[.lost] ?? 0)
            }) {
                parts.append(
                    "most lost: <b>\(ReviewHTML.escape(lost.name))</b> \(lost.totals.outcomes[.lost] ?? 0)")
            }
            guard !parts.isEmpty else { return "" }
            return "<p class=\"attention\"><b>Look first:</b> " + parts.joined(separator: "; ") + ".</p>\n"
        }

        func section(_ id: String, _ title: String, _ body: String) -> String {
            "<section id=\"\(id)\">\n<h2>\(title)</h2>\n\(body)</section>\n"
        }

        /// Sessions by outcome for each agent and playbook: 100% bars with the counts.
        func outcomes() -> String {
            var html = "<ul class=\"legend\">"
            html += ReviewHTML.outcomeColumns.map {
                "<li><i style=\"background:\($0.colour)\"></i>\($0.key)</li>"
            }.joined()
            html += "</ul>\n"
            for (title, groups) in [("By agent", agents), ("By playbook", playbooks)] {
                html += "<h3>\(title)</h3>\n<div class=\"bars\">\n"
                for group in groups {
                    let counts = Outcome.allCases.map { group.totals.outcomes[$0] ?? 0 } + [group.totals.unfinished]
                    html += label(group.label, detail: "\(group.totals.sessions)")
                    html += "<div class=\"track\">"
                    for (index, count) in counts.enumerated() where count > 0 {
                        let column = ReviewHTML.outcomeColumns[index]
                        let width = Double(count) * 100 / Double(max(1, group.totals.sessions))
                        html +=
                            "<span class=\"seg\" style=\"width:\(String(format: "%.2f", width))%;background:\(column.colour)\" title=\"\(column.key) \(count)\">\(count)</span>"
                    }
                    html += "</div><span class=\"value\">\(count(group.totals.sessions))</span>\n"
                }
                html += "</div>\n"
            }
            return section("outcomes", "Outcomes", html)
        }

        func count(_ sessions: Int) -> String {
            sessions == 1 ? "1 session" : "\(sessions) sessions"
        }

        /// A bar chart's row label: cut with an ellipsis by CSS, whole in the tooltip.
        func label(_ name: String, detail: String? = nil) -> String {
            let escaped = ReviewHTML.escape(name)
            return "<span class=\"label\" title=\"\(escaped)\">\(escaped)</span>"
        }

        /// Findings in sent replies per 100 replies, by agent and category, most first, on an axis.
        func findingsChart() -> String {
            let rows = agents.sorted { ($0.rate ?? -1, $1.name) > ($1.rate ?? -1, $0.name) }
            let maximum = ReviewHTML.niceMaximum(rows.compactMap(\.rate).max() ?? 0)
            var html =
                "<p class=\"muted\">Warnings and errors left in replies that were sent, per 100 sent replies (advice left out); the number of replies is beside each name.</p>\n"
            html += "<ul class=\"legend\">"
            html += reviewColumns.enumerated().map {
                "<li><i style=\"background:\(ReviewHTML.colours[$0.offset])\"></i>\(ReviewHTML.escape($0.element.0.rawValue))</li>"
            }.joined()
            html += "</ul>\n<div class=\"bars\">\n"
            for group in rows {
                let escaped = ReviewHTML.escape(group.name)
                html +=
                    "<span class=\"label\" title=\"\(escaped), \(group.totals.replies) replies\">\(escaped) <small>\(group.totals.replies)</small></span>"
                html += "<div class=\"track\">"
                if group.totals.replies == 0 {
                    html += "<span class=\"none\">no reply sent</span>"
                } else if group.totals.findingsTotal == 0 {
                    html += "<span class=\"none\">no findings</span>"
                } else {
                    for (index, column) in reviewColumns.enumerated() {
                        let found = group.totals.findings[column.0] ?? 0
                        guard found > 0 else { continue }
                        let rate = Double(found) * 100 / Double(group.totals.replies)
                        html +=
                            "<span class=\"seg\" style=\"width:\(String(format: "%.2f", rate / maximum * 100))%;background:\(ReviewHTML.colours[index])\" title=\"\(column.0.rawValue): \(found) in \(group.totals.replies) replies\"></span>"
                    }
                }
                html += "</div><span class=\"value\">\(ReviewHTML.number(group.rate))</span>\n"
            }
            html += "<span></span><div class=\"axis\">"
            html += (0...4).map { index -> String in
                let value = maximum * Double(index) / 4
                return "<span style=\"left:\(index * 25)%\">\(ReviewHTML.number(value))</span>"
            }.joined()
            html += "</div><span class=\"value muted\">per 100</span>\n</div>\n"
            return section("findings", "Findings per 100 sent replies, by agent", html)
        }

        /// The x axis of the trends: every day when the sessions span four weeks or less,
        /// else every week (from Monday); empty ones included, so gaps show.
        var buckets: (unit: String, keys: [String], key: (SessionSummary) -> String) {
            let dates = report.sessions.compactMap(\.startedAt)
            guard let first = dates.min(), let last = dates.max() else { return ("day", [], { _ in "" }) }
            let daily = last.timeIntervalSince(first) <= 28 * 86_400
            let step = daily ? 86_400.0 : 7 * 86_400.0
            let key: (Date?) -> String = { daily ? ReviewHTML.day($0) : ReviewReport.week(of: $0) }
            var keys: [String] = []
            var moment: Date = daily ? first : (Timestamp.parse(ReviewReport.week(of: first) + "T00:00:00Z") ?? first)
            while moment <= last.addingTimeInterval(step) {
                let name = key(moment)
                if keys.last != name, name <= key(last) { keys.append(name) }
                moment += step
            }
            return (daily ? "day" : "week", keys, { key($0.startedAt) })
        }

        func trend() -> String {
            let (unit, keys, key) = buckets
            guard !keys.isEmpty else { return section("trend", "Trend", "<p>No sessions.</p>\n") }
            func series(_ sessions: [SessionSummary]) -> [(score: Double?, sessions: Int)] {
                let members = Dictionary(grouping: sessions, by: key)
                return keys.map { name in
                    let group = members[name] ?? []
                    let scores = group.filter(\.finished).map(\.score)
                    return (scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count), group.count)
                }
            }
            let overall = series(report.sessions)
            let perAgent = agents.map { ($0.name, series($0.sessions)) }
            let lowest = (overall + perAgent.flatMap(\.1)).compactMap(\.score).min() ?? 100
            // Zoomed to the scores there are, so a drop from 91 to 80 looks like one.
            let floor = max(0, min(90, ((lowest - 5) / 10).rounded(.down) * 10))
            let labels = keys.map { String($0.suffix(5)) }
            var html =
                "<p class=\"muted\">By \(unit) (UTC\(unit == "week" ? ", weeks from Monday" : "")), \(keys.first ?? "") to \(keys.last ?? ""). Scores are of finished sessions; the score axis starts at \(Int(floor)).</p>\n"
            html += "<div class=\"charts\">\n<figure><figcaption>Average score, team</figcaption>"
            html += ReviewHTML.lineChart(overall.map(\.score), labels: labels, floor: floor, width: 360, height: 190)
            html += "</figure>\n<figure><figcaption>Sessions per \(unit)</figcaption>"
            html += ReviewHTML.barChart(overall.map(\.sessions), labels: labels, width: 360, height: 190)
            html += "</figure>\n</div>\n<h3>Average score by agent</h3>\n<div class=\"multiples\">\n"
            for (name, points) in perAgent {
                let escaped = ReviewHTML.escape(name)
                html += "<figure><figcaption title=\"\(escaped)\">\(escaped)</figcaption>"
                html += ReviewHTML.lineChart(
                    points.map(\.score), labels: labels, floor: floor, width: 240, height: 130, compact: true)
                html += "</figure>\n"
            }
            html += "</div>\n"
            return section("trend", "Trend", html)
        }

        /// One table row per group: sessions, score, outcomes, findings, overrides, skips,
        /// handle time and notes; weakest first (weeks in order), low scores marked.
        func table(_ id: String, _ title: String, _ groups: [Group], _ first: String) -> String {
            guard !groups.isEmpty else { return section(id, title, "<p>No sessions.</p>\n") }
            let columns = [
                first, "sessions", "score", "resolved", "escalated", "pending", "lost", "unfinished", "replies",
                "findings", "per 100 replies", "most found", "overrides", "skips", "median handle time", "notes",
            ]
            var html = "<div class=\"table\"><table class=\"cards\"><thead><tr>"
            html += columns.enumerated().map {
                "<th scope=\"col\"\($0.offset == 0 ? " class=\"text\"" : "")>\($0.element)</th>"
            }.joined()
            html += "</tr></thead><tbody>\n"
            for group in groups {
                let totals = group.totals
                let top = reviewColumns.map { ($0.0, totals.findings[$0.0] ?? 0) }.max { $0.1 < $1.1 }
                let notes = group.sessions.reduce(0) { total, summary in
                    total + (notesBySession[summary.session] ?? []).count { $0.kind == .note }
                }
                let escaped = ReviewHTML.escape(group.label)
                var cells: [String] = [
                    "<th scope=\"row\" class=\"text\(id == "weeks" ? " nowrap" : "")\" data-label=\"\(first)\">\(escaped)</th>"
                ]
                func cell(_ label: String, _ value: String, _ className: String = "") -> String {
                    "<td data-label=\"\(label)\"\(className.isEmpty ? "" : " class=\"\(className)\"")>\(value)</td>"
                }
                cells.append(cell("sessions", "\(totals.sessions)"))
                cells.append(cell("score", scoreText(totals.averageScore), ReviewHTML.scoreClass(totals.averageScore)))
                for outcome in Outcome.allCases {
                    let value = totals.outcomes[outcome] ?? 0
                    cells.append(cell(outcome.rawValue, "\(value)", outcome == .lost && value > 0 ? "warn" : ""))
                }
                cells.append(cell("unfinished", "\(totals.unfinished)"))
                cells.append(cell("replies", "\(totals.replies)"))
                cells.append(cell("findings", "\(totals.findingsTotal)"))
                cells.append(cell("per 100 replies", ReviewHTML.number(group.rate)))
                cells.append(
                    cell(
                        "most found",
                        top.flatMap { $0.1 > 0 ? "\(ReviewHTML.escape($0.0.rawValue)) \($0.1)" : nil } ?? "—", "nowrap")
                )
                cells.append(cell("overrides", "\(totals.overrides)"))
                cells.append(cell("skips", "\(totals.skips)"))
                cells.append(cell("median handle time", ReviewHTML.duration(group.medianSeconds), "nowrap"))
                cells.append(cell("notes", "\(notes)"))
                html += "<tr>" + cells.joined() + "</tr>\n"
            }
            html += "</tbody></table></div>\n"
            if id == "agents" {
                html = "<p class=\"muted\">Lowest average score first; under 70 in red, under 80 in amber.</p>\n" + html
            }
            return section(id, title, html)
        }

        /// Every rule found in a sent reply, advice included, with what it means.
        func rules() -> String {
            guard !report.rules.isEmpty else { return section("rules", "Findings by rule", "<p>None.</p>\n") }
            var sessionsWith: [String: Int] = [:]
            for summary in report.sessions {
                for rule in summary.sentRules.keys { sessionsWith[rule, default: 0] += 1 }
            }
            var html =
                "<div class=\"table\"><table class=\"cards\"><thead><tr><th scope=\"col\" class=\"text\">rule</th><th scope=\"col\" class=\"text\">category</th><th scope=\"col\" class=\"text\">severity</th><th scope=\"col\">in sent replies</th><th scope=\"col\">sessions</th></tr></thead><tbody>\n"
            for (rule, found) in report.rules.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                let descriptor = ReviewHTML.ruleMeanings[rule]
                html += "<tr><th scope=\"row\" class=\"text\" data-label=\"rule\">\(ReviewHTML.ruleCell(rule))</th>"
                html +=
                    "<td class=\"text\" data-label=\"category\">\(ReviewHTML.escape(descriptor?.category.rawValue ?? "—"))</td>"
                html +=
                    "<td class=\"text\" data-label=\"severity\">\(ReviewHTML.escape(descriptor?.severity.rawValue ?? "—"))</td>"
                html += "<td data-label=\"in sent replies\">\(found)</td>"
                html += "<td data-label=\"sessions\">\(sessionsWith[rule] ?? 0)</td></tr>\n"
            }
            html += "</tbody></table></div>\n"
            return section("rules", "Findings by rule", html)
        }

        /// A link to a session in the list below: its agent and start, not a bare id.
        func link(_ session: String) -> String {
            let summary = sessionsByID[session]
            let text =
                summary.map { "\(ReviewHTML.escape($0.agent)) · \(ReviewHTML.minute($0.startedAt))" }
                ?? ReviewHTML.escape(session)
            return
                "<a href=\"#\(ReviewHTML.anchor(session))\" title=\"session \(ReviewHTML.escape(session))\">\(text)</a>"
        }

        func notes() -> String {
            let coachScore =
                report.averageCoachScore.map { String(format: " (average coach score %.0f)", $0) } ?? ""
            var html =
                "<p>\(report.notes) coach notes\(coachScore) on \(report.reviewed.count) of \(report.sessions.count) sessions; "
                + "\(report.disputes) disputes, \(report.openDisputes.count) open, \(report.resolutions) resolved; "
                + "feedback acknowledged on \(report.acknowledged.count).</p>\n"
            if !report.openDisputes.isEmpty {
                html += "<h3>Open disputes</h3>\n"
                html += notesTable(report.openDisputes)
            }
            let written = report.allNotes.filter { $0.kind != .acknowledgement }.sorted { $0.time > $1.time }
            if !written.isEmpty {
                html += "<h3>Notes, disputes and resolutions, newest first</h3>\n" + notesTable(written)
            }
            return section("notes", "Notes and disputes", html)
        }

        func notesTable(_ notes: [CoachNote]) -> String {
            var html =
                "<div class=\"table\"><table class=\"cards\"><thead><tr><th scope=\"col\" class=\"text\">session</th><th scope=\"col\" class=\"text\">kind</th><th scope=\"col\">event</th><th scope=\"col\" class=\"text\">by</th><th scope=\"col\" class=\"text\">when</th><th scope=\"col\" class=\"text\">text</th></tr></thead><tbody>\n"
            for note in notes {
                let kind =
                    note.kind == .resolution
                    ? "dispute \(note.verdict?.rawValue ?? "resolved")"
                    : note.kind.rawValue + (note.score.map { ", score \($0)" } ?? "")
                html += "<tr><th scope=\"row\" class=\"text\" data-label=\"session\">\(link(note.session))</th>"
                html += "<td class=\"text nowrap\" data-label=\"kind\">\(ReviewHTML.escape(kind))</td>"
                html += "<td data-label=\"event\">\(note.event.map(String.init) ?? "—")</td>"
                html += "<td class=\"text\" data-label=\"by\">\(ReviewHTML.escape(note.author))</td>"
                html +=
                    "<td class=\"text nowrap\" data-label=\"when\" title=\"\(ReviewHTML.escape(note.time))\">\(Timestamp.parse(note.time).map { ReviewHTML.minute($0) } ?? ReviewHTML.escape(note.time))</td>"
                html += "<td class=\"text long\" data-label=\"text\">\(ReviewHTML.escape(note.text))</td></tr>\n"
            }
            return html + "</tbody></table></div>\n"
        }

        /// Findings an agent accepted before sending: who, which rule and what it means, why.
        func overrides() -> String {
            reasonTable(
                "overrides", "Overrides", what: "rule overridden",
                rows: report.sessions.flatMap { summary in
                    summary.overrides.map {
                        (
                            summary, "<td class=\"text\" data-label=\"rule\">\(ReviewHTML.ruleCell($0.rule))</td>",
                            $0.reason
                        )
                    }
                })
        }

        /// Checklist items skipped, whole, with the agent's reason.
        func skips() -> String {
            reasonTable(
                "skips", "Skipped checklist items", what: "item",
                rows: report.sessions.flatMap { summary in
                    summary.skips.map {
                        (
                            summary, "<td class=\"text long\" data-label=\"item\">\(ReviewHTML.escape($0.item))</td>",
                            $0.reason
                        )
                    }
                })
        }

        /// One row per thing an agent did with a reason (an override, a skip): the session,
        /// its playbook, the thing (`whatCell`, a whole `<td>`) and the agent's reason.
        func reasonTable(
            _ id: String, _ title: String, what: String, rows: [(SessionSummary, whatCell: String, reason: String)]
        ) -> String {
            guard !rows.isEmpty else { return section(id, title, "<p>None.</p>\n") }
            var html =
                "<div class=\"table\"><table class=\"cards\"><thead><tr><th scope=\"col\" class=\"text\">session</th><th scope=\"col\" class=\"text\">playbook</th><th scope=\"col\" class=\"text\">\(what)</th><th scope=\"col\" class=\"text\">agent's reason</th></tr></thead><tbody>\n"
            for (summary, whatCell, reason) in rows {
                html += "<tr><th scope=\"row\" class=\"text\" data-label=\"session\">\(link(summary.session))</th>"
                html += "<td class=\"text\" data-label=\"playbook\">\(ReviewHTML.escape(summary.playbook))</td>"
                html += whatCell
                html += "<td class=\"text long\" data-label=\"reason\">\(ReviewHTML.escape(reason))</td></tr>\n"
            }
            html += "</tbody></table></div>\n"
            return section(id, title, html)
        }

        /// Every session, newest first; each opens its `show` story in place.
        func sessionList() -> String {
            guard !report.sessions.isEmpty else { return section("sessions", "Sessions", "<p>None.</p>\n") }
            let sessions = report.sessions.sorted { ($0.started, $0.session) > ($1.started, $1.session) }
            var html =
                "<p class=\"muted\">Newest first. Open a session for its story, as <code>rebound show</code> tells it.</p>\n"
            html +=
                "<div class=\"session-head\" aria-hidden=\"true\"><span>started (UTC)</span><span>agent</span><span>playbook</span><span>outcome</span><span>score</span><span>findings</span><span>notes</span></div>\n"
            for summary in sessions {
                let outcome = summary.outcome?.rawValue ?? "unfinished"
                let score = summary.finished ? Double(summary.score) : nil
                let findings = summary.sentFindings.values.reduce(0, +)
                let notes = notesBySession[summary.session] ?? []
                let disputes = CoachNote.openDisputes(notes).count
                let agent = ReviewHTML.escape(summary.agent)
                let playbook = ReviewHTML.escape(summary.playbook)
                html += "<details class=\"session\" id=\"\(ReviewHTML.anchor(summary.session))\"><summary>"
                html += "<span class=\"nowrap\">\(ReviewHTML.minute(summary.startedAt))</span>"
                html += "<span title=\"\(agent)\">\(agent)</span><span title=\"\(playbook)\">\(playbook)</span>"
                html += "<span class=\"outcome\"><i class=\"dot o-\(outcome)\"></i>\(outcome)</span>"
                html +=
                    "<span class=\"score \(ReviewHTML.scoreClass(score))\">\(summary.finished ? String(summary.score) : "—")</span>"
                html += "<span>\(findings == 1 ? "1 finding" : "\(findings) findings")</span>"
                let noteCount = notes.count { $0.kind == .note }
                html +=
                    "<span>\(noteCount == 1 ? "1 note" : "\(noteCount) notes")\(disputes > 0 ? ", \(disputes) disputed" : "")</span>"
                html += "</summary>\n"
                if let story = context.stories[summary.session] {
                    html += "<pre class=\"story\">\(ReviewHTML.escapeBlock(story))</pre>"
                } else {
                    html +=
                        "<p class=\"story\">Story not included (the page carries at most \(context.storyLimit)); <code>rebound show \(ReviewHTML.escape(summary.session))</code> tells it.</p>"
                }
                html += "</details>\n"
            }
            return section("sessions", "Sessions (\(report.sessions.count))", html)
        }
    }

    /// A fragment id for a session: its id when it is plain (letters, digits, `-`, `_`),
    /// as ids are; else its characters' code points, so no id can break out.
    static func anchor(_ session: String) -> String {
        let plain = session.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) || $0 == "-" || $0 == "_"
        }
        return "s-"
            + (plain ? session : session.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "-"))
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A score line from `floor` to 100 with a y axis, each value written at its point,
    /// and gaps where a day or week had no finished session.
    static func lineChart(
        _ values: [Double?], labels: [String], floor: Double, width: Double, height: Double, compact: Bool = false
    ) -> String {
        let (left, right, top, bottom) = (30.0, 10.0, 16.0, 24.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let step = plotWidth / Double(max(1, values.count))
        let x = { (index: Int) in left + step * (Double(index) + 0.5) }
        let y = { (value: Double) in top + (100 - value) / (100 - floor) * plotHeight }
        let described = values.enumerated().map {
            "\(labels[$0.offset]): \($0.element.map { scoreText($0) } ?? "none")"
        }
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape("Average score: " + described.joined(separator: ", ")))\">"
        let tickStep = (100 - floor) > 50 ? 20.0 : 10.0
        for tick in stride(from: floor, through: 100, by: compact ? (100 - floor) / 2 : tickStep) {
            svg +=
                "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#e3e6ea\"/>"
            svg +=
                "<text x=\"\(f(left - 4))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\" font-size=\"11\">\(Int(tick))</text>"
        }
        svg +=
            "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" stroke=\"#8a94a0\"/>"
        svg += xLabels(labels, x: x, y: height - 6)
        // One line through the days or weeks that have a score; a dot marks each.
        let present = values.enumerated().compactMap { entry in entry.element.map { (entry.offset, $0) } }
        if present.count > 1 {
            let points = present.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"#d9480f\" stroke-width=\"2\" points=\"\(points)\"/>"
        }
        let lowest = present.min { $0.1 < $1.1 }?.0
        // Every value when they fit; else the first, the last and the lowest.
        let fits = Double(present.count) * 22 <= plotWidth
        for (index, value) in present {
            svg += "<circle cx=\"\(f(x(index)))\" cy=\"\(f(y(value)))\" r=\"3\" fill=\"#d9480f\"/>"
            if fits || index == present.first?.0 || index == present.last?.0 || index == lowest {
                svg +=
                    "<text x=\"\(f(x(index)))\" y=\"\(f(y(value) - 6))\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\">\(scoreText(value))</text>"
            }
        }
        if present.isEmpty {
            svg +=
                "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\" font-size=\"11\">no finished session</text>"
        }
        return svg + "</svg>"
    }

    /// Sessions per day or week as bars from zero, each with its count.
    static func barChart(_ values: [Int], labels: [String], width: Double, height: Double) -> String {
        let (left, right, top, bottom) = (30.0, 10.0, 16.0, 24.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let maximum = niceMaximum(Double(values.max() ?? 0))
        let step = plotWidth / Double(max(1, values.count))
        let barWidth = min(step * 0.7, 36)
        let x = { (index: Int) in left + step * (Double(index) + 0.5) }
        let y = { (value: Double) in top + (1 - value / maximum) * plotHeight }
        let described = values.enumerated().map { "\(labels[$0.offset]): \($0.element)" }
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape("Sessions: " + described.joined(separator: ", ")))\">"
        for tick in [0, maximum / 2, maximum] {
            svg +=
                "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#e3e6ea\"/>"
            let label = tick == tick.rounded() ? String(Int(tick)) : String(format: "%.1f", tick)
            svg +=
                "<text x=\"\(f(left - 4))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\" font-size=\"11\">\(label)</text>"
        }
        let fits = Double(values.count) * 16 <= plotWidth
        for (index, value) in values.enumerated() where value > 0 {
            svg +=
                "<rect x=\"\(f(x(index) - barWidth / 2))\" y=\"\(f(y(Double(value))))\" width=\"\(f(barWidth))\" height=\"\(f(plotHeight - (y(Double(value)) - top)))\" fill=\"#74c0fc\"/>"
            if fits {
                svg +=
                    "<text x=\"\(f(x(index)))\" y=\"\(f(y(Double(value)) - 3))\" text-anchor=\"middle\" font-size=\"11\">\(value)</text>"
            }
        }
        svg += xLabels(labels, x: x, y: height - 6)
        return svg + "</svg>"
    }

    /// Labels under the x axis, thinned so they never overlap (about 34 units each).
    static func xLabels(_ labels: [String], x: (Int) -> Double, y: Double) -> String {
        guard labels.count > 0 else { return "" }
        let spacing = labels.count > 1 ? x(1) - x(0) : 100
        let every = max(1, Int((34 / spacing).rounded(.up)))
        return labels.enumerated().filter { $0.offset % every == 0 }.map {
            "<text x=\"\(f(x($0.offset)))\" y=\"\(f(y))\" text-anchor=\"middle\" font-size=\"10\">\(escape($0.element))</text>"
        }.joined()
    }

    static let css = """

        :root { --line: #d5dae0; --muted: #5b6470; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 12px clamp(10px, 3vw, 32px); max-width: 1240px; color: #1d232a; background: #fff; overflow-wrap: break-word; }
        h1 { font-size: 1.6em; margin: .2em 0; }
        h2 { font-size: 1.25em; margin: 1.6em 0 .5em; border-bottom: 2px solid #e6e9ee; padding-bottom: .2em; }
        h3 { font-size: 1em; margin: 1em 0 .4em; }
        a { color: #1864ab; }
        code { font-family: ui-monospace, monospace; font-size: .92em; }
        .muted { color: var(--muted); font-size: .9em; }
        .nowrap, time { white-space: nowrap; overflow-wrap: normal; }
        .meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: .4em 0; }
        .meta dt { font-weight: 600; color: var(--muted); }
        .meta dd { margin: 0; }
        nav { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: .92em; margin: .8em 0; }
        .kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 9.5em), 1fr)); gap: 8px; margin: 1em 0; }
        .kpi { border: 1px solid var(--line); border-left-width: 4px; border-radius: 4px; padding: 4px 10px; }
        .kpi b { display: block; font-size: 1.45em; }
        .kpi span { color: var(--muted); font-size: .85em; }
        .kpi.o-resolved { border-left-color: #2b8a3e; } .kpi.o-escalated { border-left-color: #1c7ed6; }
        .kpi.o-pending { border-left-color: #e67700; } .kpi.o-lost { border-left-color: #c92a2a; }
        .kpi.low { background: #ffe3e3; } .kpi.warn { background: #fff3bf; }
        .attention { background: #fff4e6; border-left: 4px solid #e8590c; padding: 8px 12px; }
        .table { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; font-size: .88em; margin: .3em 0 1em; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 5px; text-align: right; vertical-align: top; }
        thead th { background: #f1f3f5; font-weight: 600; vertical-align: bottom; hyphens: none; }
        td { white-space: nowrap; }
        td.text { white-space: normal; }
        td.nowrap, th.nowrap { white-space: nowrap; }
        th .muted { font-weight: 400; }
        th.text, td.text { text-align: left; }
        tbody th { font-weight: 600; overflow-wrap: anywhere; min-width: 6em; }
        td.long { min-width: 14em; overflow-wrap: anywhere; }
        .low { background: #ffe3e3; color: #9b1c1c; font-weight: 700; }
        .warn { background: #fff3bf; }
        .bars { display: grid; grid-template-columns: minmax(4em, 12em) minmax(0, 1fr) auto; gap: 6px 10px; align-items: center; margin-bottom: 1em; }
        .bars .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .bars .label small { color: var(--muted); }
        .track { display: flex; height: 1.5em; background: #f1f3f5; min-width: 0; }
        .seg { height: 100%; overflow: hidden; color: #fff; font-size: .8em; line-height: 1.9em; text-align: center; white-space: nowrap; font-weight: 600; }
        .none { color: var(--muted); font-size: .85em; padding-left: 6px; line-height: 1.75em; }
        .value { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .axis { position: relative; height: 1.4em; border-top: 1px solid #8a94a0; font-size: .78em; color: var(--muted); }
        .axis span { position: absolute; top: 2px; transform: translateX(-50%); white-space: nowrap; }
        .axis span:first-child { transform: none; }
        .axis span:last-child { transform: translateX(-100%); }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: .88em; margin: .4em 0; padding: 0; list-style: none; }
        .legend i, .dot { display: inline-block; width: .85em; height: .85em; margin-right: 4px; vertical-align: -1px; border-radius: 2px; }
        .dot.o-resolved { background: #2b8a3e; } .dot.o-escalated { background: #1c7ed6; } .dot.o-pending { background: #e67700; }
        .dot.o-lost { background: #c92a2a; } .dot.o-unfinished { background: #868e96; }
        figure { margin: 0; min-width: 0; }
        figcaption { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); gap: 12px 28px; }
        .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr)); gap: 12px 20px; }
        svg.chart { display: block; width: 100%; height: auto; max-width: 600px; }
        .multiples svg.chart { max-width: 300px; }
        svg text { font-family: system-ui, sans-serif; fill: #1d232a; }
        .session-head, details.session > summary { display: grid; grid-template-columns: 9.5em minmax(0, 1fr) minmax(0, 1fr) 7em 3.5em 6em 8em; gap: 8px; padding: 5px 4px; }
        .session-head { font-weight: 600; background: #f1f3f5; font-size: .9em; }
        details.session { border-bottom: 1px solid var(--line); }
        details.session > summary { cursor: pointer; list-style: none; }
        details.session > summary::-webkit-details-marker { display: none; }
        details.session > summary > span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
        details.session > summary:hover, details[open].session > summary { background: #e7f0fb; }
        details.session:target > summary { outline: 2px solid #1c7ed6; }
        .score { text-align: right; padding: 0 4px; }
        .story { white-space: pre-wrap; overflow-wrap: anywhere; font: 12.5px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: #f8f9fa; padding: 10px; margin: 0 0 10px; border: 1px solid var(--line); }
        @media (max-width: 1000px) {
          .table { overflow-x: visible; }
          table.cards, table.cards tbody, table.cards th, table.cards td { display: block; width: 100%; }
          table.cards thead { display: none; }
          table.cards tr { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 12em), 1fr)); column-gap: 16px; border: 1px solid var(--line); border-radius: 4px; margin-bottom: 8px; padding: 4px 8px; }
          table.cards tbody th, table.cards td.long { grid-column: 1 / -1; }
          table.cards tbody th, table.cards td { border: none; display: flex; justify-content: space-between; gap: 12px; padding: 2px 0; text-align: right; }
          table.cards tbody th::before, table.cards td::before { content: attr(data-label); color: var(--muted); font-weight: 600; text-align: left; white-space: normal; flex: 0 1 auto; }
          td.long { min-width: 0; }
          table.cards td, table.cards td.nowrap { overflow-wrap: anywhere; white-space: normal; }
          table.cards tbody th { justify-content: flex-start; }
          table.cards tbody th::before { flex: none; }
        }
        @media (max-width: 760px) {
          body { font-size: 14px; }
          .bars { grid-template-columns: minmax(3em, 7.5em) minmax(0, 1fr) auto; gap: 6px; }
          .session-head { display: none; }
          details.session > summary { grid-template-columns: 1fr 1fr; gap: 2px 8px; }
          details.session > summary .score { text-align: left; padding: 0; }
          details.session > summary .score::before { content: "score "; font-weight: 400; }
        }

        """
}
