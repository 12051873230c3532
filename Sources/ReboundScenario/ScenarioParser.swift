import ReboundChecker
import ReboundSession
import ReboundText

/// Parses playbook test files, reporting every problem with a code and a location.
public struct ScenarioParser {
    /// The words a test line can start with, and what `expect` can check (for
    /// "did you mean" and an editor's completion).
    public static let commands = [
        "playbook", "test", "answer", "choose", "confirm", "skip", "draft", "send", "check", "accept", "back",
        "customer", "expect", "examples",
    ]
    public static let expectations = [
        "step", "outcome", "value", "prompt", "rejected", "finding", "no", "follow-up", "red-carpet", "cause",
    ]

    public static func parse(_ bytes: [UInt8]) -> (file: ScenarioFile, diagnostics: [Diagnostic]) {
        var parser = ScenarioParser(bytes: bytes)
        parser.parseLines()
        return (parser.file, parser.diagnostics.sortedBySource())
    }

    private let bytes: [UInt8]
    private var file = ScenarioFile()
    private var diagnostics: [Diagnostic] = []
    private var scanner: LineScanner
    /// The action and expectation lines of the test being read, read when the test ends:
    /// an `examples` table under them makes the test an outline, read once per row.
    private var pendingLines: [LineScanner] = []
    private var table: ExamplesTable?

    /// `examples` and its `| a | b |` rows: the header names the `<placeholders>`.
    private struct ExamplesTable {
        let keyword: SourceRange
        var columns: [Located<String>] = []
        var rows: [(range: SourceRange, cells: [String])] = []
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        scanner = LineScanner(bytes: bytes, line: 1, start: 0, end: 0)
    }

    private mutating func parseLines() {
        LineScanner.forEachLine(of: bytes) { line in
            scanner = line
            parseLine()
        }
        finishTest()
        if file.playbook == nil {
            report(
                .misplacedTestLine, SourceRange(at: SourceLocation(line: 1, column: 1, offset: 0)),
                "the test file has no 'playbook ID' line", fix: "add 'playbook ID' at the top")
        }
    }

    private mutating func parseLine() {
        if let bad = UTF8Check.firstInvalidOffset(in: bytes, scanner.lineStart, scanner.lineEnd) {
            report(.malformedTestLine, scanner.range(bad, bad + 1), "invalid UTF-8; the file must be saved as UTF-8")
            return
        }
        scanner.skipBlanks()
        guard let first = scanner.peek, first != UInt8(ascii: "#") else { return }
        if first == UInt8(ascii: "|") {
            parseTableRow()
            return
        }
        let lineRange = scanner.lineRange()
        guard let keyword = scanner.word() else {
            report(.unknownTestCommand, lineRange, "expected a command at the start of the line")
            return
        }
        switch keyword.value {
        case "playbook":
            guard file.playbook == nil else {
                report(.misplacedTestLine, lineRange, "a test file tests one playbook; it is already named above")
                return
            }
            guard let id = scanner.word() else {
                report(.malformedTestLine, scanner.here(), "expected the playbook's id after 'playbook'")
                return
            }
            file.playbook = id
        case "test":
            finishTest()
            guard let name = quoted("the test's name", after: "'test'") else { return }
            file.scenarios.append(Scenario(name: name))
        case "examples":
            guard !file.scenarios.isEmpty, table == nil else {
                report(
                    .misplacedTestLine, keyword.range,
                    table == nil ? "'examples' must follow a test's lines" : "this test already has an examples table",
                    fix: table == nil ? "add a 'test \"Name\"' line above it" : "put all the rows in one table")
                return
            }
            table = ExamplesTable(keyword: keyword.range)
        default:
            guard Self.commands.contains(keyword.value) else {
                let suggestion = Suggestion.nearest(to: keyword.value, in: Self.commands)
                report(
                    .unknownTestCommand, keyword.range, "unknown test command '\(keyword.value)'",
                    fix: suggestion.map { "did you mean '\($0)'?" },
                    edits: suggestion.map { [SourceEdit(keyword.range, $0)] } ?? [])
                return
            }
            guard !file.scenarios.isEmpty else {
                report(
                    .misplacedTestLine, keyword.range, "'\(keyword.value)' must be inside a test",
                    fix: "add a 'test \"Name\"' line above it")
                return
            }
            if table != nil {
                report(
                    .misplacedTestLine, keyword.range, "'\(keyword.value)' comes after the test's examples table",
                    fix: "move it above 'examples'")
                return
            }
            scanner.index = scanner.lineStart
            pendingLines.append(scanner)
            return
        }
        expectEndOfLine()
    }

    /// Reads an action or expectation line of a test, into the test's lines.
    private mutating func parseTestLine(into scenario: inout Scenario) {
        scanner.skipBlanks()
        let lineRange = scanner.lineRange()
        guard let keyword = scanner.word() else { return }
        guard let kind = command(keyword) else { return }
        scenario.lines.append(ScenarioLine(kind: kind, range: lineRange))
        expectEndOfLine()
    }

