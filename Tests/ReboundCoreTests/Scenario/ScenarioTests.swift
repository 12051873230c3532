import ReboundChecker
import ReboundLanguage
import ReboundScenario
import ReboundSession
import ReboundText
import Testing

@Suite("playbook tests and exploration")
struct ScenarioTests {
    @Test("test files parse into actions and expectations with their lines")
    func parse() throws {
        let (file, diagnostics) = ScenarioParser.parse(
            Array(
                """
                # comment
                playbook demo
                test "one"
                  answer  Maria Lopez
                  answer "  "
                  choose 2
                  confirm
                  skip "no thread"
                  draft "Line one\\nline \\"two\\""
                  accept RB207 "asked for it"
                  expect finding excuse at 2:5
                  expect no finding blame
                  expect no findings
                  expect value name "Maria Lopez"
                """.utf8))
        #expect(diagnostics.isEmpty)
        #expect(file.playbook?.value == "demo")
        let kinds = try #require(file.scenarios.first).lines.map(\.kind)
        #expect(kinds[0] == .input(.answer("Maria Lopez")))
        #expect(kinds[1] == .input(.answer("  ")))
        guard case .choose(let option) = kinds[2] else {
            Issue.record("expected choose")
            return
        }
        #expect(option.value == "2")
        #expect(kinds[4] == .input(.skip(reason: "no thread")))
        #expect(kinds[5] == .input(.draft("Line one\nline \"two\"")))
        #expect(kinds[6] == .input(.accept(rule: "RB207", reason: "asked for it")))
        #expect(file.scenarios[0].lines[7].range.start.line == 11)
    }

    static let risky = Playbook.check(
        demoHeader + """
            step a "A"
              choose how "How?"
                option ask "Ask" -> b
                option skip "Skip" -> c
            step b "B"
              ask name "Name?" one of ann, bo
              next c
            step c "C"
              say Hello {name}.
              choose again "Again?"
                option loop "Loop" -> c
                option stop "Stop" -> d
            step d "D"
              done resolved
            """
    ).playbook

    @Test("exploration finds a value shown unresolved on some path, and is reproducible by seed")
    func explore() {
        let first = ExploreReport.explore(Self.risky, walks: 50, seed: 3, checker: SharedChecker(sharedChecker))
        let second = ExploreReport.explore(Self.risky, walks: 50, seed: 3, checker: SharedChecker(sharedChecker))
        #expect(first.problems == ["step 'c' shows \"Hello {name}.\" with a value not asked on this path"])
        #expect(first.problems == second.problems && first.outcomes == second.outcomes)
        #expect(first.outcomes[.resolved] == 50)
    }

    @Test("exploration answers amount questions with money, and checks that nonsense is refused")
    func exploreAmounts() {
        let playbook = Playbook.check(
            demoHeader
                + "step a \"A\"\n  ask value \"Value?\" amount\n  ask email \"Email?\" identifies customer\n  done lost\n"
        ).playbook
        let report = ExploreReport.explore(playbook, walks: 40, seed: 5, checker: SharedChecker(sharedChecker))
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.outcomes[.lost] == 40)
    }

    @Test("a loop with no way out is reported with the steps it cycles through")
    func loop() {
        let playbook = Playbook.check(
            demoHeader
                + "step a \"A\"\n  choose c \"C?\"\n    option x \"X\" -> a\n    option y \"Y\" -> a\n  done resolved\n"
        ).playbook
        let report = ExploreReport.explore(
            playbook, walks: 2, seed: 1, checker: SharedChecker(sharedChecker), maximumInputs: 20)
        #expect(report.problems.first?.hasPrefix("no way out after 20 inputs; the last steps were a → a") == true)
    }
}

/// Failure messages say what happened and why, where the test went wrong.
@Suite("playbook test failure messages")
struct ScenarioFailureMessageTests {
    static let playbook = Playbook.check(
        demoHeader + """
            step a "A"
              ask name "Name?"
            step note "Note"
              say Read the notes.
            step b "B"
              draft "Write to {name}."
              done resolved
            """
    ).playbook

    /// The failure message of the one test in `body`.
    func failure(_ body: String) throws -> String {
        let (file, diagnostics) = ScenarioParser.parse(Array("playbook demo\ntest \"t\"\n\(body)".utf8))
        #expect(diagnostics.isEmpty)
        let (results, _) = ScenarioRunner.run(file, playbook: Self.playbook, checker: SharedChecker())
        return try #require(results.first?.failure?.message)
    }

