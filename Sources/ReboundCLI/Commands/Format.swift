import ArgumentParser
import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundText

/// `rebound fmt`: rewrite playbooks in the canonical layout.
struct Format: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Format playbooks in the canonical layout (or --check that they are).",
        discussion: """
            Indents by nesting, puts one space after keywords, normalises quoted text, keeps \
            comments and blank-line groups, and never changes what a playbook means. Files with \
            errors are left untouched and their diagnostics shown. Exit status: 0 done (or, with \
            --check, nothing to change), 1 files with errors (or that would change), 2 usage error.
            """)

    @Argument(
        help: "Playbook files or directories (default: the playbooks directory).",
        completion: .file(extensions: ["playbook"]))
    var paths: [String] = []

    @Flag(help: "List the files that would change, without changing them.")
    var check = false

    @OptionGroup var color: ColorOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let paths = try self.paths.isEmpty ? [PlaybookLibrary.locate(environment: environment).directory] : self.paths
        if let test = paths.first(where: { $0.hasSuffix(".test") && !FileSystem.isDirectory($0) }) {
            throw InputError(
                "\(test) is a playbook test file; 'rebound fmt' formats .playbook files (check it with 'rebound check \(test)', run it with 'rebound test \(test)')"
            )
        }
        let files = try FileSystem.expand(paths, suffix: PlaybookLibrary.fileSuffix)
        let renderer = SourceRenderer(style: color.style(for: STDOUT_FILENO, environment: environment))
        var output = ByteOutput(descriptor: STDOUT_FILENO)
        var changed: [String] = []
        var broken = 0
        for path in files {
            let source = try FileSystem.read(path)
            let (playbook, diagnostics) = Playbook.check(source)
            if diagnostics.hasErrors {
                broken += 1
                for diagnostic in diagnostics where diagnostic.severity == .error {
                    output.write(renderer.render(diagnostic, path: path, source: source) + "\n\n")
                }
                continue
            }
            let formatted = Playbook.format(source, playbook)
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
        var summary = "\(verb) \(changed.count) of \(count(files.count, "playbook"))"
        if broken > 0 { summary += "; \(count(broken, "playbook")) with errors left as they are" }
        output.write(summary + "\n")
        output.flush()
        if broken > 0 || (check && !changed.isEmpty) { throw ExitCode(1) }
    }
}
