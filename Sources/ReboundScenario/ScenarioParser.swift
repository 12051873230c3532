import ReboundChecker
import ReboundSession
import ReboundText

/// Parses playbook test files, reporting every problem with a code and a location.
public struct ScenarioParser {
    static let commands = [
        "playbook", "test", "answer", "choose", "confirm", "skip", "draft", "send", "check", "accept", "back",
        "customer", "expect",
    ]
    static let expectations = [
        "step", "outcome", "value", "prompt", "rejected", "finding", "no", "follow-up", "red-carpet", "cause",
    ]

    public static func parse(_ bytes: [UInt8]) -> (file: ScenarioFile, diagnostics: [Diagnostic]) {
        var parser = ScenarioParser(bytes: bytes)
        parser.parseLines()
        return (parser.file, parser.diagnostics)
    }

    private let bytes: [UInt8]
    private var file = ScenarioFile()
    private var diagnostics: [Diagnostic] = []
    private var scanner: LineScanner

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        scanner = LineScanner(bytes: bytes, line: 1, start: 0, end: 0)
    }

    private mutating func parseLines() {
        LineScanner.forEachLine(of: bytes) { line in
            scanner = line
            parseLine()
        }
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
            guard let name = quoted("the test's name", after: "'test'") else { return }
            file.scenarios.append(Scenario(name: name))
        default:
            guard Self.commands.contains(keyword.value) else {
                report(
                    .unknownTestCommand, keyword.range, "unknown test command '\(keyword.value)'",
                    fix: Suggestion.nearest(to: keyword.value, in: Self.commands).map { "did you mean '\($0)'?" })
                return
            }
            guard !file.scenarios.isEmpty else {
                report(
                    .misplacedTestLine, keyword.range, "'\(keyword.value)' must be inside a test",
                    fix: "add a 'test \"Name\"' line above it")
                return
            }
            guard let kind = command(keyword) else { return }
            file.scenarios[file.scenarios.count - 1].lines.append(ScenarioLine(kind: kind, range: lineRange))
        }
        let (start, end) = scanner.rest()
        if start < end {
            report(.malformedTestLine, scanner.range(start, end), "unexpected text '\(scanner.text(start, end))'")
        }
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

    private mutating func report(_ code: DiagnosticCode, _ range: SourceRange, _ message: String, fix: String? = nil) {
        diagnostics.append(Diagnostic(code, at: range, message, fix: fix))
    }
}
