import ReboundLanguage
import ReboundText
import Testing

/// One error per mistake: the parser reads a line the way its author most likely meant
/// it, so a typo is reported once and the rest of the line and file are still checked.
@Suite("parser recovery: one error per mistake")
struct ParserRecoveryTests {
    func diagnostics(_ body: String) -> [Diagnostic] {
        Playbook.check(demoHeader + body).diagnostics
    }

    @Test("a misspelt header keyword is one error, not also a missing header")
    func headerTypo() throws {
        let source = "playbok demo \"Demo\"\nversion 1\nsummary Demo.\nstep a \"A\"\n  done resolved\n"
        let (playbook, diagnostics) = Playbook.check(source)
        #expect(diagnostics.map(\.code) == [.unknownKeyword])
        #expect(diagnostics.first?.fixIt == "did you mean 'playbook'?")
        #expect(playbook.id?.value == "demo")
        #expect(diagnostics[0].edits.applied(to: source).hasPrefix("playbook demo"))
    }

    @Test("a misspelt keyword whose line does not read as the keyword meant is dropped, once")
    func keywordTypoWithBadArguments() {
        let found = diagnostics("step a \"A\"\n  nxet \"quoted\"\n  done resolved\n")
        #expect(found.map(\.code) == [.unknownKeyword])
    }

    @Test("'identifies-customer' is one error with the setting meant, and it still identifies the customer")
    func identifiesCustomerTypo() throws {
        let found = diagnostics(
            "step a \"A\"\n  ask email \"Email?\" identifies-customer\n  red-carpet 2 \"Gift\"\n  done resolved\n")
        let error = try #require(found.first)
        #expect(found.count == 1, "\(found.map(\.message))")
        #expect(error.message == "unknown setting 'identifies-customer' after the question")
        #expect(error.fixIt == "did you mean 'identifies customer'?")
        #expect(error.edits.map(\.replacement) == ["identifies customer"])
    }

    @Test("follow-up delays: the short forms are read, business days are one error that says what is accepted")
    func followUpUnits() throws {
        let short = Playbook.check(
            demoHeader + "step a \"A\"\n  follow-up in 24h \"Check\"\n  follow-up in 2d \"Again\"\n  done resolved\n")
        #expect(short.diagnostics.isEmpty)
        let hours = short.playbook.steps[0].items.compactMap { item -> Int? in
            if case .followUp(let followUp) = item { followUp.hours } else { nil }
        }
        #expect(hours == [24, 48])
        let business = diagnostics("step a \"A\"\n  follow-up in 7 business days \"Check\"\n  done resolved\n")
        #expect(business.count == 1)
        #expect(business.first?.message.contains("follow-ups count calendar time") == true)
        #expect(business.first?.message.contains("'24h', '2d', '1w'") == true)
        #expect(diagnostics("step a \"A\"\n  follow-up in 3 dayz \"Check\"\n  done resolved\n").count == 1)
    }

    @Test("'mention' with a bare value is one error with its fix, and the rest of the line is read")
    func bareMention() throws {
        let source = MarkedSource(
            demoHeader + """
                step a "A"
                  ask order "Order?"
                  ask amount "Amount?" amount
                  draft "Reply."
                    expect mention 1️⃣order, mention {amount}, timeframe
                  done resolved
                """)
        let (playbook, found) = Playbook.check(source.text)
        #expect(found.map(\.code) == [.expectedArgument])
        #expect(found.first?.range.start == source["1"])
        #expect(found.first?.edits.map(\.replacement) == ["{order}"])
        guard case .draft(let draft) = playbook.steps[0].items.last else {
            Issue.record("no draft")
            return
        }
        #expect(draft.expectations.count == 3)
    }

    @Test("a line between a choose and its options, or a draft and its checks, is the one reported")
    func lineBetweenBlockAndItsLines() throws {
        let choice = diagnostics(
            """
            step a "A"
              choose remedy "Remedy?"
              say Pick one.
              option refund "Refund" -> b
              option credit "Credit" -> b
            step b "B"
              done resolved
            """)
        #expect(choice.map(\.code) == [.misplacedLine])
        #expect(
            choice.first?.message
                == "this 'say' line comes between 'choose remedy' (line 5) and its options; they must follow one another directly"
        )
        #expect(choice.first?.range.start.line == 6)
        let draft = diagnostics(
            """
            step a "A"
              draft "Reply."
              follow-up in 2 days "Check."
                expect timeframe
              done resolved
            """)
        #expect(draft.map(\.code) == [.misplacedLine])
        #expect(
            draft.first?.message
                == "this 'follow-up' line comes between 'draft' (line 5) and its 'expect'; they must follow one another directly"
        )
    }

    @Test("a pattern mistake is pointed at where it is, in words")
    func patternMistakes() throws {
        let cases: [(pattern: String, at: String, message: String)] = [
            ("[A-Z{3}-[0-9]{5}", "[0-9]", "'[' inside the character class '[A-Z{3}-', which has no ']' yet"),
            ("[0-9]{6,3}", "{6,3}", "'{6,3}' asks for at least 6 and at most 3"),
            ("*abc", "*", "'*' has nothing before it to repeat"),
            ("(ab", "(", "this '(' is never closed with ')'"),
            ("ab)", ")", "')' closes no '('"),
            ("[z-a]", "z-a", "the range 'z-a' runs backwards"),
        ]
        for (pattern, at, message) in cases {
            let line = "  ask code \"Code?\" matching /\(pattern)/ example \"x\""
            let found = diagnostics("step a \"A\"\n\(line)\n  done resolved\n")
            #expect(found.map(\.code) == [.invalidRegex], "\(pattern): \(found.map(\.message))")
            let column =
                line.distance(from: line.startIndex, to: line.range(of: "/")!.lowerBound) + 1
                + pattern.distance(from: pattern.startIndex, to: pattern.range(of: at)!.lowerBound) + 1
            #expect(found.first?.range.start.column == column, "\(pattern)")
            #expect(found.first?.message.contains(message) == true, "\(found.first?.message ?? "")")
        }
    }

    @Test("braces around something that is not a value id are warned, with the id they could be")
    func malformedReferences() throws {
        let found = diagnostics(
            "step a \"A\"\n  ask name \"Name?\"\n  say Ticket {ticket number} for {name.first}, not {}\n  done resolved\n"
        )
        #expect(found.map(\.code) == [.malformedReference, .malformedReference])
        #expect(found.map { $0.edits.map(\.replacement) } == [["{ticket-number}"], ["{name}"]])
        #expect(found.allSatisfy { $0.severity == .warning })
    }

    @Test("applying every edit the diagnostics carry leaves a playbook with no errors")
    func editsFixTheFile() {
        let source = """
            playbok demo "Demo"
            version 1
            summary Demo.
            score erors 2

            step greet “Greet”
              ask name Customer's name? identifies-customer
              sya Hello {nmae}
              nxet reply
            step reply "Reply"
              draft "Write to {name}."
                expect mention name, timefrmae
                allow excuses
              done resolvd
            """
        let diagnostics = Playbook.check(source).diagnostics
        let edits = diagnostics.flatMap(\.edits)
        #expect(edits.count == diagnostics.count, "every mistake here is mechanical: \(diagnostics.map(\.message))")
        let fixed = edits.applied(to: source)
        #expect(Playbook.check(fixed).diagnostics.isEmpty, "\(fixed)")
    }
}
