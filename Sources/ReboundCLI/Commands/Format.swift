import ArgumentParser
import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundScenario
import ReboundText

/// `rebound fmt`: rewrite playbooks in the canonical layout.
struct Format: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Format playbooks and their tests in the canonical layout (or --check that they are).",
        discussion: """
            Indents by nesting, puts one space after keywords, normalises quoted text, keeps \
            comments and blank-line groups, and never changes what a playbook or test means. \
            Test files (.test) get their tests' lines indented and examples tables aligned. \
            Files with errors are left untouched and their diagnostics shown. Exit status: 0 done \
            (or, with --check, nothing to change), 1 files with errors (or that would change), 2 \
            usage error.
            """)

    @Argument(
        help: "Playbook and test files, or directories (default: the playbooks directory).",
        completion: .file(extensions: ["playbook", "test"]))
    var paths: [String] = []

    @Flag(help: "List the files that would change, without changing them.")
    var check = false

    @OptionGroup var color: ColorOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let paths = try self.paths.isEmpty ? [PlaybookLibrary.locate(environment: environment).directory] : self.paths
        // Named files are taken as they are; folders give their playbooks and their tests.
        let files =
            try FileSystem.expand(paths, suffix: PlaybookLibrary.fileSuffix)
            + FileSystem.expand(paths.filter(FileSystem.isDirectory), suffix: ".test")
        let renderer = SourceRenderer(style: color.style(for: STDOUT_FILENO, environment: environment))
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        var changed: [String] = []
        var broken = 0
        for path in files {
            let source = try FileSystem.read(path)
            let formatted: String
            if path.hasSuffix(".test") {
                let (file, diagnostics) = ScenarioParser.parse(source)
                let result = ScenarioFile.format(source)
                if !diagnostics.isEmpty
                    || !ScenarioFile.sameMeaning(file, ScenarioParser.parse(Array(result.utf8)).file)
                {
                    broken += 1
                    for diagnostic in diagnostics {
                        output.write(renderer.render(diagnostic, path: path, source: source) + "\n\n")
                    }
                    continue
                }
                formatted = result
            } else {
                let (playbook, diagnostics) = Playbook.check(source)
                if diagnostics.hasErrors {
                    broken += 1
                    for diagnostic in diagnostics where diagnostic.severity == .error {
                        output.write(renderer.render(diagnostic, path: path, source: source) + "\n\n")
                    }
                    continue
                }
                formatted = Playbook.format(source, playbook)
            }
            guard Array(formatted.utf8) != source else { continue }
            changed.append(path)
            if check {
                output.write("would reformat \(path)\n")
            } else {
                try FileSystem.replace(path, with: Array(formatted.utf8))
                output.write("formatted \(path)\n")
            }
        }
        let verb = check ? "would reformat" : "formatted"
        let tests = files.count { $0.hasSuffix(".test") }
        let kinds = [(files.count - tests, "playbook"), (tests, "test file")].filter { $0.0 > 0 }
        let noun = kinds.count == 1 ? kinds[0].1 : "file"
        let total = kinds.isEmpty ? count(0, "playbook") : kinds.map { count($0.0, $0.1) }.joined(separator: " and ")
        var summary = "\(verb) \(changed.count) of \(total)"
        if broken > 0 { summary += "; \(count(broken, noun)) with errors left as they are" }
        output.write(summary + "\n")
        output.flush()
        if broken > 0 || (check && !changed.isEmpty) { throw ExitCode(1) }
    }
}
