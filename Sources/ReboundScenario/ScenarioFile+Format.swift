import ReboundText

extension ScenarioFile {
    /// A test file in the canonical layout: `playbook`, `test` and top comments at the left,
    /// one blank line before each test (above the comments that introduce it), the test's
    /// lines indented two spaces with one space after the command, `examples` rows indented
    /// four with their columns aligned; no trailing blanks, LF line ends, no byte order
    /// mark. Only layout changes: what a line says is kept as written.
    public static func format(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        LineScanner.forEachLine(of: bytes) { line in
            lines.append(line.text(line.lineStart, line.lineEnd))
        }
        let trimmed = lines.map { $0.trimmingCharacters(in: " \t") }
        var output: [String] = []
        var insideTest = false
        var table: [[String]] = []
        func flushTable() {
            guard !table.isEmpty else { return }
            let widths = (0..<(table.map(\.count).max() ?? 0)).map { column in
                table.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
            }
            for row in table {
                let cells = row.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }
                output.append("    | " + cells.joined(separator: " | ") + " |")
            }
            table = []
        }
        func blankLine() {
            if let last = output.last, !last.isEmpty { output.append("") }
        }
        for (index, line) in trimmed.enumerated() {
            if !line.hasPrefix("|") { flushTable() }
            if line.isEmpty {
                blankLine()
                continue
            }
            if line.hasPrefix("|") {
                table.append(Self.cells(of: line))
                continue
            }
            let keyword = line.prefix { $0 != " " && $0 != "\t" }
            let rest = line.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
            let normalised = rest.isEmpty ? String(keyword) : "\(keyword) \(rest)"
            if line.hasPrefix("#") {
                // A comment right above a test (or above the comments above it) introduces it.
                let next = trimmed[(index + 1)...].first { !$0.hasPrefix("#") }
                if next?.hasPrefix("test ") == true || next == "test" {
                    if output.last?.hasPrefix("#") != true { blankLine() }
                    output.append(line)
                } else {
                    output.append(insideTest ? "  " + line : line)
                }
                continue
            }
            switch keyword {
            case "playbook":
                output.append(normalised)
            case "test":
                if output.last?.hasPrefix("#") != true { blankLine() }
                output.append(normalised)
                insideTest = true
            default:
                output.append("  " + normalised)
            }
        }
        flushTable()
        while output.first?.isEmpty == true { output.removeFirst() }
        while output.last?.isEmpty == true { output.removeLast() }
        return output.isEmpty ? "" : output.joined(separator: "\n") + "\n"
    }

    /// The cells of a `| a | b |` row, trimmed.
    private static func cells(of row: String) -> [String] {
        var parts = row.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: " \t")
        }
        if parts.first?.isEmpty == true { parts.removeFirst() }
        if parts.last?.isEmpty == true { parts.removeLast() }
        return parts
    }
}

extension ScenarioFile {
    /// Whether two parses say the same: the same playbook, tests and lines (ranges aside).
    /// `fmt` checks its own output with it before writing a test file.
    public static func sameMeaning(_ first: ScenarioFile, _ second: ScenarioFile) -> Bool {
        first.playbook?.value == second.playbook?.value && first.scenarios.count == second.scenarios.count
            && zip(first.scenarios, second.scenarios).allSatisfy { one, other in
                let nowhere = SourceRange(at: SourceLocation(line: 0, column: 0, offset: 0))
                return one.name.value == other.name.value
                    && one.lines.map { $0.kind.relocated(to: nowhere) }
                        == other.lines.map { $0.kind.relocated(to: nowhere) }
            }
    }
}
