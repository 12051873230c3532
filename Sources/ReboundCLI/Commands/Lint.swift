import ArgumentParser
import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundText
import Synchronization

/// `rebound lint`: check replies for excuses, blame, hollow apologies and policy quibbling.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check replies for excuses, blame, repeated or hollow apologies and policy talk.",
        discussion: """
            Each FILE is one reply; with no FILE the reply is read from standard input. With \
            --input jsonl, standard input holds one {"id": …, "text": …} object per line and \
            --format json prints exactly one {"id": …, "findings": […]} line for each, in order, \
            as soon as the line has arrived (replies are checked on every core). \
            With --fix, the reply is printed with every mechanical fix applied (dropping an \
            excuse clause or a second apology, "we" for a blamed party); what still needs the \
            agent's judgement is reported on standard error (text) or under "findings" (json). \
            Exit status: 0 no errors or warnings, 1 findings (after fixing, with --fix), 2 usage \
            or input error.
            """)

    @Argument(help: "Files holding one reply each (default: standard input).", completion: .file())
    var files: [String] = []

    @Option(help: "Output format: text or json.")
    var format: LintFormat = .text

    @Option(help: "Input: text (a whole reply) or jsonl (one {\"id\", \"text\"} object per line).")
    var input: LintInput = .text

    @Option(help: "Apply the draft checks of a playbook step (with --step).", completion: .playbookFiles)
    var playbook: String?

    @Option(help: "The step of --playbook whose draft checks apply.", completion: .draftSteps)
    var step: String?

    @Option(help: "Rule codes or categories not to report, comma-separated.", completion: .ruleCodeAndCategoryList)
    var disable: [String] = []

    @Option(help: "Report only these categories, comma-separated.", completion: .findingCategoryList)
    var only: [String] = []

    @Option(
        help: "A team's phrase file to add to the built-in rules (repeatable).",
        completion: .file(extensions: ["phrases"]))
    var rules: [String] = []

    @Option(
        help: "What replies must contain: timeframe, next-step, name (comma-separated).",
        completion: .list(["timeframe", "next-step", "name"]))
    var expect: [String] = []

    @Option(help: "A captured value, KEY=VALUE, for 'name' and 'mention' checks (repeatable).")
    var value: [String] = []

    @Option(help: "Checker layers for the five core categories: phrase, model or both.")
    var layer: CheckOptions.Layers = .both

    @Flag(help: "Print the reply with every mechanical fix applied; report what is left.")
    var fix = false

    @OptionGroup var color: ColorOptions

    func run() throws {
        let setup = try LintSetup(
            playbook: playbook, step: step, disable: disable, only: only, rules: rules, expect: expect,
            values: value, layers: layer)
        let environment = ProcessInfo.processInfo.environment
        let style = color.style(for: STDOUT_FILENO, environment: environment)
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        let status: Int32
        let run = LintRun(setup: setup, format: format, style: style, fixing: fix)
        switch input {
        case .jsonl:
            guard files.isEmpty else { throw ValidationError("--input jsonl reads standard input; give no files") }
            var reader = LineReader(descriptor: STDIN_FILENO)
            status = try run.streamJSONLines(from: &reader, to: &output)
        case .text:
            if fix, files.count > 1 {
                throw ValidationError("--fix prints one reply; give one file, or several replies with --input jsonl")
            }
            let sources =
                try files.isEmpty
                ? [("<stdin>", FileSystem.read(descriptor: STDIN_FILENO, name: "standard input"))]
                : files.map { file throws(InputError) in (file, try FileSystem.read(file)) }
            // One reply is checked at a time.
            if let largest = sources.max(by: { $0.1.count < $1.1.count }) {
                try MemoryBudget.check(
                    inputBytes: largest.1.count, bytesPerInputByte: LintRun.memoryPerReplyByte,
                    what: "the reply in \(largest.0)")
            }
            status = fix ? run.fix(sources[0], to: &output) : run.lint(sources, to: &output)
        }
        output.flush()
        if status != 0 { throw ExitCode(status) }
    }
}

enum LintFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension CheckOptions.Layers: ExpressibleByArgument {}

enum LintInput: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
}

/// The checker and options that lint's arguments describe, built once.
struct LintSetup {
    let checker: ReplyChecker
    let options: CheckOptions