    @Test("a refused send explains an outcome that did not come; findings say what they are")
    func messages() throws {
        let findings = try failure(
            "  answer Ann\n  draft \"Sorry for any inconvenience, it is our policy.\"\n  expect no findings\n")
        #expect(findings.hasPrefix("expected no findings, got RB"), "\(findings)")
        #expect(findings.contains(" (non-apology: "), "\(findings)")
        #expect(
            try failure("  answer Ann\n  draft \"Hi Ann, all fixed.\"\n  expect finding excuse\n").hasPrefix(
                "expected an excuse finding, got"))
        // A card number is an error-level finding (RB214): the send is refused.
        let refused = try failure(
            "  answer Ann\n  draft \"Ann, we refunded card 4111 1111 1111 1111.\"\n  send\n  expect rejected\n  expect outcome resolved\n"
        )
        #expect(
            refused.hasPrefix("expected outcome 'resolved', got none yet (the last send was refused: "), "\(refused)")
    }

    @Test("expecting a step that asks nothing says why a session never waits there")
    func stepWithoutPrompt() throws {
        let message = try failure("  answer Ann\n  expect step note\n")
        #expect(
            message
                == "expected step 'note', got 'b' (step 'note' asks nothing, so a session never waits there: expect the step it leads to)"
        )
    }
}

/// A test with an `examples` table runs once per row, with `<column>` filled in.
@Suite("scenario outlines")
struct ScenarioOutlineTests {
    static let playbook = Playbook.check(
        demoHeader + """
            step a "A"
              ask name "Name?"
              choose how "How?"
                option call "Call" -> b
                option mail "Mail" -> c
                option chat "Chat" -> c
            step b "B"
              done resolved
            step c "C"
              done pending
            """
    ).playbook

    static func parse(_ text: String) -> (ScenarioFile, [Diagnostic]) {
        ScenarioParser.parse(Array(text.utf8))
    }

    @Test("every row is a test of its own, named from the row, failing at the template's line")
    func expands() throws {
        let (file, diagnostics) = Self.parse(
            """
            playbook demo
            test "contact by <how>"
              answer <name>
              choose <how>
              expect value name "<name>"
              expect outcome <outcome>
            examples
              | name | how  | outcome  |
              | Ann  | call | resolved |
              | Bo   | mail | pending  |
              | Cy   | chat | resolved |

            test "plain"
              answer Di
              choose call
              expect outcome resolved
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(file.scenarios.map(\.name.value) == ["contact by call", "contact by mail", "contact by chat", "plain"])
        #expect(file.scenarios[1].lines.first?.kind == .input(.answer("Bo")))
        #expect(ScenarioRunner.validate(file, against: Self.playbook).isEmpty)
        let (results, coverage) = ScenarioRunner.run(file, playbook: Self.playbook, checker: SharedChecker())
        #expect(results.map(\.passed) == [true, true, false, true])
        #expect(results[2].failure?.line == 6)
        #expect(results[2].failure?.message == "expected outcome 'resolved', got 'pending'")
        #expect(coverage.items.filter { $0.kind == .options }.allSatisfy { $0.covered })
    }

    @Test("a placeholder with no column, a short row, an empty table and lines after the table are reported")
    func mistakes() {
        let (_, diagnostics) = Self.parse(
            """
            playbook demo
            test "t"
              answer <nmae>
            examples
              | name |
              | Ann  |
              | Bo | extra |
              answer late
            test "empty"
              answer x
            examples
            """)
        #expect(
            diagnostics.map(\.message) == [
                "no column 'nmae' in the examples table",
                "this row has 2 cells, the header 1",
                "'answer' comes after the test's examples table",
                "the examples table has no rows",
            ])
        #expect(diagnostics.first?.fixIt == "did you mean '<name>'?")
    }

    @Test("a row that makes a line wrong is reported once, at the template line, with the row")
    func rowErrors() {
        let (_, diagnostics) = Self.parse(
            """
            playbook demo
            test "t"
              expect finding excuse at <at>
            examples
              | at   |
              | 1:5  |
              | here |
            """)
        #expect(
            diagnostics.map(\.message) == [
                "in example row 2: expected LINE:COLUMN after 'at', such as 1:11, found 'here'"
            ])
        #expect(diagnostics.first?.range.start.line == 3)
    }
}