    private mutating func expectEndOfLine() {
        let (start, end) = scanner.rest()
        if start < end {
            report(.malformedTestLine, scanner.range(start, end), "unexpected text '\(scanner.text(start, end))'")
        }
    }

    /// A `| a | b |` row of an examples table: the header, then one row per run.
    private mutating func parseTableRow() {
        let lineRange = scanner.lineRange()
        guard var table else {
            report(
                .misplacedTestLine, lineRange, "a '|' row belongs under an 'examples' line",
                fix: "add 'examples' above the table")
            return
        }
        var cells: [(text: String, range: SourceRange)] = []
        var start = scanner.index + 1
        var index = start
        while index <= scanner.lineEnd {
            if index == scanner.lineEnd || bytes[index] == UInt8(ascii: "|") {
                var low = start
                var high = index
                while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
                while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
                if index < scanner.lineEnd || low < high {
                    cells.append((scanner.text(low, high), scanner.range(low, high)))
                }
                start = index + 1
            }
            index += 1
        }
        if table.columns.isEmpty {
            for cell in cells {
                guard isIdentifier(cell.text) else {
                    report(
                        .malformedTestLine, cell.range,
                        "'\(cell.text)' is not a column name; names use letters, digits, '-' and '_'")
                    continue
                }
                if table.columns.contains(where: { $0.value == cell.text }) {
                    report(.malformedTestLine, cell.range, "the column '\(cell.text)' is named twice")
                    continue
                }
                table.columns.append(Located(cell.text, cell.range))
            }
        } else if cells.count != table.columns.count {
            report(
                .malformedTestLine, lineRange,
                "this row has \(cells.count) cells, the header \(table.columns.count)",
                fix: "give every row one cell per column")
        } else {
            table.rows.append((lineRange, cells.map(\.text)))
        }
        self.table = table
    }

    /// Reads the lines of the test that just ended: once, or once per row of its examples
    /// table, with each `<column>` replaced by the row's cell.
    private mutating func finishTest() {
        let current = scanner
        defer {
            pendingLines = []
            table = nil
            scanner = current
        }
        guard !file.scenarios.isEmpty else { return }
        var template = file.scenarios.removeLast()
        guard let table else {
            for line in pendingLines {
                scanner = line
                parseTestLine(into: &template)
            }
            file.scenarios.append(template)
            return
        }
        if table.rows.isEmpty {
            report(
                .malformedTestLine, table.keyword, "the examples table has no rows",
                fix: "add a header row '| column |' and a row per run")
        }
        var reported: Set<String> = []
        for (number, row) in table.rows.enumerated() {
            let values = Dictionary(
                zip(table.columns.map(\.value), row.cells), uniquingKeysWith: { first, _ in first })
            let substitutedName = Self.substitute(template.name.value, values).text
            let name =
                substitutedName == template.name.value
                ? "\(template.name.value) (\(row.cells.joined(separator: ", ")))" : substitutedName
            var scenario = Scenario(name: Located(name, template.name.range))
            for var line in pendingLines {
                let range = line.lineRange()
                let (text, unknown) = Self.substitute(line.text(line.lineStart, line.lineEnd), values)
                for placeholder in unknown where reported.insert("\(range.start.line)<\(placeholder)>").inserted {
                    report(
                        .malformedTestLine, range, "no column '\(placeholder)' in the examples table",
                        fix: Suggestion.nearest(to: placeholder, in: table.columns.map(\.value)).map {
                            "did you mean '<\($0)>'?"
                        })
                }
                let substituted = Array(text.utf8)
                var parser = ScenarioParser(bytes: substituted)
                parser.scanner = LineScanner(
                    bytes: substituted, line: range.start.line, start: 0, end: substituted.count)
                var one = Scenario(name: template.name)
                parser.parseTestLine(into: &one)
                for diagnostic in parser.diagnostics
                where reported.insert("\(range.start.line)\(diagnostic.message)").inserted {
                    report(
                        diagnostic.code, range, "in example row \(number + 1): \(diagnostic.message)",
                        fix: diagnostic.fixIt)
                }
                scenario.lines += one.lines.map { ScenarioLine(kind: $0.kind.relocated(to: range), range: range) }
            }
            file.scenarios.append(scenario)
        }
    }

