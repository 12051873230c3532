import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundText
import Testing

@Suite("playbook semantic checks")
struct PlaybookValidationTests {
    func codes(_ body: String) -> [DiagnosticCode] {
        Playbook.check(demoHeader + body).diagnostics.map(\.code)
    }

    @Test("an option pointing at an unknown step suggests the nearest id")
    func unknownOptionTarget() throws {
        let source = MarkedSource(
            demoHeader + """
                step own "Own"
                  choose remedy "Remedy?"
                    option refund "Refund" -> 1️⃣repyl
                    option resend "Resend" -> reply
                step reply "Reply"
                  done resolved
                """)
        let diagnostics = Playbook.check(source.text).diagnostics
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.code == .unknownStep)
        #expect(diagnostic.range.start == source["1"])
        #expect(diagnostic.range.end.column == source["1"].column + 5)
        #expect(diagnostic.fixIt == "did you mean 'reply'?")
    }

    @Test("a step without next or done falls through to the following step")
    func fallThrough() {
        #expect(codes("step a \"A\"\n  say One.\nstep b \"B\"\n  done resolved\n").isEmpty)
        #expect(codes("step a \"A\"\n  say One.\n") == [.fallsOffEnd])
    }

    @Test("options without a target continue with the step's own exit")
    func mixedOptions() {
        let body = """
            step a "A"
              choose c "C?"
                option stay "Stay"
                option jump "Jump" -> z
            step b "B"
              done resolved
            step z "Z"
              done escalated
            """
        #expect(codes(body).isEmpty)
    }

    @Test("a loop is fine while some path leaves it; a closed loop is not")
    func loops() {
        let open = """
            step ask "Ask"
              choose again "Again?"
                option yes "Yes" -> ask
                option no "No" -> end
            step end "End"
              done resolved
            """
        #expect(codes(open).isEmpty)
        #expect(codes("step a \"A\"\n  next b\nstep b \"B\"\n  next a\n") == [.noPathToDone, .noPathToDone])
    }

    @Test("unreachable steps are warnings, also beside a broken jump, which is taken to go to its did-you-mean")
    func unreachable() {
        #expect(codes("step a \"A\"\n  done resolved\nstep b \"B\"\n  done lost\n") == [.unreachableStep])
        // A jump with no step near its name leads nowhere: what it cannot explain is reported.
        #expect(
            codes("step a \"A\"\n  next elsewhere\nstep b \"B\"\n  done lost\n") == [.unknownStep, .unreachableStep])
        // A misspelt jump goes where it was meant: 'reply' is reached, 'b' is not.
        #expect(
            codes("step a \"A\"\n  next repyl\nstep b \"B\"\n  done lost\nstep reply \"R\"\n  done resolved\n")
                == [.unknownStep, .unreachableStep])
    }

    @Test("every problem in one pass: a broken jump or misspelt keyword hides nothing it does not explain")
    func everyProblemInOnePass() {
        let source =
            demoHeader + """
                step greet "Greet"
                  ask name "Name?"
                  nxet reply
                step reply "Reply"
                  say Hello {name}
                  next clsoe
                step close "Close"
                  done resolved
                step loop-a "Loop A"
                  say Tell {nmae}
                  next loop-b
                step loop-b "Loop B"
                  next loop-a
                """
        let diagnostics = Playbook.check(source).diagnostics
        #expect(
            diagnostics.map(\.code) == [
                .unknownKeyword, .unknownStep, .unreachableStep, .undefinedValue, .unreachableStep,
            ],
            "\(diagnostics.map(\.message))")
        // The misspelt keyword is read as the keyword meant: 'greet' goes to 'reply'.
        #expect(diagnostics[0].edits == [SourceEdit(diagnostics[0].range, "next")])
        #expect(diagnostics[3].message == "no question asks for '{nmae}'")
    }

    @Test("a step that runs off its end into a step other steps jump to is warned, with the line that says so")
    func fallThroughIntoBranch() throws {
        let source =
            demoHeader + """
                step start "Start"
                  choose how "How?"
                    option fine "Fine" -> reply
                    option angry "Angry" -> escalate
                step reply "Reply"
                  draft "Write to them."
                    expect timeframe
                step escalate "Escalate"
                  done escalated
                """
        let diagnostics = Playbook.check(source).diagnostics
        let warning = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(warning.code == .fallsThrough)
        #expect(warning.severity == .warning)
        #expect(
            warning.message
                == "step 'reply' has no 'next' or 'done', so it runs on into step 'escalate', which line 7 jumps to")
        #expect(warning.fixIt == "add 'next escalate' if that is meant, or 'done OUTCOME'")
        let fixed = warning.edits.applied(to: source)
        #expect(fixed.contains("    expect timeframe\n  next escalate\nstep escalate"))
        #expect(Playbook.check(fixed).diagnostics.isEmpty)
        // A playbook read in order (no jump into the next step) runs on without a word.
        #expect(codes("step a \"A\"\n  say Hi\nstep b \"B\"\n  done resolved\n").isEmpty)
    }

    @Test("a second amount or customer question on one path is warned; on separate branches it is not")
    func secondSpecialAsk() {
        #expect(
            codes("step a \"A\"\n  ask cost \"Cost?\" amount\n  ask refund \"Refund?\" amount\n  done resolved\n")
                == [.repeatedSpecialAsk])
        #expect(
            codes(
                "step a \"A\"\n  ask email \"Email?\" identifies customer\n  next b\nstep b \"B\"\n  ask phone \"Phone?\" identifies customer\n  done resolved\n"
            ) == [.repeatedSpecialAsk])
        let branches = """
            step a "A"
              choose how "How?"
                option card "Card" -> card
                option cash "Cash" -> cash
            step card "Card"
              ask charged "Charged?" amount
              done resolved
            step cash "Cash"
              ask paid "Paid?" amount
              done resolved
            """
        #expect(codes(branches).isEmpty)
    }

    @Test("a value asked on only one branch is a warning where the branches meet")
    func valueOnOneBranch() throws {
        let source = MarkedSource(
            demoHeader + """
                step a "A"
                  choose how "How?"
                    option phone "Phone" -> phone
                    option chat "Chat" -> reply
                step phone "Phone"
                  ask number "Number?"
                  next reply
                step reply "Reply"
                  say Call {1️⃣number}.
                  done resolved
                """)
        let diagnostic = try #require(Playbook.check(source.text).diagnostics.first)
        #expect(diagnostic.code == .valueMaybeUndefined)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.range.start == source["1"])
        #expect(diagnostic.message.contains("step 'a'"))
    }

    @Test("a value asked on every branch is defined where they meet")
    func valueOnEveryBranch() {
        let body = """
            step a "A"
              choose how "How?"
                option phone "Phone" -> phone
                option chat "Chat" -> chat
            step phone "Phone"
              ask contact "Number?"
              next reply
            step chat "Chat"
              ask contact2 "Handle?"
              next reply
            step reply "Reply"
              say Use {how}.
              done resolved
            """
        #expect(codes(body).isEmpty)
    }

    @Test("a value used before its question in the same step is an error")
    func useBeforeAskInStep() {
        #expect(
            codes("step a \"A\"\n  say Hi {name}.\n  ask name \"Name?\"\n  done resolved\n") == [.valueBeforeDefinition]
        )
        #expect(codes("step a \"A\"\n  ask name \"Name?\"\n  say Hi {name}.\n  done resolved\n").isEmpty)
    }

    @Test("values in draft checks count as uses: mention {x}, expect name and the failure's {x}")
    func draftUses() {
        let body = """
            step a "A"
              draft "Write."
                expect mention {order}, name
                failure "{item} arrived broken"
              done resolved
            """
        #expect(codes(body) == [.undefinedValue, .undefinedValue, .undefinedValue])
    }

    @Test("a draft names one failure, not empty")
    func failureLine() {
        let body = """
            step a "A"
              draft "Write."
                failure "we lost it"
                failure " "
              done resolved
            """
        #expect(codes(body) == [.repeatedSetting, .emptyText])
        #expect(codes("step a \"A\"\n  failure \"x\"\n  done resolved\n") == [.misplacedLine])
    }

    @Test("a choice of one option is a warning; of none, an error")
    func optionCounts() {
        #expect(codes("step a \"A\"\n  choose c \"C?\"\n    option x \"X\"\n  done resolved\n") == [.singleOption])
        #expect(codes("step a \"A\"\n  choose c \"C?\"\n  done resolved\n") == [.chooseWithoutOptions])
    }

    @Test("a step may branch only once")
    func twoBranches() {
        let body = """
            step a "A"
              choose c "C?"
                option x "X" -> b
                option y "Y" -> b
              choose d "D?"
                option x "X" -> b
                option y "Y" -> b
            step b "B"
              done resolved
            """
        #expect(codes(body) == [.conflictingExit])
    }

    @Test("a playbook with ten different mistakes gets all ten reported with locations")
    func tenMistakes() {
        let source = """
            playbook ten "Ten mistakes"
            version one
            summary Every line here is wrong in its own way.
            tags test

            step own "Own it"
              sya Hello.
              ask order "Order?" matching /[0-9]+
              ask order "Again?"
              say Hi {nme}.
              choose remedy "Remedy?"
                option refund "Refund" -> repyl
                option resend "Resend" -> reply
              draft ""
                allow excuses

            step reply "Reply"
              done resolvd

            step orphan "Orphan"
              done lost
            """
        let diagnostics = Playbook.check(source).diagnostics
        let codes = Set(diagnostics.map(\.code))
        let expected: Set<DiagnosticCode> = [
            .invalidNumber, .unknownKeyword, .unterminatedRegex, .duplicateID, .undefinedValue, .unknownStep,
            .emptyText, .unknownRule, .unknownOutcome, .unreachableStep,
        ]
        // The unknown jump hides the orphan warning, so it is checked without that mistake.
        #expect(codes.isSuperset(of: expected.subtracting([.unreachableStep])))
        #expect(diagnostics.allSatisfy { $0.range.start.line > 1 })
        let withoutBrokenJump = source.replacingOccurrences(of: "-> repyl", with: "-> reply")
        #expect(Set(Playbook.check(withoutBrokenJump).diagnostics.map(\.code)).contains(.unreachableStep))
    }
}
