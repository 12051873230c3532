import ArgumentParser
import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundScenario
import ReboundText

/// `rebound check`: report every problem in playbooks, compiler style or as JSON.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check playbooks for errors and warnings.",
        discussion: """
            Checks each file, or every *.playbook file under each directory (default: the \
            playbooks directory); '-' reads one playbook from standard input, and a .test file \
            named on its own is checked as a playbook test file. Exit status: 0 clean \
            (warnings allowed unless --strict), 1 problems found, 2 usage or input error.
            """)

    @Argument(help: "Playbook files or directories.", completion: .file(extensions: ["playbook"]))
    var paths: [String] = []

    @Option(help: "Output format: text or json.")
    var format: CheckFormat = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @OptionGroup var color: ColorOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let paths = try self.paths.isEmpty ? [PlaybookLibrary.locate(environment: environment).directory] : self.paths
        let style = color.style(for: STDOUT_FILENO, environment: environment)
        let result = try CheckRun(paths: paths, strict: strict).render(format: format, style: style)
        writeStandardOutput(result.output)
        if result.status != 0 { throw ExitCode(result.status) }
    }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// One run of `check` over files, separate from argument parsing so tests can drive it.
struct CheckRun {
    struct File {
        let path: String
        let source: [UInt8]
        let diagnostics: [Diagnostic]
    }

    let files: [File]
    let strict: Bool

    /// Reads and checks every playbook first, so an unreadable path fails before any output.
    /// `-` is standard input; a `.test` file is checked as a test file, not as a playbook.
    init(paths: [String], strict: Bool) throws(InputError) {
        var sources: [(path: String, bytes: [UInt8])] = []
        for path in paths {
            if path == "-" {
                sources.append(("<stdin>", try FileSystem.read(descriptor: STDIN_FILENO, name: "standard input")))
            } else if path.hasSuffix(".test"), !FileSystem.isDirectory(path) {
                sources.append((path, try FileSystem.read(path)))
            } else {
                sources += try FileSystem.expand([path], suffix: PlaybookLibrary.fileSuffix).map {
                    path throws(InputError) in (path, try FileSystem.read(path))
                }
            }
        }
        if sources.isEmpty {
            throw InputError(
                "no \(PlaybookLibrary.fileSuffix) files in \(paths.map { "'\($0)'" }.joined(separator: ", "))")
        }
        self.init(sources: sources, strict: strict)
    }

    /// Checks sources already in memory; `path` is only what the output calls each one.
    init(sources: [(path: String, bytes: [UInt8])], strict: Bool) {
        files = sources.map { source in
            let diagnostics =
                source.path.hasSuffix(".test")
                ? ScenarioParser.parse(source.bytes).diagnostics : Playbook.check(source.bytes).diagnostics
            return File(path: source.path, source: source.bytes, diagnostics: diagnostics)
        }
        self.strict = strict
    }

    var status: Int32 {
        let failing = files.contains { file in
            file.diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        }
        return failing ? 1 : 0
    }

    func render(format: CheckFormat, style: Style) -> (output: String, status: Int32) {
        switch format {
        case .text: (renderText(style: style), status)
        case .json: (renderJSON(), status)
        }
    }

    private func renderText(style: Style) -> String {
        let renderer = SourceRenderer(style: style)
        var output = ""
        for file in files {
            for diagnostic in file.diagnostics {
                output += renderer.render(diagnostic, path: file.path, source: file.source) + "\n\n"
            }
        }
        let errors = files.reduce(0) { $0 + $1.diagnostics.count { $0.severity == .error } }
        let warnings = files.reduce(0) { $0 + $1.diagnostics.count { $0.severity == .warning } }
        let tests = files.count { $0.path.hasSuffix(".test") }
        let checked =
            "checked "
            + [(files.count - tests, "playbook"), (tests, "test file")].filter { $0.0 > 0 }.map { count($0.0, $0.1) }
            .joined(separator: " and ")
        if errors + warnings == 0 {
            output += "\(checked): no problems\n"
        } else {
            let troubled = files.count { !$0.diagnostics.isEmpty }
            output +=
                "\(checked): \(count(errors, "error")) and \(count(warnings, "warning")) in \(count(troubled, tests == 0 ? "playbook" : "file"))\n"
        }
        return output
    }

    /// A JSON array with one diagnostic object per line: `file` first, then the
    /// diagnostic's own keys (`Diagnostic.JSONKey`).
    private func renderJSON() -> String {
        var json = JSONWriter()
        json.raw("[")
        var first = true
        for file in files {
            for diagnostic in file.diagnostics {
                json.raw(first ? "\n" : ",\n")
                first = false
                json.beginObject()
                json.field("file", file.path)
                diagnostic.writeMembers(to: &json)
                json.endObject()
            }
        }
        json.raw("\n]\n")
        return String(decoding: json.bytes, as: UTF8.self)
    }
}

/// "1 error", "2 errors".
func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
}
