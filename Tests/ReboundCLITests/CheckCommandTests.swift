import Foundation
import Testing

/// `rebound check` and the bare `rebound` command, run as real processes.
@Suite("rebound check command")
struct CheckCommandTests {
    static let valid = """
        playbook demo "Demo"
        version 1
        summary Demo.

        step one "One"
          done resolved
        """

    @Test("the shipped playbooks pass with --strict and exit 0")
    func shippedPlaybooks() throws {
        let result = try ReboundProcess.run(["check", "--strict", "playbooks"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("checked 7 playbooks: no problems") || result.stdout.contains("no problems"))
        #expect(result.stderr.isEmpty)
    }

    @Test("with no path, check reads the playbooks directory")
    func defaultPath() throws {
        let result = try ReboundProcess.run(["check"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("no problems"))
    }

    @Test("errors exit 1 in compiler format; warnings exit 0 unless --strict")
    func exitStatus() throws {
        let directory = try TemporaryDirectory()
        let bad = try directory.write(
            "bad.playbook", Self.valid.replacingOccurrences(of: "done resolved", with: "done resolvd"))
        let warned = try directory.write(
            "warned.playbook", Self.valid + "\nstep orphan \"Orphan\"\n  done lost\n")

        let failing = try ReboundProcess.run(["check", bad.path])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("\(bad.path):6:8: error: unknown outcome 'resolvd'"))
        #expect(failing.stdout.contains("[RB120]"))
        #expect(failing.stdout.contains("= fix: did you mean 'resolved'?"))

        #expect(try ReboundProcess.run(["check", warned.path]).status == 0)
        #expect(try ReboundProcess.run(["check", "--strict", warned.path]).status == 1)
    }

    @Test("--format json prints every diagnostic with its location, code and fix")
    func json() throws {
        let directory = try TemporaryDirectory()
        let bad = try directory.write(
            "bad.playbook", Self.valid.replacingOccurrences(of: "done resolved", with: "next repyl\n  sya hi"))
        let result = try ReboundProcess.run(["check", "--format", "json", bad.path])
        #expect(result.status == 1)
        let records = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 2)
        let first = records[0]
        #expect(first["file"] as? String == bad.path)
        #expect(first["line"] as? Int == 6)
        #expect(first["column"] as? Int == 8)
        #expect(first["endLine"] as? Int == 6)
        #expect(first["endColumn"] as? Int == 13)
        #expect(first["code"] as? String == "RB104")
        #expect(first["severity"] as? String == "error")
        #expect(first["message"] as? String == "unknown step 'repyl'")
        #expect(first["fix"] as? String == "add a step with id 'repyl'")
        #expect((first["edits"] as? [Any])?.isEmpty == true)
        #expect(records[1]["code"] as? String == "RB101")
        // A did-you-mean is also an edit an editor can apply.
        let edits = try #require(records[1]["edits"] as? [[String: Any]])
        #expect(edits.count == 1)
        #expect(edits.first?["replacement"] as? String == "say")
        let range = try #require(edits.first?["range"] as? [String: Int])
        #expect(range == ["line": 7, "column": 3, "endLine": 7, "endColumn": 6])
        #expect(
            Set(first.keys) == [
                "file", "line", "column", "endLine", "endColumn", "code", "severity", "message", "fix", "edits",
            ])
    }

    @Test("a clean file in JSON is an empty array")
    func cleanJSON() throws {
        let directory = try TemporaryDirectory()
        let good = try directory.write("good.playbook", Self.valid)
        let result = try ReboundProcess.run(["check", "--format", "json", good.path])
        #expect(result.status == 0)
        let records = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any])
        #expect(records.isEmpty)
    }

    @Test("a missing path is one line on stderr naming the file and the reason, exit 2")
    func missingPath() throws {
        let result = try ReboundProcess.run(["check", "no/such.playbook"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "rebound: cannot read 'no/such.playbook': No such file or directory\n")
    }

    @Test("a dangling symlink is an input error, not a crash")
    func danglingSymlink() throws {
        let directory = try TemporaryDirectory()
        let link = directory.url.appendingPathComponent("gone.playbook")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/nonexistent/x")
        let result = try ReboundProcess.run(["check", link.path])
        #expect(result.status == 2)
        #expect(result.stderr == "rebound: cannot read '\(link.path)': No such file or directory\n")
    }

    @Test("a directory without playbooks is an input error")
    func emptyDirectory() throws {
        let directory = try TemporaryDirectory()
        let result = try ReboundProcess.run(["check", directory.url.path])
        #expect(result.status == 2)
        #expect(result.stderr == "rebound: no .playbook files in '\(directory.url.path)'\n")
    }

    @Test("directories are searched recursively, hidden entries skipped, in sorted order")
    func recursion() throws {
        let directory = try TemporaryDirectory()
        try directory.write("b/two.playbook", Self.valid.replacingOccurrences(of: "resolved", with: "resolvd"))
        try directory.write("a/one.playbook", Self.valid.replacingOccurrences(of: "resolved", with: "lostt"))
        try directory.write(".hidden/three.playbook", "garbage")
        try directory.write("notes.txt", "not a playbook")
        let result = try ReboundProcess.run(["check", directory.url.path])
        #expect(result.status == 1)
        let one = try #require(result.stdout.range(of: "a/one.playbook:6:8"))
        let two = try #require(result.stdout.range(of: "b/two.playbook:6:8"))
        #expect(one.lowerBound < two.lowerBound)
        #expect(!result.stdout.contains("three"))
        #expect(result.stdout.hasSuffix("checked 2 playbooks: 2 errors and 0 warnings in 2 playbooks\n"))
    }

    @Test("invalid UTF-8 is a located diagnostic, not a crash")
    func invalidUTF8() throws {
        let directory = try TemporaryDirectory()
        var bytes = Data(Self.valid.utf8)
        bytes.insert(contentsOf: [0xFF, 0xC3], at: 16)
        let file = try directory.write("latin1.playbook", bytes)
        let result = try ReboundProcess.run(["check", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(file.path):1:17: error: invalid UTF-8 byte 0xFF"))
    }

    @Test("colour only when asked or on a terminal, never with NO_COLOR")
    func colour() throws {
        let directory = try TemporaryDirectory()
        let bad = try directory.write("bad.playbook", "nonsense\n")
        let plain = try ReboundProcess.run(["check", bad.path])
        #expect(!plain.stdout.contains("\u{1B}["))
        let forced = try ReboundProcess.run(["check", "--color", "always", bad.path])
        #expect(forced.stdout.contains("\u{1B}[1;31merror\u{1B}[0m"))
        let never = try ReboundProcess.run(["check", "--color", "never", bad.path], environment: ["TERM": "xterm"])
        #expect(!never.stdout.contains("\u{1B}["))
    }

    @Test("usage errors exit 2 with a message")
    func usageErrors() throws {
        let badFormat = try ReboundProcess.run(["check", "--format", "yaml", "playbooks"])
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("'yaml'"))
        let unknown = try ReboundProcess.run(["chekc"])
        #expect(unknown.status == 2)
        #expect(try ReboundProcess.run(["check", "--help"]).status == 0)
    }

    @Test("bare rebound lists the shipped playbooks and the commands")
    func bareCommand() throws {
        let result = try ReboundProcess.run([])
        #expect(result.status == 0)
        for id in [
            "late-delivery", "six-step-recovery", "missed-callback", "wrong-order-remake", "win-back",
            "broken-product", "forgotten-order",
        ] {
            #expect(result.stdout.contains("  \(id) "), "missing \(id)")
        }
        #expect(result.stdout.contains("Commands:"))
        #expect(result.stdout.contains("check"))
    }

    @Test("bare rebound outside the repository says how to point at playbooks, exit 2")
    func bareCommandElsewhere() throws {
        let directory = try TemporaryDirectory()
        let result = try ReboundProcess.run([], in: directory.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("REBOUND_PLAYBOOKS"))
        let configured = try ReboundProcess.run(
            [], in: directory.url, environment: ["REBOUND_PLAYBOOKS": ReboundProcess.repositoryRoot.path + "/playbooks"]
        )
        #expect(configured.status == 0)
        #expect(configured.stdout.contains("late-delivery"))
    }

    @Test("'-' checks a playbook from standard input; a .test file is checked as a test file")
    func standardInputAndTestFiles() throws {
        let piped = try ReboundProcess.run(
            ["check", "-"], stdin: "playbook x \"X\"\nversion 1\nsummary S\nstep a \"A\"\n  sya hi\n  done resolved\n")
        #expect(piped.status == 1)
        #expect(piped.stdout.hasPrefix("<stdin>:5:3: error: unknown keyword 'sya' [RB101]"))
        let shipped = try ReboundProcess.run(["check", "playbooks/late-delivery.test"])
        #expect(shipped.status == 0)
        #expect(shipped.stdout == "checked 1 test file: no problems\n")
        let directory = try TemporaryDirectory()
        let bad = try directory.write("bad.test", "playbook late-delivery\ntest \"t\"\n  answr Maria\n")
        let checked = try ReboundProcess.run(["check", bad.path, "playbooks/late-delivery.playbook"])
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("bad.test:3:3: error: unknown test command 'answr' [RB401]"))
        #expect(checked.stdout.hasSuffix("checked 1 playbook and 1 test file: 1 error and 0 warnings in 1 file\n"))
        let formatted = try ReboundProcess.run(["fmt", "--check", "playbooks/late-delivery.test"])
        #expect(formatted.status == 0)
        #expect(formatted.stdout == "would reformat 0 of 1 test file\n")
    }

    @Test("a playbook with ten mistakes, two of them beside a broken jump and keyword, gets all of them in one check")
    func tenMistakesInOnePass() throws {
        let path = ReboundProcess.repositoryRoot.appendingPathComponent(
            "Tests/ReboundCLITests/Golden/many/ten-mistakes.playbook"
        ).path
        let result = try ReboundProcess.run(["check", "--format", "json", path])
        #expect(result.status == 1)
        let records = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let found = records.map { "\($0["line"] as? Int ?? 0) \($0["code"] as? String ?? "")" }
        #expect(
            found == [
                "1 RB101", "7 RB105", "8 RB113", "9 RB101", "14 RB107", "18 RB135", "20 RB107", "21 RB105", "22 RB134",
                "25 RB111", "28 RB116", "31 RB116",
            ])
    }

    @Test("fmt lays out test files: indentation, one blank line between tests, aligned examples; never their meaning")
    func formatTestFiles() throws {
        let directory = try TemporaryDirectory()
        let messy = try directory.write(
            "messy.test",
            "\u{FEFF}playbook   late-delivery\r\n# The express path.\r\ntest \"t <who>\"\r\nanswer   <who>   \r\n\r\n\r\n      expect value name \"<who>\"\r\nexamples\r\n|who|\r\n|  Maria Lopez |\r\n| Bo|\r\ntest \"u\"\r\n   answer Sam\r\n"
        )
        let check = try ReboundProcess.run(["fmt", "--check", directory.url.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("would reformat \(messy.path)"))
        let result = try ReboundProcess.run(["fmt", messy.path])
        #expect(result.status == 0, "\(result.stdout)")
        let text = try String(contentsOf: URL(fileURLWithPath: messy.path), encoding: .utf8)
        #expect(
            text == """
                playbook late-delivery

                # The express path.
                test "t <who>"
                  answer <who>

                  expect value name "<who>"
                  examples
                    | who         |
                    | Maria Lopez |
                    | Bo          |

                test "u"
                  answer Sam

                """)
        #expect(try ReboundProcess.run(["fmt", "--check", messy.path]).status == 0)
        let broken = try directory.write("broken.test", "playbook x\ntest \"t\"\n  anwser y\n")
        let refused = try ReboundProcess.run(["fmt", broken.path])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("unknown test command 'anwser' [RB401]"))
    }
}
