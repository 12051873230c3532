import Foundation
import ReboundReview
import ReboundText

/// `review --calibration` in text, JSON and CSV.
enum CalibrationText {
    static func kappa(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? "n/a"
    }

    static func percent(_ value: Double) -> String { String(format: "%4.0f%%", value) }

    /// A number right-aligned in `width` columns.
    static func right(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func render(_ calibration: Calibration, style: Style) -> String {
        func one(_ text: String) -> String { text.escapingControlCharacters() }
        guard !calibration.spreads.isEmpty else {
            return "No session has been scored by two coaches yet ('rebound score SESSION --item N=pass|fail')\n"
        }
        var lines = [
            style.bold("Calibration")
                + ": \(count(calibration.spreads.count, "session")) scored by \(calibration.coaches.count) coaches ("
                + calibration.coaches.map(one).joined(separator: ", ") + ")",
            "",
            style.bold("Coach pairs") + style.dim(" (items both scored; kappa: 1 = full agreement, 0 = chance)"),
        ]
        for pair in calibration.pairs {
            lines.append(
                "  \(one(pair.first).fitted(toColumns: 12)) \(one(pair.second).fitted(toColumns: 12)) "
                    + "\(right(pair.items, 4)) items  agree \(percent(pair.percent))  "
                    + "kappa \(kappa(pair.kappa))")
        }
        lines += ["", style.bold("By kind of item")]
        for kind in calibration.kinds {
            lines.append(
                "  \(kind.kind.rawValue.fitted(toColumns: 12)) \(right(kind.comparisons, 4)) compared  "
                    + "agree \(percent(kind.percent))")
        }
        lines += ["", style.bold("Overall scores") + style.dim(" (widest spread first)")]
        for spread in calibration.spreads {
            lines.append(
                "  \(spread.session)  \(one(spread.agent).fitted(toColumns: 10))  \(one(spread.playbook).fitted(toColumns: 16))  "
                    + "spread \(right(spread.range, 3))  "
                    + spread.scores.map { "\(one($0.coach)) \($0.score)" }.joined(separator: ", "))
        }
        if !calibration.splits.isEmpty {
            lines += ["", style.bold("Items split on")]
            for split in calibration.splits {
                lines.append("  \(split.session) item \(split.item): \(one(split.description))")
                for verdict in split.verdicts {
                    lines.append(
                        "      \(verdict.met ? "✓" : "✗") \(one(verdict.coach))"
                            + (verdict.comment.map { ": \(one($0))" } ?? ""))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ calibration: Calibration) -> String {
        func number(_ value: Double?) -> JSON.Value { value.map { .number(String(format: "%.3f", $0)) } ?? .null }
        var writer = JSONWriter()
        writer.value(
            .object([
                ("coaches", .array(calibration.coaches.map(JSON.Value.string))),
                (
                    "pairs",
                    .array(
                        calibration.pairs.map {
                            .object([
                                ("first", .string($0.first)), ("second", .string($0.second)),
                                ("items", .number(String($0.items))), ("agreed", .number(String($0.agreed))),
                                ("percent", number($0.percent)), ("kappa", number($0.kappa)),
                            ])
                        })
                ),
                (
                    "kinds",
                    .array(
                        calibration.kinds.map {
                            .object([
                                ("kind", .string($0.kind.rawValue)), ("compared", .number(String($0.comparisons))),
                                ("agreed", .number(String($0.agreed))), ("percent", number($0.percent)),
                            ])
                        })
                ),
                (
                    "sessions",
                    .array(
                        calibration.spreads.map { spread in
                            .object([
                                ("session", .string(spread.session)), ("agent", .string(spread.agent)),
                                ("playbook", .string(spread.playbook)), ("spread", .number(String(spread.range))),
                                (
                                    "scores",
                                    .object(spread.scores.map { ($0.coach, .number(String($0.score))) })
                                ),
                            ])
                        })
                ),
                (
                    "splits",
                    .array(
                        calibration.splits.map { split in
                            .object([
                                ("session", .string(split.session)), ("item", .number(String(split.item))),
                                ("description", .string(split.description)),
                                (
                                    "verdicts",
                                    .array(
                                        split.verdicts.map {
                                            .object([
                                                ("coach", .string($0.coach)), ("met", .bool($0.met)),
                                                ("comment", $0.comment.map(JSON.Value.string) ?? .null),
                                            ])
                                        })
                                ),
                            ])
                        })
                ),
            ]))
        writer.raw("\n")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// One row per coach pair, the table a spreadsheet compares.
    static func csv(_ calibration: Calibration) -> String {
        var text = CSV.row(["first_coach", "second_coach", "items", "agreed", "percent", "kappa"])
        for pair in calibration.pairs {
            text += CSV.row([
                pair.first, pair.second, String(pair.items), String(pair.agreed), String(format: "%.1f", pair.percent),
                pair.kappa.map { String(format: "%.3f", $0) } ?? "",
            ])
        }
        return text
    }
}