    init(
        playbook: String? = nil, step: String? = nil, disable: [String] = [], only: [String] = [],
        rules: [String] = [], expect: [String] = [], values: [String] = [], layers: CheckOptions.Layers = .both
    ) throws {
        // Without a team's phrase files the standard phrases come precompiled; with them,
        // everything is compiled together here.
        var checker = ReplyChecker()
        if !rules.isEmpty {
            var book = ReplyChecker.standardBook
            for file in rules {
                let text = String(decoding: try FileSystem.read(file), as: UTF8.self)
                let (team, diagnostics) = PhraseBook.parse(text, name: file)
                if let first = diagnostics.first { throw InputError.phraseFile(file, first) }
                book = book.merged(with: team)
            }
            checker = ReplyChecker(book: book)
        } else if let problem = ReplyChecker.precompiledPhrasesProblem {
            writeStandardError("rebound: warning: \(problem)\n")
        }
        var options = CheckOptions()
        var captured: [String: String] = [:]
        for pair in values {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw InputError("--value takes KEY=VALUE, not '\(pair)'")
            }
            captured[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        switch (playbook, step) {
        case (let path?, let stepID?):
            let draft = try Self.draft(in: path, step: stepID)
            options = CheckOptions(draft: draft, values: captured)
            checker = checker.adding(avoids: draft.avoids)
        case (nil, nil):
            options.values = captured
        default:
            throw InputError("--playbook and --step go together")
        }
        for word in Self.list(expect) {
            switch word {
            case "timeframe": options.expectations.append(.timeframe)
            case "next-step": options.expectations.append(.nextStep)
            case "name": options.expectations.append(.name)
            default:
                let suggestion = Suggestion.nearest(to: word, in: ["timeframe", "next-step", "name"])
                throw InputError(
                    "unknown expectation '\(word)' for --expect; use timeframe, next-step or name"
                        + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
            }
        }
        let codes = ReplyChecker.descriptors.map(\.code)
        let categories = FindingCategory.allCases.map(\.rawValue)
        for rule in Self.list(disable) where !codes.contains(rule) && !categories.contains(rule) {
            let suggestion = Suggestion.nearest(to: rule, in: codes + categories)
            throw InputError(
                "unknown rule '\(rule)' for --disable; see 'rebound rules'"
                    + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        options.silenced.formUnion(Self.list(disable))
        if !only.isEmpty {
            options.onlyCategories = try Set(
                Self.list(only).map { name in
                    guard let category = FindingCategory(rawValue: name) else {
                        let suggestion = Suggestion.nearest(to: name, in: categories)
                        throw InputError(
                            "unknown category '\(name)' for --only; categories are \(categories.joined(separator: ", "))"
                                + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
                    }
                    return category
                })
        }
        options.layers = layers
        self.checker = checker
        self.options = options
    }

    /// "a,b" "c" → ["a", "b", "c"].
    static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }

    static func draft(in path: String, step stepID: String) throws -> Draft {
        let (playbook, diagnostics) = Playbook.check(try FileSystem.read(path))
        if diagnostics.hasErrors {
            throw InputError("'\(path)' has errors; run 'rebound check \(path)' to see them")
        }
        guard let step = playbook.step(stepID) else {
            let suggestion = Suggestion.nearest(to: stepID, in: playbook.steps.map(\.id.value))
            throw InputError(
                "'\(path)' has no step '\(stepID)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
        }
        for case .draft(let draft) in step.items { return draft }
        throw InputError("step '\(stepID)' of '\(path)' has no draft to check replies against")
    }
}

/// One lint run over replies, separate from argument parsing so tests can drive it.
struct LintRun {
    let setup: LintSetup
    let format: LintFormat
    let style: Style
    /// `--fix`: print replies with their fixes applied, and what is left.
    var fixing = false

    /// Memory a reply full of findings needs, per byte of it (docs/performance.md): what
    /// `MemoryBudget` holds a reply to before any work.
    static let memoryPerReplyByte = 40

    /// A reply with every fix of its findings applied, and the findings of the result.
    func fixed(_ bytes: [UInt8]) -> (bytes: [UInt8], applied: Int, findings: [Finding]) {
        let findings = setup.checker.check(bytes, options: setup.options)
        let (fixed, applied) = findings.compactMap(\.fix).applied(to: bytes)
        return (fixed, applied, applied == 0 ? findings : setup.checker.check(fixed, options: setup.options))
    }

    /// `--fix` on one whole reply: the fixed reply on standard output; what is left on
    /// standard error (text), or both in one object (json). Returns the exit status.
    func fix(_ source: (name: String, bytes: [UInt8]), to output: inout ByteOutput) -> Int32 {
        reportInvalidUTF8(source.bytes, name: source.name)
        let result = fixed(source.bytes)
        switch format {
        case .text:
            output.write(result.bytes)
            let renderer = SourceRenderer(style: style)
            let left = result.findings.map { renderer.render($0, path: source.name, source: result.bytes) + "\n" }
            let fixes = result.applied == 1 ? "1 fix" : "\(result.applied) fixes"
            writeStandardError(left.joined() + "rebound: \(fixes) applied, \(result.findings.count) left\n")
        case .json:
            var json = JSONWriter()
            json.beginObject()
            Self.writeFixed(result, to: &json)
            json.endObject()
            json.raw("\n")
            output.write(json.bytes)
        }
        return result.findings.contains { $0.severity != .advice } ? 1 : 0
    }

    /// `"text"`, `"applied"` and `"findings"` (what is left) of a fixed reply, as members.
    static func writeFixed(_ result: (bytes: [UInt8], applied: Int, findings: [Finding]), to json: inout JSONWriter) {
        json.field("text", String(decoding: result.bytes, as: UTF8.self))
        json.field("applied", result.applied)
        write(result.findings, to: &json)
    }

    /// Checks whole replies; returns the exit status.
    func lint(_ sources: [(name: String, bytes: [UInt8])], to output: inout ByteOutput) -> Int32 {
        var failing = false
        var json = JSONWriter()
        if format == .json {
            json.beginObject()
            json.key("findings")
            json.raw("[")
        }
        var first = true
        let renderer = SourceRenderer(style: style)
        for (name, bytes) in sources {
            reportInvalidUTF8(bytes, name: name)
            let findings = setup.checker.check(bytes, options: setup.options)
            failing = failing || findings.contains { $0.severity != .advice }
            for finding in findings {
                switch format {
                case .text:
                    output.write(renderer.render(finding, path: name, source: bytes) + "\n")
                case .json:
                    if !first { json.raw(",") }
                    first = false
                    Self.write(finding, file: name, to: &json)
                    // Streamed: a reply with a million findings never holds its JSON whole.
                    output.write(json.bytes)
                    json.clear()
                }
            }
        }
        if format == .json {
            json.raw("]")
            json.endObject()
            json.raw("\n")
            output.write(json.bytes)
        }
        return failing ? 1 : 0
    }

    /// Checks one `{"id", "text"}` object per input line; exactly one output line each (in
    /// JSON). The lines already read are checked together on every core and written in
    /// their order before more is read; a line that arrives alone is answered at once, so a
    /// program talking to `lint` a line at a time never waits for a batch to fill.
    func streamJSONLines(from reader: inout LineReader, to output: inout ByteOutput) throws(InputError) -> Int32 {
        var summary = StreamSummary()
        var batch: [ArraySlice<UInt8>] = []
        while let first = try reader.next() {
            batch.append(first)
            var bytes = first.count
            while bytes < Self.batchBytes, let line = reader.nextBuffered() {
                batch.append(line)
                bytes += line.count
            }
            for outcome in outcomes(of: batch, firstNumber: summary.lines + 1) {
                summary.lines += 1
                summary.failing = summary.failing || outcome.failing
                summary.malformed = summary.malformed || outcome.malformed
                if outcome.invalidUTF8, !summary.reportedUTF8 {
                    summary.reportedUTF8 = true
                    writeStandardError(
                        "rebound: line \(summary.lines): invalid UTF-8 replaced with U+FFFD (reported once)\n")
                }
                output.write(outcome.bytes)
            }
            // The reader's buffer is shared with these lines until they are let go.
            batch.removeAll(keepingCapacity: true)
            // Before the next read, which may wait for a writer that waits for these answers.
            output.flush()
        }
        return summary.malformed ? 2 : summary.failing ? 1 : 0
    }

    /// The input a batch holds at most, beyond its last line: a line of a megabyte or more
    /// is checked after the batch it ends, so at most one such line is in memory.
    static let batchBytes = 1 << 20

    /// What a stream of lines has come to so far.
    private struct StreamSummary {
        var lines = 0
        var failing = false
        var malformed = false
        var reportedUTF8 = false
    }

    /// What one input line gives: its output, and what it means for the exit status.
    struct LineOutcome: Sendable {
        var bytes: [UInt8]
        var failing = false
        var malformed = false
        var invalidUTF8 = false
    }

    /// The outcomes of a batch of lines, in their order, checked in contiguous runs on
    /// every core.
    func outcomes(of lines: [ArraySlice<UInt8>], firstNumber: Int) -> [LineOutcome] {
        let runs = min(lines.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard runs > 1 else {
            return lines.indices.map { outcome(of: lines[$0], number: firstNumber + $0) }
        }
        let results = Mutex<[Int: [LineOutcome]]>([:])
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let range = (lines.count * run / runs)..<(lines.count * (run + 1) / runs)
            let checked = range.map { outcome(of: lines[$0], number: firstNumber + $0) }
            results.withLock { $0[run] = checked }
        }
        return results.withLock { results in (0..<runs).flatMap { results[$0] ?? [] } }
    }

    /// One output line: a JSON object with `"id"` first, then what `members` writes.
    static func line(id: JSON.Value, _ members: (inout JSONWriter) -> Void) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.field("id", id)
        members(&json)
        json.endObject()
        json.raw("\n")
        return json.bytes
    }

    /// One input line checked, and written as `lint`'s output for it.
    func outcome(of line: ArraySlice<UInt8>, number: Int) -> LineOutcome {
        let request: (id: JSON.Value, text: String)
        switch Self.request(in: line, number: number) {
        case .success(let parsed): request = parsed
        case .failure(let problem):
            return LineOutcome(bytes: Self.line(id: problem.id) { $0.field("error", problem.message) }, malformed: true)
        }
        let invalidUTF8 = UTF8Check.firstInvalidOffset(in: line, line.startIndex, line.endIndex) != nil
        if fixing {
            let result = fixed(Array(request.text.utf8))
            return LineOutcome(
                bytes: Self.line(id: request.id) { Self.writeFixed(result, to: &$0) },
                failing: result.findings.contains { $0.severity != .advice }, invalidUTF8: invalidUTF8)
        }
        let findings = setup.checker.check(request.text, options: setup.options)
        let failing = findings.contains { $0.severity != .advice }
        switch format {
        case .json:
            return LineOutcome(
                bytes: Self.line(id: request.id) { Self.write(findings, to: &$0) }, failing: failing,
                invalidUTF8: invalidUTF8)
        case .text:
            let name = Self.display(request.id, line: number)
            let renderer = SourceRenderer(style: style)
            let source = Array(request.text.utf8)
            var bytes: [UInt8] = []
            for finding in findings {
                bytes += TerminalText.sanitized(renderer.render(finding, path: name, source: source) + "\n").utf8
            }
            return LineOutcome(bytes: bytes, failing: failing, invalidUTF8: invalidUTF8)
        }
    }

    struct LineProblem: Error {
        let id: JSON.Value
        let message: String
    }

    static func request(in line: ArraySlice<UInt8>, number: Int) -> Result<(id: JSON.Value, text: String), LineProblem>
    {
        let value: JSON.Value
        do {
            value = try JSON.parse(line)
        } catch {
            return .failure(
                LineProblem(
                    id: .null, message: "line \(number): invalid JSON at column \(error.column): \(error.message)"))
        }
        guard case .object = value else {
            return .failure(LineProblem(id: .null, message: "line \(number): expected a JSON object"))
        }
        let id = value["id"] ?? .null
        switch id {
        case .string, .number, .null: break
        default:
            return .failure(LineProblem(id: .null, message: "line \(number): \"id\" must be a string or a number"))
        }
        guard let textValue = value["text"] else {
            return .failure(LineProblem(id: id, message: "line \(number): missing \"text\""))
        }
        guard case .string(let text) = textValue else {
            return .failure(LineProblem(id: id, message: "line \(number): \"text\" must be a string"))
        }
        if line.count > 1 << 20 {
            do {
                try MemoryBudget.check(
                    inputBytes: line.count, bytesPerInputByte: LintRun.memoryPerReplyByte,
                    what: "the reply on line \(number)")
            } catch {
                return .failure(LineProblem(id: id, message: error.description))
            }
        }
        return .success((id, text))
    }

    static func display(_ id: JSON.Value, line: Int) -> String {
        switch id {
        case .string(let text): text.replacingControlCharacters()
        case .number(let text): text
        default: "line \(line)"
        }
    }

    /// `"findings": [...]` as a member of the object being written.
    static func write(_ findings: [Finding], to json: inout JSONWriter) {
        json.key("findings")
        findings.write(to: &json)
    }

    /// A finding as the lint contract has it (`Finding.JSONKey`), after the file it is in.
    static func write(_ finding: Finding, file: String?, to json: inout JSONWriter) {
        json.beginObject()
        if let file { json.field("file", file) }
        finding.writeMembers(to: &json)
        json.endObject()
    }

    /// Invalid UTF-8 is read as U+FFFD; say so once per input, with where it starts.
    func reportInvalidUTF8(_ bytes: [UInt8], name: String) {
        guard let offset = UTF8Check.firstInvalidOffset(in: bytes, 0, bytes.count) else { return }
        let before = bytes[..<offset]
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 } + 1
        writeStandardError("rebound: \(name):\(line):\(column): invalid UTF-8 replaced with U+FFFD\n")
    }
}

extension InputError {
    /// A phrase file's mistake: "team.phrases:4:1: unknown veto 'x'; … [RB304]".
    static func phraseFile(_ path: String, _ diagnostic: Diagnostic) -> InputError {
        let start = diagnostic.range.start
        return InputError("\(path):\(start.line):\(start.column): \(diagnostic.message) [\(diagnostic.code.rawValue)]")
    }
}
