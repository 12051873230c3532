import ReboundChecker
import ReboundSession
import ReboundText

/// The draft and its findings as the text chat shows them: each finding numbered (for
/// `/fix N` and `/accept N`), its words underlined in the draft, messages wrapped at word
/// boundaries to the terminal's width.
struct DraftView {
    let style: Style
    /// Columns to wrap to; `nil` when the output is not a terminal (lines stay whole).
    let width: Int?

    /// The findings of a draft, numbered, then what the agent can do next.
    func findings(of draft: WorkingDraft) -> String {
        let findings = draft.findings
        guard !findings.isEmpty else {
            return style.green("✓ No findings.") + " Press Enter (or /send) to send it, or write a revision."
        }
        let source = Array(draft.text.utf8)
        var lines: [String] = []
        for (index, finding) in findings.enumerated() {
            let number = index + 1
            let location = finding.length > 0 ? " at \(finding.range.start.line):\(finding.range.start.column)" : ""
            let excerpt = finding.excerpt.isEmpty ? "" : " \"\(finding.excerpt.escapingControlCharacters())\""
            let accepted = draft.isAccepted(finding) ? " (accepted)" : ""
            let severity = finding.severity.rawValue
            let header =
                "[\(number)] \(severity) \(finding.category.rawValue)\(location)\(excerpt): \(finding.message) [\(finding.rule)]\(accepted)"
            var wrapped = wrap(header, indent: "    ")
            wrapped[0] = wrapped[0].replacingFirst(
                severity, with: SourceRenderer(style: style).severity(finding.severity))
            lines += wrapped
            if finding.length > 0 {
                let excerptWidth = max(20, min(SourceRenderer.windowWidth, (width ?? SourceRenderer.windowWidth) - 6))
                let shown = SourceExcerpt(source: source, range: finding.range, width: excerptWidth)
                lines.append(style.dim("    │ ") + shown.text)
                lines.append(style.dim("    │ ") + style.green(shown.marker))
            }
            if var suggestion = finding.suggestion {
                if finding.fix != nil { suggestion += " (/fix \(number))" }
                let tried = wrap("try: " + suggestion, indent: "         ", first: "    ")
                lines += [tried[0].replacingFirst("try:", with: style.green("try:"))] + tried.dropFirst()
            }
        }
        let blocking = draft.blocking
        let fixable = draft.open.contains { $0.fix != nil }
        if draft.openWarnings.isEmpty {
            lines.append(
                "Press Enter (or /send) to send it" + (fixable ? ", /fix N to apply a fix" : "")
                    + ", or write a revision.")
        } else if blocking.isEmpty {
            lines.append(
                "Revise the draft" + (fixable ? ", /fix N (or /fix for all)" : "")
                    + ", or /send to send it as it is (Enter asks first).")
        } else {
            lines.append(
                "Revise the draft" + (fixable ? ", /fix N" : "")
                    + ", or /accept N REASON for each error; then press Enter (or /send).")
        }
        return lines.joined(separator: "\n")
    }

    /// The draft's text in a ruled block, then its findings: what a resumed session, `/draft`
    /// and `/back` to a kept draft show.
    func draft(_ draft: WorkingDraft) -> String {
        let body = draft.text.split(separator: "\n", omittingEmptySubsequences: false).map {
            style.dim("  │ ") + String($0)
        }
        return (["Your draft:"] + body).joined(separator: "\n") + "\n" + findings(of: draft)
    }

    /// `text` wrapped to the terminal's width, or whole when it has none.
    func wrap(_ text: String, indent: String, first: String = "") -> [String] {
        guard let width, width > indent.count + 10 else { return [first + text] }
        return wordWrapped(text, width: width, indent: indent, first: first)
    }
}

/// `text` broken at spaces so no line is wider than `width` (a word longer than a line is
/// left whole): the first line starts with `first`, the others with `indent`.
func wordWrapped(_ text: String, width: Int, indent: String = "", first: String = "") -> [String] {
    var lines: [String] = []
    var line = first
    var lineLength = first.count
    var startsLine = true
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        let length = word.count
        if !startsLine, lineLength + 1 + length > width {
            lines.append(line)
            line = indent + word
            lineLength = indent.count + length
        } else {
            line += (startsLine ? "" : " ") + word
            lineLength += (startsLine ? 0 : 1) + length
        }
        startsLine = false
    }
    lines.append(line)
    return lines
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
