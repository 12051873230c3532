import Foundation
import ReboundChecker
import Testing

/// `rebound fmt` and `rebound graph`, run as real processes.
@Suite("author tools")
struct AuthorToolsTests {
    static let messy = "playbook   demo \"Demo\"\nversion 1\nsummary x\nstep a  \"A\"\nask n  \"N?\"\ndone resolved\n"

    @Test("fmt --check lists files that would change and exits 1; fmt rewrites them; the shipped ones are canonical")
    func format() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("demo.playbook", Self.messy)
        let check = try ReboundProcess.run(["fmt", "--check", file.path])
        #expect(check.status == 1)
        #expect(check.stdout == "would reformat \(file.path)\nwould reformat 1 of 1 playbook\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.messy)
        let write = try ReboundProcess.run(["fmt", file.path])
        #expect(write.status == 0)
        #expect(
            try String(contentsOf: file, encoding: .utf8)
                == "playbook demo \"Demo\"\nversion 1\nsummary x\n\nstep a \"A\"\n  ask n \"N?\"\n  done resolved\n")
        #expect(try ReboundProcess.run(["fmt", "--check", file.path]).status == 0)
        #expect(try ReboundProcess.run(["fmt", "--check", "playbooks"]).status == 0)
    }

    @Test("fmt leaves a file with errors untouched and shows its diagnostics")
    func formatBroken() throws {
        let directory = try TemporaryDirectory()
        let broken = Self.messy.replacingOccurrences(of: "done resolved", with: "done resolvd")
        let file = try directory.write("broken.playbook", broken)
        let result = try ReboundProcess.run(["fmt", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("error: unknown outcome 'resolvd'"))
        #expect(result.stdout.hasSuffix("formatted 0 of 1 playbook; 1 playbook with errors left as they are\n"))
        #expect(try String(contentsOf: file, encoding: .utf8) == broken)
    }

    static var hasGraphviz: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") }

    @Test(
        "every shipped playbook's DOT renders with Graphviz (installed by .ci/run)",
        .enabled(if: hasGraphviz, "Graphviz's dot is not installed; .ci/run installs it"))
    func graphvizRenders() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: ReboundProcess.repositoryRoot.appendingPathComponent("playbooks").path
        ).filter { $0.hasSuffix(".playbook") }
        #expect(names.count >= 7)
        for name in names {
            let dot = try ReboundProcess.run(["graph", "playbooks/\(name)"])
            #expect(dot.status == 0)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
            process.arguments = ["-Tsvg"]
            let input = Pipe()
            let output = Pipe()
            let errors = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            try input.fileHandleForWriting.write(contentsOf: Data(dot.stdout.utf8))
            try input.fileHandleForWriting.close()
            let svg = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(name)")
            #expect(svg.contains("<svg"), "\(name)")
        }
    }

    @Test("graph takes an id or a file, suggests near ids, and draws broken playbooks with a note")
    func graphInputs() throws {
        let byID = try ReboundProcess.run(["graph", "win-back", "--format", "mermaid"])
        #expect(byID.status == 0 && byID.stdout.hasPrefix("flowchart TD\n"))
        let typo = try ReboundProcess.run(["graph", "win-bak"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean 'win-back'?"))
        let directory = try TemporaryDirectory()
        let file = try directory.write(
            "loop.playbook", "playbook l \"L\"\nversion 1\nsummary x\nstep a \"A\"\n  next a\n")
        let broken = try ReboundProcess.run(["graph", file.path])
        #expect(broken.status == 0)
        #expect(broken.stderr.contains("has 1 error; drawing what could be read"))
        #expect(broken.stdout.contains("no way to done"))
    }
}