    /// The text with each `<name>` that names a column replaced by its value, and the
    /// names in `<…>` that name none.
    static func substitute(_ text: String, _ values: [String: String]) -> (text: String, unknown: [String]) {
        var result = ""
        var unknown: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: ">"), close > after.startIndex, isIdentifier(String(after[..<close])) {
                let name = String(after[..<close])
                if let value = values[name] {
                    result += value
                } else {
                    unknown.append(name)
                    result += "<\(name)>"
                }
                rest = after[after.index(after: close)...]
            } else {
                result += "<"
                rest = after
            }
        }
        return (result + rest, unknown)
    }

    private mutating func command(_ keyword: Located<String>) -> ScenarioLine.Kind? {
        switch keyword.value {
        case "answer":
            if scanner.atQuote() { return quoted("the answer", after: "'answer'").map { .input(.answer($0.value)) } }
            let (start, end) = scanner.rest()
            return .input(.answer(scanner.text(start, end)))
        case "choose":
            return word("an option id, number or prefix", after: "'choose'").map { .choose($0) }
        case "confirm": return .confirm
        case "skip": return quoted("the reason", after: "'skip'").map { .input(.skip(reason: $0.value)) }
        case "draft": return quoted("the draft", after: "'draft'").map { .input(.draft($0.value)) }
        case "send": return .input(.send)
        case "check": return .input(.check)
        case "back": return .input(.back)
        case "customer":
            return quoted("the customer's message", after: "'customer'").map { .input(.customerMessage($0.value)) }
        case "accept":
            guard let rule = word("a rule code", after: "'accept'"),
                let reason = quoted("the reason", after: "the rule")
            else { return nil }
            return .input(.accept(rule: rule.value, reason: reason.value))
        default:
            return expectation()
        }
    }

    private mutating func expectation() -> ScenarioLine.Kind? {
        guard let what = scanner.word() else {
            report(
                .malformedTestLine, scanner.here(),
                "expected what to check after 'expect': \(Self.expectations.joined(separator: ", "))")
            return nil
        }
        switch what.value {
        case "step": return word("a step id", after: "'expect step'").map { .expectStep($0) }
        case "outcome": return word("an outcome", after: "'expect outcome'").map { .expectOutcome($0) }
        case "value":
            guard let id = word("a value id", after: "'expect value'"),
                let text = quoted("the expected value", after: "the value id")
            else { return nil }
            return .expectValue(id: id, text: text.value)
        case "prompt": return quoted("the prompt's text", after: "'expect prompt'").map { .expectPrompt($0.value) }
        case "rejected": return .expectRejected
        case "follow-up":
            return quoted("the follow-up's text", after: "'expect follow-up'").map {
                .expectRecorded(.followUp, $0.value)
            }
        case "red-carpet":
            return quoted("the gesture", after: "'expect red-carpet'").map { .expectRecorded(.redCarpet, $0.value) }
        case "cause":
            return quoted("the cause", after: "'expect cause'").map { .expectRecorded(.cause, $0.value) }
        case "finding":
            guard let rule = word("a category or rule code", after: "'expect finding'") else { return nil }
            guard scanner.consumeWord("at") else { return .expectFinding(rule, at: nil) }
            let word = scanner.word()
            guard let position = word, let colon = position.value.firstIndex(of: ":"),
                let line = Int(position.value[..<colon]),
                let column = Int(position.value[position.value.index(after: colon)...])
            else {
                report(
                    .malformedTestLine, word?.range ?? scanner.here(),
                    "expected LINE:COLUMN after 'at', such as 1:11" + (word.map { ", found '\($0.value)'" } ?? ""))
                return nil
            }
            return .expectFinding(rule, at: (line, column))
        case "no":
            if scanner.consumeWord("findings") { return .expectNoFindings }
            guard scanner.consumeWord("finding") else {
                report(.malformedTestLine, scanner.here(), "expected 'no finding RULE' or 'no findings'")
                return nil
            }
            return word("a category or rule code", after: "'expect no finding'").map { .expectNoFinding($0) }
        default:
            report(
                .unknownTestCommand, what.range, "unknown expectation '\(what.value)'",
                fix: Suggestion.nearest(to: what.value, in: Self.expectations).map { "did you mean '\($0)'?" })
            return nil
        }
    }

    private mutating func word(_ what: String, after previous: String) -> Located<String>? {
        guard let word = scanner.word() else {
            report(.malformedTestLine, scanner.here(), "expected \(what) after \(previous)")
            return nil
        }
        return word
    }

    /// A string in double quotes; `\"`, `\\` and `\n` (a line break) are escapes.
    private mutating func quoted(_ what: String, after previous: String) -> Located<String>? {
        scanner.skipBlanks()
        guard scanner.peek == UInt8(ascii: "\"") else {
            report(.malformedTestLine, scanner.here(), "expected \(what) in double quotes after \(previous)")
            return nil
        }
        let open = scanner.index
        var index = open + 1
        var text: [UInt8] = []
        while index < scanner.lineEnd, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < scanner.lineEnd {
                let next = bytes[index + 1]
                text.append(next == UInt8(ascii: "n") ? UInt8(ascii: "\n") : next)
                index += 2
            } else {
                text.append(bytes[index])
                index += 1
            }
        }
        guard index < scanner.lineEnd else {
            report(.malformedTestLine, scanner.range(open, open + 1), "\(what) has no closing '\"'")
            scanner.index = scanner.lineEnd
            return nil
        }
        scanner.index = index + 1
        return Located(String(decoding: text, as: UTF8.self), scanner.range(open, index + 1))
    }

    private mutating func report(
        _ code: DiagnosticCode, _ range: SourceRange, _ message: String, fix: String? = nil, edits: [SourceEdit] = []
    ) {
        diagnostics.append(Diagnostic(code, at: range, message, fix: fix, edits: edits))
    }
}
