import Foundation
import ReboundLedger
import ReboundText

/// `review --first-contact`: first-contact resolution from the customer ledger.
enum FirstContactRendering {
    static func print(
        days: Int, agent: String?, playbook: String?, since: String?, until: String?, format: Followups.ListFormat,
        color: ColorOptions, ledger: LedgerOptions
    ) throws {
        let environment = ProcessInfo.processInfo.environment
        let filter = try RevenueOptions.filter(agent: agent, playbook: playbook, since: since, until: until)
        let store = try ledger.open(environment: environment)
        let report = try inLedger { try store.firstContactReport(filter, days: days) }
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        switch format {
        case .text:
            output.write(
                text(report, ledger: store.location, style: color.style(for: STDOUT_FILENO, environment: environment)))
        case .json: output.write(json(report))
        case .csv: output.write(csv(report))
        }
        output.flush()
    }

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.0f%%", $0) } ?? "n/a"
    }

    static func text(_ report: FirstContactReport, ledger: String, style: Style) -> String {
        func one(_ text: String) -> String { text.escapingControlCharacters() }
        func row(_ name: String, _ totals: FirstContactReport.Totals) -> String {
            "  \(one(name).fitted(toColumns: 16)) \(String(totals.resolved).leftAligned(5)) "
                + "\(String(totals.cameBack).leftAligned(9)) \(percent(totals.percent).leftAligned(5))"
                + (totals.unidentified > 0 ? style.dim("  (\(totals.unidentified) resolved, customer unknown)") : "")
        }
        var lines = [
            style.bold("First-contact resolution")
                + " (\(ledger.escapingControlCharacters())): a resolved session counts when its customer did not come back within \(report.days) days",
            "Overall: \(percent(report.overall.percent)) of \(count(report.overall.resolved, "resolved session")) with a known customer; "
                + "\(report.overall.cameBack) came back",
        ]
        for (title, groups) in [("By agent", report.byAgent), ("By playbook", report.byPlaybook)] {
            lines += ["", style.bold(title), style.dim("  \("".fitted(toColumns: 16)) resolved  came back  first")]
            for (name, totals) in groups.sorted(by: { $0.key < $1.key }) { lines.append(row(name, totals)) }
        }
        if !report.returns.isEmpty {
            lines += ["", style.bold("Customers who came back")]
            for item in report.returns {
                lines.append(
                    "  \(item.session)  \(one(item.agent).fitted(toColumns: 10))  \(one(item.playbook).fitted(toColumns: 16))  "
                        + "\(one(item.customer))  finished \(item.finished.prefix(10)), back \(item.cameBack.prefix(10))"
                )
            }
        }
        lines += ["", style.bold("Causes shared by customers") + style.dim(" (a cause no single agent can fix)")]
        if report.sharedCauses.isEmpty { lines.append("  none") }
        for cause in report.sharedCauses {
            lines.append(
                "  \(one(cause.cause)): \(count(cause.customers, "customer")), \(count(cause.sessions, "session")) ("
                    + cause.playbooks.map(one).joined(separator: ", ") + ")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ report: FirstContactReport) -> String {
        func totals(_ totals: FirstContactReport.Totals) -> JSON.Value {
            .object([
                ("resolved", .number(String(totals.resolved))), ("cameBack", .number(String(totals.cameBack))),
                ("unidentified", .number(String(totals.unidentified))),
                ("percent", totals.percent.map { .number(String(format: "%.1f", $0)) } ?? .null),
            ])
        }
        func groups(_ groups: [String: FirstContactReport.Totals]) -> JSON.Value {
            .object(groups.sorted { $0.key < $1.key }.map { ($0.key, totals($0.value)) })
        }
        let returns: [JSON.Value] = report.returns.map {
            .object([
                ("session", .string($0.session)), ("agent", .string($0.agent)), ("playbook", .string($0.playbook)),
                ("customer", .string($0.customer)), ("finished", .string($0.finished)),
                ("cameBack", .string($0.cameBack)),
            ])
        }
        let causes: [JSON.Value] = report.sharedCauses.map {
            .object([
                ("cause", .string($0.cause)), ("customers", .number(String($0.customers))),
                ("sessions", .number(String($0.sessions))), ("playbooks", .array($0.playbooks.map(JSON.Value.string))),
            ])
        }
        var writer = JSONWriter()
        writer.value(
            .object([
                ("days", .number(String(report.days))), ("overall", totals(report.overall)),
                ("byAgent", groups(report.byAgent)), ("byPlaybook", groups(report.byPlaybook)),
                ("returns", .array(returns)), ("sharedCauses", .array(causes)),
            ]))
        writer.raw("\n")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// One row per group (overall, each agent, each playbook), for a spreadsheet.
    static func csv(_ report: FirstContactReport) -> String {
        var text = CSV.row(["group", "name", "resolved", "came_back", "unidentified", "first_contact_percent", "days"])
        let groups =
            [("overall", "", report.overall)]
            + report.byAgent.sorted { $0.key < $1.key }.map { ("agent", $0.key, $0.value) }
            + report.byPlaybook.sorted { $0.key < $1.key }.map { ("playbook", $0.key, $0.value) }
        for (group, name, totals) in groups {
            text += CSV.row([
                group, name, String(totals.resolved), String(totals.cameBack), String(totals.unidentified),
                totals.percent.map { String(format: "%.1f", $0) } ?? "", String(report.days),
            ])
        }
        return text
    }
}

extension String {
    /// The text padded with spaces to `width` characters.
    fileprivate func leftAligned(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
