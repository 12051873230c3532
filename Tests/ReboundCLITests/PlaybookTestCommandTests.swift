import Foundation
import Testing

/// `rebound test`, run as a real process.
@Suite("rebound test command")
struct PlaybookTestCommandTests {
    @Test("the shipped playbooks' tests pass with full coverage of steps, options, drafts and outcomes")
    func shipped() throws {
        let result = try ReboundProcess.run(["test", "playbooks", "--coverage", "--min-coverage", "100"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("0 failed"))
        #expect(!result.stdout.contains("not covered"))
    }

    static let playbook = """
        playbook mini "Mini"
        version 1
        summary x

        step a "A"
          ask name "Name?"
          choose how "How?"
            option call "Call" -> b
            option mail "Mail" -> c

        step b "B"
          draft "Write to {name}."
          done resolved

        step c "C"
          done pending
        """

    @Test("a failing expectation names the file and line with expected and actual; coverage lists the gaps")
    func failure() throws {
        let directory = try TemporaryDirectory()
        try directory.write("mini.playbook", Self.playbook)
        try directory.write(
            "mini.test",
            """
            playbook mini

            test "call"
              answer Ann
              choose call
              expect prompt "Write to Ann."
              draft "Sorry, we were short-staffed."
              expect finding excuse at 1:8
              expect no finding blame
              send
              expect outcome escalated
            """)
        let result = try ReboundProcess.run(["test", directory.url.path, "--coverage"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL \(directory.url.path)/mini.test:3 call"))
        #expect(result.stdout.contains("mini.test:11: expected outcome 'escalated', got 'resolved'"))
        #expect(result.stdout.contains("not covered: \(directory.url.path)/mini.playbook:9: option 'mail' of 'how'"))
        #expect(result.stdout.contains("not covered: \(directory.url.path)/mini.playbook:16: done pending in step 'c'"))
        let minimum = try ReboundProcess.run(["test", directory.url.path, "--min-coverage", "90"])
        #expect(minimum.status == 1)
    }

    @Test("JSON and JUnit output")
    func formats() throws {
        let directory = try TemporaryDirectory()
        try directory.write("mini.playbook", Self.playbook)
        try directory.write(
            "mini.test", "playbook mini\ntest \"mail\"\n  answer Ann\n  choose mail\n  expect outcome lost\n")
        let json = try ReboundProcess.run(["test", directory.url.path, "--format", "json"])
        #expect(json.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let file = try #require((object["files"] as? [[String: Any]])?.first)
        let test = try #require((file["tests"] as? [[String: Any]])?.first)
        #expect(test["name"] as? String == "mail")
        #expect((test["failure"] as? [String: Any])?["line"] as? Int == 5)
        let junit = try ReboundProcess.run(["test", directory.url.path, "--format", "junit"])
        #expect(test["passed"] as? Bool == false)
        #expect(
            junit.stdout.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"rebound\" tests=\"1\" failures=\"1\" errors=\"0\">"
            ))
        #expect(junit.stdout.contains("<failure message=\"expected outcome 'lost', got 'pending'\">"))
        #expect(junit.stdout.hasSuffix("</testsuite>\n</testsuites>\n"))
    }

    @Test("test files with mistakes get check-style diagnostics with codes, and exit 2")
    func diagnostics() throws {
        let directory = try TemporaryDirectory()
        try directory.write("mini.playbook", Self.playbook)
        try directory.write(
            "bad.test", "playbook mini\nanswer x\ntest \"t\"\n  anwser x\n  expect step bb\n  expect outcome resolvd\n")
        try directory.write("other.test", "playbook minii\ntest \"t\"\n  answer x\n")
        let result = try ReboundProcess.run(["test", directory.url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.test:2:1: error: 'answer' must be inside a test [RB405]"))
        #expect(result.stderr.contains("bad.test:4:3: error: unknown test command 'anwser' [RB401]"))
        #expect(result.stderr.contains("= fix: did you mean 'answer'?"))
        #expect(
            result.stderr.contains(
                "other.test:1:10: error: no playbook 'minii' beside the test or in the playbooks directory [RB403]"))
        #expect(result.stderr.contains("= fix: did you mean 'mini'?"))
        try directory.write(
            "bad.test",
            "playbook mini\ntest \"t\"\n  expect step bb\n  expect outcome resolvd\n  choose mial\n  choose ma\n")
        let references = try ReboundProcess.run(["test", "\(directory.url.path)/bad.test"])
        #expect(references.status == 2)
        #expect(references.stderr.contains("bad.test:3:15: error: unknown step 'bb' [RB404]"))
        #expect(references.stderr.contains("bad.test:4:18: error: unknown outcome 'resolvd' [RB404]"))
        #expect(references.stderr.contains("bad.test:5:10: error: unknown option 'mial' [RB404]"))
        #expect(references.stderr.contains("= fix: did you mean 'mail'?"))
        #expect(!references.stderr.contains("'ma'"))
    }

    @Test("a file's syntax errors and the references its playbook lacks are reported in one pass")
    func onePass() throws {
        let directory = try TemporaryDirectory()
        try directory.write("mini.playbook", Self.playbook)
        try directory.write(
            "bad.test",
            "playbook mini\ntest \"t\"\n  anwser x\n  expect step bb\n  expect value nme \"Ann\"\n  draft \"Hi\"\n  expect finding excuse at line 3\n"
        )
        let result = try ReboundProcess.run(["test", directory.url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.test:3:3: error: unknown test command 'anwser' [RB401]"))
        #expect(result.stderr.contains("bad.test:4:15: error: unknown step 'bb' [RB404]"))
        #expect(result.stderr.contains("bad.test:5:16: error: unknown value 'nme' [RB404]"))
        #expect(result.stderr.contains("= fix: did you mean 'name'?"))
        // The caret is under what is wrong: 'line', where LINE:COLUMN was wanted.
        #expect(
            result.stderr.contains(
                "bad.test:7:28: error: expected LINE:COLUMN after 'at', such as 1:11, found 'line' [RB402]"))
        let junit = try ReboundProcess.run(["test", directory.url.path, "--format", "junit"])
        #expect(junit.status == 2)
        #expect(junit.stdout.contains("<testsuites name=\"rebound\" tests=\"4\" failures=\"0\" errors=\"4\">"))
        #expect(junit.stdout.contains("<error message=\"unknown step 'bb'\" type=\"RB404\">"))
        let json = try ReboundProcess.run(["test", directory.url.path, "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let file = try #require((object["files"] as? [[String: Any]])?.first)
        let codes = (file["errors"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["RB401", "RB404", "RB404", "RB402"])
    }

    @Test("an action of the wrong kind, or a refused one nobody expected, fails at its own line")
    func wrongKindFailsAtItsLine() throws {
        let directory = try TemporaryDirectory()
        try directory.write("mini.playbook", Self.playbook)
        try directory.write(
            "mini.test",
            """
            playbook mini

            test "confirm at a question"
              confirm
              expect value name "y"

            test "draft at a question"
              draft "Hello"

            test "choose at a question"
              choose call

            test "a refused answer not expected"
              answer Ann
              choose 7

            test "after the end"
              answer Ann
              choose mail
              answer more
            """)
        let result = try ReboundProcess.run(["test", directory.url.path])
        #expect(result.status == 1)
        let path = "\(directory.url.path)/mini.test"
        #expect(
            result.stdout.contains(
                "\(path):4: 'confirm' at step 'a', but the session waits for the question 'name' (\"Name?\"): use 'answer'"
            ))
        #expect(
            result.stdout.contains(
                "\(path):8: 'draft' at step 'a', but the session waits for the question 'name' (\"Name?\"): use 'answer'"
            ))
        #expect(result.stdout.contains("\(path):11: 'choose call' at step 'a', but the session waits for the question"))
        #expect(result.stdout.contains("\(path):15: 'choose 7' was refused: "))
        #expect(result.stdout.contains("(add 'expect rejected' after it if that is meant)"))
        #expect(result.stdout.contains("\(path):20: 'answer more', but the session ended 'pending'"))
        #expect(result.stdout.contains("5 tests in 1 file: 0 passed, 5 failed"))
    }

    @Test("a playbook no test file names counts as 0% coverage")
    func untestedPlaybook() throws {
        let directory = try TemporaryDirectory()
        try directory.write("mini.playbook", Self.playbook)
        try directory.write(
            "mini.test",
            "playbook mini\ntest \"mail\"\n  answer Ann\n  choose mail\n  expect outcome pending\n")
        try directory.write(
            "lonely.playbook", Self.playbook.replacingOccurrences(of: "playbook mini", with: "playbook lonely"))
        let result = try ReboundProcess.run(["test", directory.url.path, "--min-coverage", "10"])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "coverage of \(directory.url.path)/lonely.playbook: no test file names this playbook"))
        let json = try ReboundProcess.run(["test", directory.url.path, "--format", "json", "--coverage"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["untested"] as? [String] == ["\(directory.url.path)/lonely.playbook"])
        #expect(try ReboundProcess.run(["test", directory.url.path]).status == 0)
    }
}
