import Foundation
import ReboundChecker
import ReboundReview
import ReboundText

enum ReviewHTML {
    static func escape(_ text: String) -> String {
        text.markupEscaped
    }

    /// One self-contained page: inline CSS, charts as inline SVG, no scripts; every
    /// string from a transcript escaped.
    static func render(_ report: ReviewReport) -> String {
        let overall = report.overall
        var body = "<h1>Rebound review</h1>\n"
        body +=
            "<p>\(overall.sessions) sessions (\(overall.unfinished) unfinished), average score of finished sessions \(scoreText(overall.averageScore)).</p>\n"
        body += "<h2>Findings in sent replies by agent</h2>\n" + categoryChart(report.byAgent)
        body += "<h2>Trend by week</h2>\n" + trendChart(report.byWeek)
        for (title, groups) in [
            ("By agent", report.byAgent), ("By playbook", report.byPlaybook), ("By week", report.byWeek),
        ] {
            body += "<h2>\(title)</h2>\n<table><tr><th></th><th>sessions</th><th>score</th>"
            body += reviewColumns.map { "<th>\(escape($0.0.rawValue))</th>" }.joined() + "</tr>\n"
            for (name, totals) in groups.sorted(by: { $0.key < $1.key }) {
                body +=
                    "<tr><td>\(escape(name))</td><td>\(totals.sessions)</td><td>\(scoreText(totals.averageScore))</td>"
                body += reviewColumns.map { "<td>\(totals.findings[$0.0] ?? 0)</td>" }.joined() + "</tr>\n"
            }
            body += "</table>\n"
        }
        if !report.overrideReasons.isEmpty {
            body += "<h2>Overrides</h2>\n<ul>\n"
            body += report.overrideReasons.map {
                "<li>\(escape($0.session)) \(escape($0.rule)): \(escape($0.reason))</li>"
            }.joined(separator: "\n")
            body += "\n</ul>\n"
        }
        if !report.skipReasons.isEmpty {
            body += "<h2>Skipped checklist items</h2>\n<ul>\n"
            body += report.skipReasons.map {
                "<li>\(escape($0.session)) “\(escape($0.item))”: \(escape($0.reason))</li>"
            }.joined(separator: "\n")
            body += "\n</ul>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Rebound review</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin-bottom: 1.5em; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
            td:first-child, th:first-child { text-align: left; }
            svg text { font: 11px sans-serif; }
            </style></head><body>
            \(body)</body></html>

            """
    }

    static let colours = ["#d95f02", "#7570b3", "#e7298a", "#66a61e", "#1b9e77"]

    /// Stacked bars: one per agent, one colour per category.
    static func categoryChart(_ groups: [String: ReviewTotals]) -> String {
        let rows = groups.sorted { $0.key < $1.key }
        let maximum = max(1, rows.map { $0.value.findingsTotal }.max() ?? 1)
        let height = 30 + rows.count * 22
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"780\" height=\"\(height)\" role=\"img\" aria-label=\"Findings by category per agent\">\n"
        for (index, column) in reviewColumns.enumerated() {
            svg += "<rect x=\"\(130 + index * 125)\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(colours[index])\"/>"
            svg += "<text x=\"\(144 + index * 125)\" y=\"13\">\(escape(column.0.rawValue))</text>\n"
        }
        for (row, (name, totals)) in rows.enumerated() {
            let y = 24 + row * 22
            svg += "<text x=\"0\" y=\"\(y + 13)\">\(escape(String(name.prefix(18))))</text>"
            var x = 130.0
            for (index, column) in reviewColumns.enumerated() {
                let width = Double(totals.findings[column.0] ?? 0) / Double(maximum) * 480
                if width > 0 {
                    svg +=
                        "<rect x=\"\(String(format: "%.1f", x))\" y=\"\(y)\" width=\"\(String(format: "%.1f", width))\" height=\"16\" fill=\"\(colours[index])\"/>"
                }
                x += width
            }
            svg += "\n"
        }
        return svg + "</svg>\n"
    }

    /// Sessions per week (bars) and the average score (line, 0–100).
    static func trendChart(_ weeks: [String: ReviewTotals]) -> String {
        let rows = weeks.sorted { $0.key < $1.key }
        guard !rows.isEmpty else { return "<p>No sessions.</p>\n" }
        let maximum = max(1, rows.map(\.value.sessions).max() ?? 1)
        let step = 560.0 / Double(rows.count)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"220\" role=\"img\" aria-label=\"Sessions and average score by week\">\n"
        var points: [String] = []
        for (index, (week, totals)) in rows.enumerated() {
            let x = 40 + Double(index) * step
            let barHeight = Double(totals.sessions) / Double(maximum) * 150
            svg +=
                "<rect x=\"\(String(format: "%.1f", x))\" y=\"\(String(format: "%.1f", 170 - barHeight))\" width=\"\(String(format: "%.1f", step * 0.6))\" height=\"\(String(format: "%.1f", barHeight))\" fill=\"#9ecae1\"/>"
            svg += "<text x=\"\(String(format: "%.1f", x))\" y=\"188\">\(escape(week))</text>\n"
            if let average = totals.averageScore {
                let point = (x + step * 0.3, 170 - average * 1.5)
                points.append(String(format: "%.1f,%.1f", point.0, point.1))
                svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#d95f02\"/>", point.0, point.1)
            }
        }
        svg +=
            "<polyline fill=\"none\" stroke=\"#d95f02\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
        svg += "<text x=\"40\" y=\"210\">bars: sessions (max \(maximum)); line: average score (0–100)</text>\n"
        return svg + "</svg>\n"
    }
}
