import ArgumentParser
import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundScenario
import ReboundText
import ReboundTranscript

/// `rebound test`: run playbook tests through the real session engine and checker.
struct TestPlaybooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run playbook tests (*.test files) and report coverage.",
        discussion: """
            Each .test file names a playbook and scripts sessions with expectations (see \
            docs/playbook-testing.md). Exit status: 0 all pass, 1 a test fails or coverage is \
            below --min-coverage, 2 usage error or a test file with errors.
            """)

    @Argument(
        help: "Test files or directories (default: the playbooks directory).", completion: .file(extensions: ["test"]))
    var paths: [String] = []

    @Option(help: "Output format: text, json or junit.")
    var format: TestFormat = .text

    @Flag(help: "Show which steps, options, drafts and outcomes the tests reached.")
    var coverage = false

    @Option(help: "Fail when a playbook's coverage is below this percentage.")
    var minCoverage: Double?

    @Option(
        help: "Print a test file that replays this recorded session, instead of running tests.",
        completion: .file(extensions: ["jsonl"]))
    var record: String?

    @Option(help: "Instead of running tests, take N random walks through each playbook and report problems.")
    var explore: Int?

    @Option(help: "The seed for --explore, to repeat a run exactly.")
    var seed: UInt64 = 1

    @OptionGroup var color: ColorOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        if let record {
            let (header, events, problems) = TranscriptCoding.decode(try FileSystem.read(record))
            guard let header else { throw InputError("\(record) is not a readable transcript") }
            for problem in problems {
                writeStandardError("rebound: \(record): \(problem); skipped\n")
            }
            var output = ByteOutput(descriptor: STDOUT_FILENO)
            output.write(ScenarioFile.recording(header, events))
            output.flush()
            return
        }
        if let explore {
            try runExplore(walks: explore, environment: environment)
            return
        }
        let paths = try self.paths.isEmpty ? [PlaybookLibrary.locate(environment: environment).directory] : self.paths
        let files = try FileSystem.expand(paths, suffix: ".test")
        guard !files.isEmpty else {
            throw InputError("no .test files in \(paths.map { "'\($0)'" }.joined(separator: ", "))")
        }
        let style = color.style(for: STDOUT_FILENO, environment: environment)
        let renderer = SourceRenderer(style: style)
        let checker = SharedChecker()
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        var reports: [FileReport] = []
        var broken: [BrokenFile] = []
        for path in files {
            let source = try FileSystem.read(path)
            switch try Self.load(path, source: source, environment: environment) {
            case .failure(let list):
                broken.append(BrokenFile(path: path, diagnostics: list.diagnostics))
                for diagnostic in list.diagnostics {
                    writeStandardError(renderer.render(diagnostic, path: path, source: source) + "\n")
                }
            case .success(let (file, playbook, playbookPath)):
                let (results, coverage) = ScenarioRunner.run(file, playbook: playbook, checker: checker)
                reports.append(FileReport(path: path, playbook: playbookPath, results: results, coverage: coverage))
            }
        }
        // A playbook in the folders tested that no test file names has 0% coverage.
        let tested = Set(reports.map { ($0.playbook as NSString).standardizingPath })
        let untested =
            coverage || minCoverage != nil
            ? try FileSystem.expand(paths, suffix: PlaybookLibrary.fileSuffix).filter {
                !tested.contains(($0 as NSString).standardizingPath)
            } : []
        let failed = reports.contains { $0.results.contains { !$0.passed } }
        let belowMinimum =
            minCoverage.map { minimum in
                reports.contains { $0.coverage.percent < minimum } || (!untested.isEmpty && minimum > 0)
            } ?? false
        switch format {
        case .text: output.write(text(reports, untested: untested, style: style))
        case .json: output.write(json(reports, broken: broken, untested: untested))
        case .junit: output.write(junit(reports, broken: broken))
        }
        output.flush()
        if !broken.isEmpty { throw ExitCode(2) }
        if failed || belowMinimum { throw ExitCode(1) }
    }

    /// Random walks through every playbook under the paths.
    func runExplore(walks: Int, environment: [String: String]) throws {
        guard walks > 0 else { throw ValidationError("--explore needs a number of walks above 0") }
        let paths = try self.paths.isEmpty ? [PlaybookLibrary.locate(environment: environment).directory] : self.paths
        let files = try FileSystem.expand(paths, suffix: PlaybookLibrary.fileSuffix)
        let checker = SharedChecker()
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        var problems = 0
        for path in files {
            let (playbook, diagnostics) = Playbook.check(try FileSystem.read(path))
            if diagnostics.hasErrors {
                output.write("\(path): has errors; run 'rebound check \(path)'\n")
                problems += 1
                continue
            }
            let report = ExploreReport.explore(playbook, walks: walks, seed: seed, checker: checker)
            let reached = Outcome.allCases.compactMap { outcome in
                report.outcomes[outcome].map { "\(outcome.rawValue) \($0)" }
            }
            output.write(
                "\(path): \(count(walks, "walk")) (seed \(seed)); outcomes: \(reached.isEmpty ? "none" : reached.joined(separator: ", "))\n"
            )
            for problem in report.problems { output.write("  problem: \(problem)\n") }
            for note in report.notes { output.write("  note: \(note)\n") }
            problems += report.problems.count
        }
        output.write(problems == 0 ? "no problems found\n" : "\(count(problems, "problem")) found\n")
        output.flush()
        if problems > 0 { throw ExitCode(1) }
    }

    struct FileReport {
        let path: String
        let playbook: String
        let results: [ScenarioResult]
        let coverage: Coverage
    }

    /// A test file that could not be run, and why.
    struct BrokenFile {
        let path: String
        let diagnostics: [Diagnostic]
    }

    /// The test file, its playbook (looked up beside it, then in the playbooks directory), or diagnostics.
    static func load(
        _ path: String, source: [UInt8], environment: [String: String]
    ) throws -> Result<(ScenarioFile, Playbook, String), DiagnosticList> {
        // Every problem of the file at once: its own syntax, and what it names that the
        // playbook does not have.
        let (file, diagnostics) = ScenarioParser.parse(source)
        guard let id = file.playbook else { return .failure(DiagnosticList(diagnostics)) }
        var candidates = try FileSystem.expand(
            [(path as NSString).deletingLastPathComponent.nonEmpty ?? "."], suffix: ".playbook")
        if let library = try? PlaybookLibrary.locate(environment: environment) {
            candidates += try FileSystem.expand([library.directory], suffix: ".playbook")
        }
        var known: [String] = []
        for candidate in candidates {
            let (playbook, problems) = Playbook.check(try FileSystem.read(candidate))
            guard let playbookID = playbook.id?.value else { continue }
            known.append(playbookID)
            guard playbookID == id.value else { continue }
            if problems.hasErrors {
                throw InputError(
                    "\(path): its playbook '\(id.value)' (\(candidate)) has errors; run 'rebound check \(candidate)'")
            }
            let all = (diagnostics + ScenarioRunner.validate(file, against: playbook)).sortedBySource()
            if !all.isEmpty { return .failure(DiagnosticList(all)) }
            return .success((file, playbook, candidate))
        }
        let suggestion = Suggestion.nearest(to: id.value, in: known)
        let missing = Diagnostic(
            .unknownTestPlaybook, at: id.range,
            "no playbook '\(id.value)' beside the test or in the playbooks directory",
            fix: suggestion.map { "did you mean '\($0)'?" }, edits: suggestion.map { [SourceEdit(id.range, $0)] } ?? [])
        return .failure(DiagnosticList((diagnostics + [missing]).sortedBySource()))
    }

    func text(_ reports: [FileReport], untested: [String], style: Style) -> String {
        var lines: [String] = []
        for report in reports {
            for result in report.results {
                if let failure = result.failure {
                    lines.append(style.red("FAIL") + " \(report.path):\(result.line) \(result.name)")
                    lines.append("  \(report.path):\(failure.line): \(failure.message)")
                } else {
                    lines.append(style.green("PASS") + " \(report.path):\(result.line) \(result.name)")
                }
            }
            if coverage || minCoverage != nil {
                lines.append(coverageTable(report))
            }
        }
        for path in untested {
            lines.append("coverage of \(path): no test file names this playbook\n  total    0%")
        }
        let results = reports.flatMap(\.results)
        let passed = results.count { $0.passed }
        lines.append(
            "\(count(results.count, "test")) in \(count(reports.count, "file")): \(passed) passed, \(results.count - passed) failed"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    func coverageTable(_ report: FileReport) -> String {
        var lines = ["coverage of \(report.playbook):"]
        for kind in Coverage.Kind.allCases {
            let items = report.coverage.items.filter { $0.kind == kind }
            guard !items.isEmpty else { continue }
            let covered = items.count { $0.covered }
            let name = kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            lines.append(
                "  \(name)\(covered)/\(items.count)  \(Int((Double(covered) * 100 / Double(items.count)).rounded()))%")
        }
        lines.append(String(format: "  total    %.0f%%", report.coverage.percent))
        for item in report.coverage.items where !item.covered {
            lines.append("  not covered: \(report.playbook):\(item.line): \(item.description)")
        }
        return lines.joined(separator: "\n")
    }

    func json(_ reports: [FileReport], broken: [BrokenFile], untested: [String]) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("files")
        json.raw("[")
        for (index, file) in broken.enumerated() {
            if index > 0 { json.raw(",") }
            json.beginObject()
            json.field("file", file.path)
            json.key("errors")
            json.raw("[")
            for (position, diagnostic) in file.diagnostics.enumerated() {
                if position > 0 { json.raw(",") }
                json.beginObject()
                diagnostic.writeMembers(to: &json)
                json.endObject()
            }
            json.raw("]")
            json.endObject()
        }
        if !broken.isEmpty, !reports.isEmpty { json.raw(",") }
        for (index, report) in reports.enumerated() {
            if index > 0 { json.raw(",") }
            json.beginObject()
            json.field("file", report.path)
            json.field("playbook", report.playbook)
            json.key("tests")
            json.raw("[")
            for (position, result) in report.results.enumerated() {
                if position > 0 { json.raw(",") }
                json.beginObject()
                json.field("name", result.name)
                json.field("line", result.line)
                json.key("passed")
                json.raw(result.passed ? "true" : "false")
                json.key("failure")
                if let failure = result.failure {
                    json.value(
                        .object([("line", .number(String(failure.line))), ("message", .string(failure.message))]))
                } else {
                    json.raw("null")
                }
                json.endObject()
            }
            json.raw("]")
            json.key("coverage")
            json.value(
                .object([
                    ("percent", .number(String(format: "%.1f", report.coverage.percent))),
                    (
                        "uncovered",
                        .array(
                            report.coverage.items.filter { !$0.covered }.map {
                                .object([
                                    ("kind", .string($0.kind.rawValue)), ("line", .number(String($0.line))),
                                    ("item", .string($0.description)),
                                ])
                            })
                    ),
                ]))
            json.endObject()
        }
        json.raw("]")
        json.key("untested")
        json.raw("[")
        for (index, path) in untested.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(path)
        }
        json.raw("]")
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    func junit(_ reports: [FileReport], broken: [BrokenFile]) -> String {
        func escape(_ text: String) -> String { text.markupEscaped }
        let results = reports.flatMap(\.results)
        let errors = broken.reduce(0) { $0 + $1.diagnostics.count }
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"rebound\" tests=\"\(results.count + errors)\" failures=\"\(results.count { !$0.passed })\" errors=\"\(errors)\">",
        ]
        // A file that cannot be run is a suite of errors, one per problem, so CI shows it red.
        for file in broken {
            lines.append(
                "  <testsuite name=\"\(escape(file.path))\" tests=\"\(file.diagnostics.count)\" failures=\"0\" errors=\"\(file.diagnostics.count)\">"
            )
            for diagnostic in file.diagnostics {
                let location = "\(file.path):\(diagnostic.range.start)"
                lines.append(
                    "    <testcase name=\"\(escape("\(diagnostic.code.rawValue) at \(location)"))\" classname=\"\(escape(file.path))\">"
                )
                lines.append(
                    "      <error message=\"\(escape(diagnostic.message))\" type=\"\(diagnostic.code.rawValue)\">\(escape("\(location): \(diagnostic.message)"))</error>"
                )
                lines.append("    </testcase>")
            }
            lines.append("  </testsuite>")
        }
        for report in reports {
            let failures = report.results.count { !$0.passed }
            lines.append(
                "  <testsuite name=\"\(escape(report.path))\" tests=\"\(report.results.count)\" failures=\"\(failures)\">"
            )
            for result in report.results {
                let name = "name=\"\(escape(result.name))\" classname=\"\(escape(report.path))\""
                if let failure = result.failure {
                    lines.append("    <testcase \(name)>")
                    lines.append(
                        "      <failure message=\"\(escape(failure.message))\">\(escape("\(report.path):\(failure.line): \(failure.message)"))</failure>"
                    )
                    lines.append("    </testcase>")
                } else {
                    lines.append("    <testcase \(name)/>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }
}

enum TestFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, junit
}

/// Diagnostics as an error value, for `Result`.
struct DiagnosticList: Error {
    let diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
