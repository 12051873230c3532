import Foundation
import ReboundLanguage
import ReboundLedger
import ReboundText

/// The revenue report as text (80 columns), JSON or CSV.
enum RevenueRendering {
    /// `1,250.00 USD + 80.00 EUR`; `—` when nothing.
    static func money(_ sums: [String: Int64]) -> String {
        let parts = sums.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map {
            MoneyAmount(minorUnits: $0.value, currency: $0.key.isEmpty ? nil : $0.key).description
        }
        return parts.isEmpty ? "—" : parts.joined(separator: " + ")
    }

    static func text(_ report: RevenueReport, ledger: String, style: Style) -> String {
        let overall = report.overall
        guard overall.sessions > 0 else {
            return "No finished sessions in the ledger \(ledger) for this period.\n"
        }
        let countedLater =
            report.amountsCountedLater == 0
            ? ""
            : " (\(report.amountsCountedLater) counted in a later session for the same customer and cause)"
        var lines = [
            style.bold("Revenue at risk")
                + " — \(overall.sessions) finished session\(overall.sessions == 1 ? "" : "s"), "
                + "\(overall.withAmount) with an amount" + countedLater,
            "  at risk    \(money(overall.atRisk))",
            "  recovered  \(money(overall.recovered))  (sessions resolved)",
            "  lost       \(money(overall.lost))  (sessions lost)",
        ]
        func table(_ title: String, _ rows: [(String, RevenueReport.Totals)]) {
            lines += ["", style.bold(title)]
            let width = min(28, max(12, rows.map(\.0.count).max() ?? 0))
            lines.append(
                style.dim(
                    "  " + "".padding(toLength: width, withPad: " ", startingAt: 0)
                        + "  sessions  at risk / recovered / lost"))
            for (name, totals) in rows {
                let label = name.count > width ? String(name.prefix(width - 1)) + "…" : name
                let count = String(totals.sessions)
                lines.append(
                    "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                        + String(repeating: " ", count: max(0, 8 - count.count)) + count + "  "
                        + "\(money(totals.atRisk)) / \(money(totals.recovered)) / \(money(totals.lost))")
            }
        }
        func ordered<Key>(
            _ groups: [Key: RevenueReport.Totals], name: (Key) -> String
        ) -> [(String, RevenueReport.Totals)] {
            groups.map { (name($0.key), $0.value) }.sorted {
                ($0.1.atRisk.values.reduce(0, +), $1.0) > ($1.1.atRisk.values.reduce(0, +), $0.0)
            }
        }
        table("By playbook", ordered(report.byPlaybook) { $0.escapingControlCharacters() })
        table("By cause", ordered(report.byCause) { $0.isEmpty ? "(no cause given)" : $0.escapingControlCharacters() })
        table(
            "By outcome",
            Outcome.allCases.compactMap { outcome in report.byOutcome[outcome].map { (outcome.rawValue, $0) } })
        lines += ["", style.bold("Causes that recur") + style.dim(" — fix these so they do not happen again")]
        if report.recurring.isEmpty {
            lines.append("  none: no cause appears in more than one session")
        }
        for cause in report.recurring {
            lines.append(
                "  \(style.yellow(cause.cause.escapingControlCharacters())): \(cause.sessions) sessions, "
                    + "\(cause.customers) customer\(cause.customers == 1 ? "" : "s"), \(money(cause.atRisk)) at risk")
            lines.append(
                style.dim(
                    "    \(cause.playbooks.joined(separator: ", ")); first \(cause.first.prefix(10)), last \(cause.last.prefix(10))"
                ))
        }
        if !report.repeatCustomers.isEmpty {
            let count = report.repeatCustomers.count
            let names = report.repeatCustomers.prefix(5).map { $0.escapingControlCharacters() }.joined(separator: ", ")
            lines += [
                "",
                "\(count) customer\(count == 1 ? "" : "s") failed more than once in this period: \(names)"
                    + (count > 5 ? ", …" : "") + ".",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ report: RevenueReport) -> String {
        func sums(_ values: [String: Int64]) -> JSON.Value {
            .object(values.sorted { $0.key < $1.key }.map { ($0.key, .number(MoneyAmount.decimal($0.value))) })
        }
        func totals(_ totals: RevenueReport.Totals) -> JSON.Value {
            .object([
                ("sessions", .number(String(totals.sessions))), ("withAmount", .number(String(totals.withAmount))),
                ("atRisk", sums(totals.atRisk)), ("recovered", sums(totals.recovered)), ("lost", sums(totals.lost)),
            ])
        }
        func groups(_ groups: [String: RevenueReport.Totals]) -> JSON.Value {
            .object(groups.sorted { $0.key < $1.key }.map { ($0.key, totals($0.value)) })
        }
        let value = JSON.Value.object([
            ("overall", totals(report.overall)), ("byPlaybook", groups(report.byPlaybook)),
            ("byCause", groups(report.byCause)),
            (
                "byOutcome",
                .object(Outcome.allCases.compactMap { o in report.byOutcome[o].map { (o.rawValue, totals($0)) } })
            ),
            (
                "recurringCauses",
                .array(
                    report.recurring.map {
                        .object([
                            ("cause", .string($0.cause)), ("sessions", .number(String($0.sessions))),
                            ("customers", .number(String($0.customers))),
                            ("playbooks", .array($0.playbooks.map(JSON.Value.string))), ("first", .string($0.first)),
                            ("last", .string($0.last)), ("atRisk", sums($0.atRisk)),
                        ])
                    })
            ),
            ("repeatCustomers", .array(report.repeatCustomers.map(JSON.Value.string))),
            ("amountsCountedLater", .number(String(report.amountsCountedLater))),
        ])
        var writer = JSONWriter()
        writer.value(value)
        writer.raw("\n")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// One row per group and currency: `group,name,currency,sessions,at_risk,recovered,lost`.
    /// A session is counted in the row of its amount's currency (sessions without an
    /// amount under an empty currency), so summing a group's `sessions` column gives its
    /// sessions, and summing money within one currency gives its money.
    static func csv(_ report: RevenueReport) -> String {
        var text = CSV.row(["group", "name", "currency", "sessions", "at_risk", "recovered", "lost"])
        func rows(_ group: String, _ name: String, _ totals: RevenueReport.Totals) {
            for currency in Set(totals.sessionsByCurrency.keys).union(totals.atRisk.keys).sorted() {
                text += CSV.row([
                    group, name, currency, String(totals.sessionsByCurrency[currency] ?? 0),
                    MoneyAmount.decimal(totals.atRisk[currency] ?? 0),
                    MoneyAmount.decimal(totals.recovered[currency] ?? 0),
                    MoneyAmount.decimal(totals.lost[currency] ?? 0),
                ])
            }
        }
        rows("overall", "", report.overall)
        for (name, totals) in report.byPlaybook.sorted(by: { $0.key < $1.key }) { rows("playbook", name, totals) }
        for (name, totals) in report.byCause.sorted(by: { $0.key < $1.key }) {
            rows("cause", name.isEmpty ? "(no cause given)" : name, totals)
        }
        for outcome in Outcome.allCases {
            if let totals = report.byOutcome[outcome] { rows("outcome", outcome.rawValue, totals) }
        }
        return text
    }
}
