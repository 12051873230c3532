import Foundation
import Synchronization
import Testing

/// `rebound lint`, `rebound rules` and `rebound explain`, run as real processes.
@Suite("rebound lint command")
struct LintCommandTests {
    @Test("text from stdin: compiler-style lines with category, code, the span and the suggestion; exit 1")
    func stdinText() throws {
        let result = try ReboundProcess.run(["lint"], stdin: "Hi Ana,\nsorry, we were short-staffed.\n")
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "<stdin>:2:8: warning: excuse: Staffing is our problem, not the customer's: it reads as an excuse. [RB201]"
        )
        #expect(lines.contains(" 2 | sorry, we were short-staffed."))
        #expect(lines.contains("   |        ^~~~~~~~~~~~~~~~~~~~~"))
        #expect(lines.contains { $0.hasPrefix("   = suggestion: ") })
    }

    @Test("a clean reply prints nothing and exits 0; advice alone exits 0")
    func clean() throws {
        let clean = try ReboundProcess.run(["lint"], stdin: "Hi Ana, your refund went out today.")
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
        let advice = try ReboundProcess.run(["lint", "--expect", "timeframe"], stdin: "Hi Ana, we will refund you.")
        #expect(advice.status == 0)
        #expect(advice.stdout.contains("advice: expectation: No timeframe"))
    }

    @Test("files are linted one reply each, with their paths")
    func files() throws {
        let directory = try TemporaryDirectory()
        let first = try directory.write("a.txt", "As per our policy, no refunds.")
        let second = try directory.write("b.txt", "Thanks, it ships today.")
        let result = try ReboundProcess.run(["lint", first.path, second.path])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("\(first.path):1:1: warning: policy:"))
        #expect(!result.stdout.contains(second.path))
    }

    @Test("--format json prints one object with every finding and every key")
    func json() throws {
        let result = try ReboundProcess.run(
            ["lint", "--format", "json"], stdin: "The courier lost it. Sorry if you feel let down.")
        #expect(result.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["category"] as? String } == ["blame", "non-apology"])
        let keys: Set<String> = [
            "file", "rule", "category", "severity", "message", "line", "column", "offset", "length", "endLine",
            "endColumn", "excerpt", "suggestion", "fix", "source", "score",
        ]
        #expect(findings.allSatisfy { Set($0.keys) == keys })
        #expect(findings[0]["excerpt"] as? String == "The courier lost")
        #expect(findings[0]["offset"] as? Int == 0)
        #expect(findings[0]["length"] as? Int == 16)
        #expect(findings[1]["column"] as? Int == 22)
    }

    @Test("jsonl: exactly one output line per input line, in order, errors in place, exit 2 at the end")
    func jsonLines() throws {
        let input = """
            {"id": "a", "text": "We apologise for any inconvenience."}
            not json at all
            {"id": 42, "text": "Thanks, your refund went out today."}
            ["an", "array"]
            {"id": "b"}
            {"id": "c", "text": "Per our policy, no.", "extra": {"nested": [1, 2.5e3, null, true]}}
            {"id": "d", "text": "Caf\\u00e9 \\ud83d\\ude00 \\"quoted\\" mistakes were made"}

            {"id": "e", "text": "Last line, no newline after it."}
            """
        let result = try ReboundProcess.run(["lint", "--input", "jsonl", "--format", "json"], stdin: input)
        #expect(result.status == 2)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(result.stdout.hasSuffix("}\n"))
        #expect(lines.count == 9)
        func object(_ index: Int) throws -> [String: Any] {
            try #require(JSONSerialization.jsonObject(with: Data(lines[index].utf8)) as? [String: Any])
        }
        #expect(try object(0)["id"] as? String == "a")
        #expect((try object(0)["findings"] as? [[String: Any]])?.first?["category"] as? String == "non-apology")
        #expect(try object(1)["id"] is NSNull)
        #expect((try object(1)["error"] as? String)?.hasPrefix("line 2: invalid JSON") == true)
        #expect(try object(2)["id"] as? Int == 42)
        #expect((try object(2)["findings"] as? [Any])?.isEmpty == true)
        #expect(try object(3)["error"] as? String == "line 4: expected a JSON object")
        #expect(try object(4)["id"] as? String == "b")
        #expect(try object(4)["error"] as? String == "line 5: missing \"text\"")
        #expect((try object(5)["findings"] as? [[String: Any]])?.first?["rule"] as? String == "RB206")
        let emoji = try #require((try object(6)["findings"] as? [[String: Any]])?.first)
        #expect(emoji["excerpt"] as? String == "mistakes were made")
        #expect(emoji["column"] as? Int == 17)
        #expect(try object(7)["error"] as? String == "line 8: invalid JSON at column 1: unexpected end of line")
        #expect(try object(8)["id"] as? String == "e")
    }

    @Test("jsonl: thousands of lines checked on every core come out in order, each as if checked alone")
    func jsonLinesInBatches() throws {
        let replies = [
            #"{"id": "X", "text": "We apologise for any inconvenience."}"#,
            #"{"id": "X", "text": "Thanks, your refund went out today."}"#,
            #"{"id": "X", "text": "The courier lost it. Per our policy, no."}"#,
            "not json at all",
            #"{"id": "X", "text": "We were short-staffed and the system glitched, sorry again."}"#,
        ]
        // Each kind alone, for what it must give wherever it stands in a long stream.
        let alone = try replies.map { reply in
            try ReboundProcess.run(["lint", "--input", "jsonl", "--format", "json"], stdin: reply).stdout
        }
        let count = 6_000
        var input = ""
        for number in 0..<count {
            input += replies[number % replies.count].replacingOccurrences(of: "\"X\"", with: "\"r\(number)\"") + "\n"
        }
        // One line of invalid UTF-8 late in the stream: reported once, with its own number.
        var bytes = Data(input.utf8)
        bytes.append(contentsOf: Array(#"{"id": "late", "text": "bad "#.utf8) + [0xFF] + Array(#" byte"}"#.utf8))
        let result = try ReboundProcess.run(["lint", "--input", "jsonl", "--format", "json"], input: bytes)
        #expect(result.status == 2)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == count + 1)
        var mismatched = 0
        for (number, line) in lines.prefix(count).enumerated() {
            let expected = alone[number % replies.count].replacingOccurrences(of: "\"X\"", with: "\"r\(number)\"")
                .replacingOccurrences(of: "line 1:", with: "line \(number + 1):")
            if line + "\n" != expected { mismatched += 1 }
        }
        #expect(mismatched == 0)
        #expect(lines.last?.hasPrefix(#"{"id":"late""#) == true)
        #expect(result.stderr == "rebound: line \(count + 1): invalid UTF-8 replaced with U+FFFD (reported once)\n")
    }

    @Test("jsonl: a program that writes a line and waits gets its answer before writing the next")
    func jsonLinesAnsweredAtOnce() throws {
        let running = try ReboundProcess.launch(["lint", "--input", "jsonl", "--format", "json"])
        defer { running.process.terminate() }
        /// The next output line, or nil when none comes within the time (the batch waited).
        func answer() -> String? {
            let line = Mutex<String?>(nil)
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                var text = ""
                while !text.hasSuffix("\n") {
                    let data = running.output.availableData
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                }
                line.withLock { $0 = text }
                done.signal()
            }
            guard done.wait(timeout: .now() + 30) == .success else {
                running.process.terminate()
                return nil
            }
            return line.withLock { $0 }
        }
        running.input.write(Data(#"{"id": 1, "text": "We apologise for any inconvenience."}"#.utf8 + [0x0A]))
        #expect(answer()?.hasPrefix(#"{"id":1,"findings":[{"#) == true)
        running.input.write(Data(#"{"id": 2, "text": "Your refund went out today."}"#.utf8 + [0x0A]))
        #expect(answer() == #"{"id":2,"findings":[]}"# + "\n")
        try running.input.close()
        running.process.waitUntilExit()
        #expect(running.process.terminationStatus == 1)
    }

    @Test("jsonl output keys are all present, suggestion null when there is none")
    func jsonLinesKeys() throws {
        let result = try ReboundProcess.run(
            ["lint", "--input", "jsonl", "--format", "json", "--expect", "timeframe"],
            stdin: "{\"id\": \"x\", \"text\": \"We will look into it.\"}\n")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        let keys: Set<String> = [
            "rule", "category", "severity", "message", "line", "column", "offset", "length", "endLine", "endColumn",
            "excerpt", "suggestion", "fix", "source", "score",
        ]
        #expect(Set(finding.keys) == keys)
        #expect(finding["rule"] as? String == "RB210")
        #expect(result.status == 0)
    }

    @Test("--playbook and --step apply the step's avoid, limit and expect lines")
    func playbookStep() throws {
        let result = try ReboundProcess.run(
            [
                "lint", "--playbook", "playbooks/late-delivery.playbook", "--step", "reply", "--value", "name=Maria",
                "--value", "order=123456", "--format", "json",
            ], stdin: "Hi Maria, order 123456: per our policy we resend by Friday.")
        #expect(result.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rules = (object["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String }
        #expect(rules == ["RB207"], "one phrase, one finding: the step's avoid, with its reason")
    }

    @Test("--playbook errors: unknown step with a suggestion, a step without a draft, a playbook with errors")
    func playbookErrors() throws {
        let unknown = try ReboundProcess.run(
            ["lint", "--playbook", "playbooks/late-delivery.playbook", "--step", "repyl"], stdin: "x")
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr == "rebound: 'playbooks/late-delivery.playbook' has no step 'repyl'; did you mean 'reply'?\n"
        )
        let noDraft = try ReboundProcess.run(
            ["lint", "--playbook", "playbooks/late-delivery.playbook", "--step", "own"], stdin: "x")
        #expect(noDraft.status == 2)
        #expect(noDraft.stderr.contains("has no draft"))
        let lonely = try ReboundProcess.run(["lint", "--step", "reply"], stdin: "x")
        #expect(lonely.status == 2)
    }

    @Test("--disable, --only and --rules change what is reported; unknown names get did-you-mean")
    func selection() throws {
        let text = "We were short-staffed and, as per our policy, no refunds."
        #expect(try ReboundProcess.run(["lint", "--disable", "excuse,RB206"], stdin: text).status == 0)
        let only = try ReboundProcess.run(["lint", "--only", "policy", "--format", "json"], stdin: text)
        #expect(only.stdout.contains("\"policy\"") && !only.stdout.contains("\"excuse\""))
        let typo = try ReboundProcess.run(["lint", "--disable", "excuses"], stdin: text)
        #expect(typo.status == 2)
        #expect(
            typo.stderr
                == "rebound: unknown rule 'excuses' for --disable; see 'rebound rules' (did you mean 'excuse'?)\n")
        let badOnly = try ReboundProcess.run(["lint", "--only", "polcy"], stdin: text)
        #expect(badOnly.status == 2)
        #expect(badOnly.stderr.contains("did you mean 'policy'?"))

        let directory = try TemporaryDirectory()
        let team = try directory.write(
            "team.phrases", "category = excuse\n[crm]\nmessage = Our CRM is our problem.\nthe crm (was|went) down\n")
        let withTeam = try ReboundProcess.run(["lint", "--rules", team.path], stdin: "Sorry, the CRM went down.")
        #expect(withTeam.status == 1)
        #expect(withTeam.stdout.contains("Our CRM is our problem. [RB201]"))
        let broken = try directory.write(
            "broken.phrases", "category = excuse\n[crm]\nmessage = m\nthe {sytem} was down\n")
        let bad = try ReboundProcess.run(["lint", "--rules", broken.path], stdin: "x")
        #expect(bad.status == 2)
        #expect(bad.stderr == "rebound: \(broken.path):4:1: unknown class '{sytem}' [RB302]\n")
    }

    @Test("rules lists every rule; explain prints the explanation with examples, or did-you-mean")
    func rulesAndExplain() throws {
        let rules = try ReboundProcess.run(["rules"])
        #expect(rules.status == 0)
        for code in ["RB201", "RB202", "RB203", "RB204", "RB205", "RB206", "RB207", "RB208", "RB210", "RB213"] {
            #expect(rules.stdout.contains(code))
        }
        let explain = try ReboundProcess.run(["explain", "RB205"])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("RB205 non-apology (warning)\n"))
        #expect(explain.stdout.contains("Instead of: ") && explain.stdout.contains("Write: "))
        // The learned layer's paragraph says whether the model overrules the category's phrases.
        let joined = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let excuse = try ReboundProcess.run(["explain", "RB201"])
        #expect(joined(excuse.stdout).contains("sentence classifier trained on"))
        #expect(joined(excuse.stdout).contains("It also overrules the standard phrases of this category"))
        #expect(joined(excuse.stdout).contains("It never overrules phrases like \"mistakes happen\""))
        #expect(!joined(explain.stdout).contains("overrules"))
        let category = try ReboundProcess.run(["explain", "repeated-apology"])
        #expect(category.stdout.contains("RB203") && category.stdout.contains("RB204"))
        let unknown = try ReboundProcess.run(["explain", "RB299"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no rule or category 'RB299'"))
    }
}

/// Input that is empty, huge, binary or hostile must end in a correct result or one clear line.
@Suite("rebound lint bad input")
struct LintBadInputTests {
    @Test("empty and whitespace-only input are clean")
    func empty() throws {
        #expect(try ReboundProcess.run(["lint"], stdin: "").status == 0)
        #expect(try ReboundProcess.run(["lint"], stdin: " \n\t\n").status == 0)
        let jsonl = try ReboundProcess.run(["lint", "--input", "jsonl", "--format", "json"], stdin: "")
        #expect(jsonl.status == 0 && jsonl.stdout.isEmpty)
    }

    @Test("a 10 MB single line is checked in one pass with every finding located")
    func hugeLine() throws {
        let sentence = "We were short-staffed, honestly. "
        let text = String(repeating: sentence, count: 10_000_000 / sentence.utf8.count)
        let result = try ReboundProcess.run(["lint", "--format", "json"], stdin: text)
        #expect(result.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 10_000_000 / sentence.utf8.count)
        #expect(findings.last?["column"] as? Int == (findings.count - 1) * sentence.count + 1)
    }

    @Test("invalid UTF-8 is replaced and reported once on stderr, the reply is still checked")
    func invalidUTF8() throws {
        let directory = try TemporaryDirectory()
        var bytes = Data("Hi \u{00}Ana,\n".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE])
        bytes.append(Data(" we were short-staffed \u{FF}".utf8))
        bytes.append(contentsOf: [0xC3])
        let file = try directory.write("bad.txt", bytes)
        let result = try ReboundProcess.run(["lint", file.path])
        #expect(result.status == 1)
        #expect(result.stderr == "rebound: \(file.path):2:1: invalid UTF-8 replaced with U+FFFD\n")
        #expect(result.stdout.contains("\(file.path):2:4: warning: excuse:"))
    }

    @Test("ANSI escapes and NUL bytes in a reply are never echoed raw")
    func controlCharacters() throws {
        let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[31mWe were short-staffed\u{1B}[0m\u{00} today."
        let text = try ReboundProcess.run(["lint", "--color", "never"], stdin: hostile)
        #expect(text.status == 1)
        #expect(!text.stdout.contains("\u{1B}") && !text.stdout.contains("\u{00}") && !text.stdout.contains("\u{07}"))
        let json = try ReboundProcess.run(["lint", "--format", "json"], stdin: hostile)
        #expect(!json.stdout.contains("\u{1B}"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let excerpt = (object["findings"] as? [[String: Any]])?.first?["excerpt"] as? String
        #expect(excerpt == "We were short-staffed")
    }

    @Test("an unreadable file is one line naming it, exit 2, before any output")
    func unreadable() throws {
        let result = try ReboundProcess.run(["lint", "missing.txt"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "rebound: cannot read 'missing.txt': No such file or directory\n")
        let directory = try ReboundProcess.run(["lint", "playbooks"])
        #expect(directory.stderr == "rebound: cannot read 'playbooks': Is a directory\n")
    }

    @Test("--layer chooses the checker's layers; model findings carry their source and score")
    func layers() throws {
        let reply =
            #"{"id": 1, "text": "Hi Sam, the refund is on its way. Our whole team was run off its feet with the festive rush."}"#
            + "\n"
        func findings(_ layer: String) throws -> [[String: Any]] {
            let result = try ReboundProcess.run(
                ["lint", "--input", "jsonl", "--format", "json", "--layer", layer], stdin: reply)
            let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try #require(object["findings"] as? [[String: Any]])
        }
        #expect(try findings("phrase").isEmpty)
        let model = try findings("both")
        #expect(model.map { $0["source"] as? String } == ["model"])
        #expect(model.first?["excerpt"] as? String == "Our whole team was run off its feet with the festive rush")
        #expect((model.first?["score"] as? Double).map { $0 > 0.5 && $0 <= 1 } == true)
        let wrong = try ReboundProcess.run(["lint", "--layer", "neural"], stdin: "x")
        #expect(wrong.status == 2)
    }

    @Test("model-features prints each reply's sentences, feature ids and phrase categories for training")
    func modelFeatures() throws {
        let input = #"{"id": "a", "text": "Sorry for any inconvenience. It ships today."}"# + "\n"
        let result = try ReboundProcess.run(["model-features"], stdin: input)
        #expect(result.status == 0)
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "a")
        let sentences = try #require(object["sentences"] as? [[String: Any]])
        #expect(sentences.map { $0["start"] as? Int } == [0, 29])
        #expect(sentences.map { $0["phrase"] as? [String] } == [["non-apology"], []])
        #expect(sentences.allSatisfy { (($0["features"] as? [Int]) ?? []).count >= 6 })
    }

    @Test("--fix prints the fixed reply; what needs judgement goes to stderr and sets the exit status")
    func fix() throws {
        let fixable = try ReboundProcess.run(
            ["lint", "--fix"], stdin: "Hi Ana,\nThe courier lost your parcel. Sorry, we were short-staffed.\n")
        #expect(fixable.stdout == "Hi Ana,\nWe lost your parcel. Sorry.\n")
        #expect(fixable.stderr.hasSuffix("rebound: 2 fixes applied, 0 left\n"))
        #expect(fixable.status == 0)
        let left = try ReboundProcess.run(
            ["lint", "--fix"], stdin: "The courier lost it. As per our policy, no refund.")
        #expect(left.stdout == "We lost it. As per our policy, no refund.")
        #expect(left.stderr.contains("warning: policy:"))
        #expect(left.stderr.hasSuffix("rebound: 1 fix applied, 1 left\n"))
        #expect(left.status == 1)
    }

    @Test("--fix with json and jsonl: text, applied and the findings left, one object per reply")
    func fixJSON() throws {
        let input =
            #"{"id": 7, "text": "The warehouse team has sent the wrong size."}"# + "\n" + #"{"id": 8, "text": "Fine."}"#
            + "\n"
        let result = try ReboundProcess.run(["lint", "--fix", "--input", "jsonl"], stdin: input)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                #"{"id":7,"text":"We have sent the wrong size.","applied":1,"findings":[]}"#,
                #"{"id":8,"text":"Fine.","applied":0,"findings":[]}"#,
            ])
        #expect(result.status == 0)
        let whole = try ReboundProcess.run(["lint", "--fix", "--format", "json"], stdin: "Mistakes were made.")
        #expect(whole.stdout == #"{"text":"We made mistakes.","applied":1,"findings":[]}"# + "\n")
        let many = try ReboundProcess.run(["lint", "--fix", "a.txt", "b.txt"])
        #expect(many.status == 2)
        #expect(many.stderr.contains("--fix prints one reply"))
    }

    @Test("a reply too large for the memory limit is one line before any work, not a crash trace")
    func memoryLimit() throws {
        let directory = try TemporaryDirectory()
        let huge = try directory.write("huge.txt", String(repeating: "we were short-staffed. ", count: 440_000))
        let result = try ReboundProcess.run(
            ["-c", "ulimit -v 400000; exec \"$0\" lint \"$1\"", ReboundProcess.executable.path, huge.path],
            executable: "/bin/sh")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix(
                "rebound: the reply in \(huge.path) (10 MB) needs about 451 MB of memory, more than the limit of 391 MB"
            ))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let line = #"{"id": 1, "text": ""# + String(repeating: "we were short-staffed. ", count: 440_000) + "\"}\n"
        let streamed = try ReboundProcess.run(
            ["-c", "ulimit -v 400000; exec \"$0\" lint --input jsonl --format json", ReboundProcess.executable.path],
            executable: "/bin/sh", stdin: line + #"{"id": 2, "text": "Fine."}"# + "\n")
        #expect(streamed.status == 2)
        let lines = streamed.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""error":"the reply on line 1 (10 MB) needs about"#) == true)
        #expect(lines.last == #"{"id":2,"findings":[]}"#)
    }
}
