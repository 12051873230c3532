import ReboundChecker
import ReboundLanguage
import ReboundSession
import ReboundText
import ReboundTranscript
import Testing

/// The session engine on a playbook that uses every construct.
@Suite("session engine")
struct SessionTests {
    static let playbook: Playbook = {
        let (playbook, diagnostics) = Playbook.check(
            demoHeader + """
                step own "Own it"
                  say Name the mistake first.
                  ask name "Customer's first name?"
                  ask order "Order number for {name}?" matching /[0-9]{6}/
                  ask channel "Channel?" one of email, phone, "live chat"
                  confirm "You read the thread of {name}."

                step plan "Plan"
                  choose remedy "Remedy for {name}?"
                    option express "Express to {name}" -> reply
                    option refund "Refund" -> reply
                    option escalate "Escalate" -> handoff

                step reply "Reply"
                  draft "Write to {name} about {order}."
                    expect mention {order}
                    limit apologies 1
                    avoid "per our policy" because "Quibbling costs trust."
                  draft "Follow up with {name}."
                  follow-up in 3 days "Check {remedy} for {order}."
                  done resolved

                step handoff "Hand off"
                  say Tell {name} who will call.
                  done escalated
                """)
        precondition(!diagnostics.hasErrors, "\(diagnostics)")
        return playbook
    }()

    func start() -> (Session, [SessionAction]) {
        Session.start(Self.playbook, checker: SharedChecker(sharedChecker))
    }

    func prompts(_ actions: [SessionAction]) -> [Prompt] {
        actions.compactMap { if case .prompt(let prompt) = $0 { prompt } else { nil } }
    }

    func events(_ actions: [SessionAction]) -> [SessionEvent] {
        actions.compactMap { if case .record(let event) = $0 { event } else { nil } }
    }

    func rejection(_ actions: [SessionAction]) -> String? {
        actions.lazy.compactMap { if case .rejected(let message) = $0 { message } else { nil } }.first
    }

    /// Drives the session through the first step.
    func throughFirstStep(_ session: inout Session) {
        _ = session.handle(.answer("Maria"))
        _ = session.handle(.answer("123456"))
        _ = session.handle(.answer("Phone"))
        _ = session.handle(.answer("y"))
    }

    @Test("starting shows the guidance, records the step, and asks the first question")
    func starting() {
        let (session, actions) = start()
        #expect(actions.first == .record(SessionEvent(.step, step: "own", text: "Own it")))
        #expect(actions.contains(.say(step: "own", text: "Name the mistake first.")))
        #expect(prompts(actions).map(\.id) == ["name"])
        #expect(session.currentPrompt?.kind == .ask)
    }

    @Test("answers are kept and interpolated into later prompts")
    func interpolation() {
        var (session, _) = start()
        let actions = session.handle(.answer("  Maria "))
        #expect(events(actions).first == SessionEvent(.answer, step: "own", item: "name", text: "Maria"))
        #expect(prompts(actions).first?.text == "Order number for Maria?")
        #expect(session.values["name"] == "Maria")
    }

    @Test("an answer that fails its pattern is recorded, rejected, and asked again")
    func patternValidation() {
        var (session, _) = start()
        _ = session.handle(.answer("Maria"))
        let actions = session.handle(.answer("12-34"))
        #expect(events(actions).first?.kind == .invalidAnswer)
        #expect(events(actions).first?.text == "12-34")
        #expect(rejection(actions)?.contains("[0-9]{6}") == true)
        #expect(session.currentPrompt?.id == "order")
        #expect(rejection(session.handle(.answer("١٢٣٤٥٦"))) != nil, "Arabic-Indic digits are not [0-9]")
        #expect(prompts(session.handle(.answer("123456"))).first?.id == "channel")
    }

    @Test("one of accepts any case and stores the answer as written in the playbook")
    func oneOf() {
        var (session, _) = start()
        _ = session.handle(.answer("Maria"))
        _ = session.handle(.answer("123456"))
        #expect(rejection(session.handle(.answer("fax"))) == "Answer one of: email, phone, live chat.")
        _ = session.handle(.answer("LIVE CHAT"))
        #expect(session.values["channel"] == "live chat")
    }

    @Test("confirm needs y or a skip with a reason; both are recorded")
    func confirm() {
        var (session, _) = start()
        _ = session.handle(.answer("Maria"))
        _ = session.handle(.answer("123456"))
        _ = session.handle(.answer("email"))
        #expect(rejection(session.handle(.answer("n"))) == "Confirm with y, or skip it with a reason.")
        #expect(rejection(session.handle(.skip(reason: " "))) != nil)
        let actions = session.handle(.skip(reason: "thread was deleted"))
        #expect(events(actions).first?.kind == .skip)
        #expect(events(actions).first?.reason == "thread was deleted")
        #expect(session.checklist.map(\.ticked) == [false])
        #expect(events(actions).contains { $0.kind == .step && $0.step == "plan" })
    }

    @Test("choose takes the option id, its number or a unique prefix, and jumps to its step")
    func choose() {
        for (answer, expected) in [("refund", "reply"), ("2", "reply"), ("esc", "handoff"), ("EXPRESS", "reply")] {
            var (session, _) = start()
            throughFirstStep(&session)
            let actions = session.handle(.answer(answer))
            #expect(events(actions).contains { $0.kind == .step && $0.step == expected }, "\(answer)")
            #expect(events(actions).first?.kind == .choice)
        }
        var (session, _) = start()
        throughFirstStep(&session)
        #expect(prompts(session.handle(.back)).first?.kind == .confirm, "back to the checklist item just ticked")
    }

    @Test("an unknown or ambiguous option is rejected with the list")
    func badOption() {
        var (session, _) = start()
        throughFirstStep(&session)
        #expect(session.currentPrompt?.options.map(\.label) == ["Express to Maria", "Refund", "Escalate"])
        #expect(
            rejection(session.handle(.answer("e")))
                == "Pick an option by number or id: 1 express, 2 refund, 3 escalate.")
        #expect(rejection(session.handle(.answer("9"))) != nil)
    }

    @Test("a draft is checked with the step's checks; error findings block sending until accepted")
    func draftChecks() throws {
        var (session, _) = start()
        throughFirstStep(&session)
        _ = session.handle(.answer("refund"))
        #expect(session.currentPrompt?.text == "Write to Maria about 123456.")
        let first = session.handle(.draft("Hi Maria, per our policy we were short-staffed."))
        let findings = try #require(first.lazy.compactMap { if case .findings(let f) = $0 { f } else { nil } }.first)
        #expect(Set(findings.map(\.rule)) == ["RB201", "RB207", "RB213"], "the avoid phrase, not also RB206 on it")
        #expect(
            rejection(session.handle(.send))
                == "Findings at error level must be revised away or accepted with a reason before sending: RB207.")
        #expect(
            rejection(session.handle(.accept(rule: "RB299", reason: "x")))?.contains("RB201, RB207, RB213")
                == true)
        #expect(events(session.handle(.accept(rule: "RB207", reason: "customer quoted it"))).first?.kind == .accept)
        let sent = session.handle(.send)
        #expect(events(sent).first?.kind == .send)
        #expect(session.replies == ["Hi Maria, per our policy we were short-staffed."])
        #expect(prompts(sent).first?.text == "Follow up with Maria.")
    }

    @Test("a revised draft replaces the old one; only the sent reply counts")
    func revision() {
        var (session, _) = start()
        throughFirstStep(&session)
        _ = session.handle(.answer("refund"))
        _ = session.handle(.draft("We were short-staffed."))
        let revised = session.handle(.draft("Hi Maria, order 123456 is refunded today."))
        #expect(revised.contains(.findings([])))
        _ = session.handle(.send)
        #expect(session.replies == ["Hi Maria, order 123456 is refunded today."])
    }

    @Test("apologising again in the next reply of the session is flagged")
    func consecutiveApology() {
        var (session, _) = start()
        throughFirstStep(&session)
        _ = session.handle(.answer("refund"))
        _ = session.handle(.draft("I'm sorry, Maria: order 123456 is refunded."))
        _ = session.handle(.send)
        let actions = session.handle(.draft("Sorry again, the refund shows tomorrow."))
        let rules = actions.compactMap { if case .findings(let f) = $0 { f.map(\.rule) } else { nil } }.first
        #expect(rules?.contains("RB204") == true)
    }

    @Test("the follow-up is recorded and done ends the session with its outcome")
    func finishing() {
        var (session, _) = start()
        throughFirstStep(&session)
        _ = session.handle(.answer("refund"))
        _ = session.handle(.draft("Hi Maria, order 123456 is refunded today."))
        _ = session.handle(.send)
        _ = session.handle(.draft("Checking in: did it arrive?"))
        let actions = session.handle(.send)
        #expect(
            events(actions).contains(
                SessionEvent(.followUp, step: "reply", text: "Check Refund for 123456.", hours: 72)))
        #expect(actions.last == .finished(.resolved))
        #expect(session.isFinished)
        #expect(rejection(session.handle(.answer("more"))) == "The session has ended.")
    }

    @Test("the escalation branch ends escalated")
    func escalation() {
        var (session, _) = start()
        throughFirstStep(&session)
        let actions = session.handle(.answer("3"))
        #expect(actions.contains(.say(step: "handoff", text: "Tell Maria who will call.")))
        #expect(actions.last == .finished(.escalated))
    }

    @Test("back returns to the previous question, in this step or the one before, and offers answers as defaults")
    func back() {
        var (session, _) = start()
        throughFirstStep(&session)
        let actions = session.handle(.back)
        #expect(
            events(actions).prefix(2) == [
                SessionEvent(.back, step: "plan", item: "own"), SessionEvent(.step, step: "own", text: "Own it"),
            ])
        #expect(!actions.contains { if case .say = $0 { true } else { false } }, "guidance is not repeated")
        #expect(prompts(actions).map(\.kind) == [.confirm])
        #expect(session.checklist.isEmpty, "the tick is taken back")
        #expect(prompts(session.handle(.back)).first?.defaultAnswer == "phone")
        #expect(prompts(session.handle(.back)).first?.defaultAnswer == "123456")
        _ = session.handle(.answer(""))
        #expect(session.values["order"] == "123456")
        #expect(session.currentPrompt?.id == "channel")
        #expect(session.currentPrompt?.defaultAnswer == "phone")
        let (fresh, _) = start()
        var first = fresh
        #expect(rejection(first.handle(.back))?.contains("first question") == true)
    }

    @Test(
        "back from a draft keeps it: reaching the prompt again brings it back, checked against the answers as they are")
    func backKeepsDraft() {
        var (session, _) = start()
        throughFirstStep(&session)
        _ = session.handle(.answer("express"))
        _ = session.handle(.draft("Hi Maria, order 123456 ships today, sorry for any inconvenience."))
        #expect(session.workingDraft?.findings.map(\.rule).contains("RB205") == true)
        _ = session.handle(.back)
        #expect(session.currentPrompt?.kind == .choose)
        #expect(session.workingDraft == nil)
        let again = session.handle(.answer("refund"))
        #expect(prompts(again).first?.kind == .draft)
        #expect(session.workingDraft?.text == "Hi Maria, order 123456 ships today, sorry for any inconvenience.")
        _ = session.handle(.send)
        #expect(session.replies.count == 1)
        #expect(rejection(session.handle(.back))?.contains("was sent") == true, "a sent reply cannot be taken back")
    }

    @Test("accept takes one finding by its words; a warning accepted is acknowledged, not an override")
    func acceptOneFinding() {
        var (session, _) = start()
        throughFirstStep(&session)
        _ = session.handle(.answer("express"))
        _ = session.handle(.draft("Order 123456 ships today. We were short-staffed, and our system was down."))
        let excuses = session.workingDraft?.findings.filter { $0.category == .excuse } ?? []
        #expect(excuses.count == 2 && excuses[0].excerpt != excuses[1].excerpt)
        let first = excuses[0]
        let accepted = session.handle(.accept(rule: first.rule, excerpt: first.excerpt, reason: "true and relevant"))
        #expect(accepted.contains(.accepted(rule: first.rule, excerpt: first.excerpt, overrides: false)))
        #expect(events(accepted).first?.text == first.excerpt)
        #expect(session.workingDraft?.open.filter { $0.category == .excuse } == [excuses[1]], "the other stays open")
        #expect(
            rejection(session.handle(.accept(rule: first.rule, excerpt: first.excerpt, reason: "again")))?.contains(
                "accepted already") == true)
        _ = session.handle(.draft("Per our policy, order 123456 ships today."))
        let avoided = session.handle(.accept(rule: "RB207", reason: "the customer asked which policy"))
        #expect(avoided.contains(.accepted(rule: "RB207", excerpt: nil, overrides: true)))
        #expect(session.workingDraft?.blocking.isEmpty == true)
    }

    @Test("inputs of the wrong kind are rejected without changing state")
    func wrongInputs() {
        var (session, _) = start()
        #expect(rejection(session.handle(.send)) == "Type the answer.")
        #expect(rejection(session.handle(.draft("x"))) == "Type the answer.")
        #expect(session.currentPrompt?.id == "name")
        throughFirstStep(&session)
        _ = session.handle(.answer("refund"))
        #expect(rejection(session.handle(.send)) == "Write a draft first.")
        #expect(rejection(session.handle(.answer("hello"))) == "Write the draft, revise it, then send it.")
        #expect(rejection(session.handle(.draft("   "))) == "The draft is empty.")
    }

    /// The demo playbook with one item changed, as a playbook that was never checked can be.
    func start(changing item: Int, ofStep step: Int, _ change: (inout StepItem) -> Void) -> Session {
        var playbook = Self.playbook
        change(&playbook.steps[step].items[item])
        return Session.start(playbook, checker: SharedChecker(sharedChecker)).0
    }

    @Test("a playbook without steps starts no step and refuses every input instead of crashing")
    func playbookWithoutSteps() {
        var playbook = Self.playbook
        playbook.steps = []
        var (session, actions) = Session.start(playbook, checker: SharedChecker(sharedChecker))
        #expect(rejection(actions)?.contains("no steps") == true)
        #expect(session.currentStep == nil && session.currentPrompt == nil)
        for input: SessionInput in [.answer("x"), .draft("x"), .send, .back, .quit] {
            #expect(rejection(session.handle(input)) == "The session has ended.")
        }
    }

    @Test("a choice without options rejects every answer instead of crashing")
    func choiceWithoutOptions() {
        var session = start(changing: 0, ofStep: 1) { item in
            guard case .choose(var choice) = item else { return }
            choice.options = []
            item = .choose(choice)
        }
        throughFirstStep(&session)
        #expect(session.currentPrompt?.kind == .choose)
        #expect(session.currentPrompt?.options == [])
        for answer in ["1", "0", "-9223372036854775808", "refund", ""] {
            #expect(rejection(session.handle(.answer(answer)))?.contains("no options") == true, "\(answer)")
        }
        #expect(session.currentStep?.id.value == "plan")
        #expect(prompts(session.handle(.back)).first?.kind == .confirm)
    }

    @Test("a pattern that does not compile refuses the answer and says why")
    func invalidPattern() {
        var session = start(changing: 2, ofStep: 0) { item in
            guard case .ask(var ask) = item, case .pattern(let pattern) = ask.validation else { return }
            ask.validation = .pattern(Located("[0-9", pattern.range))
            item = .ask(ask)
        }
        _ = session.handle(.answer("Maria"))
        let actions = session.handle(.answer("123456"))
        #expect(events(actions).first?.kind == .invalidAnswer)
        #expect(rejection(actions)?.contains("pattern /[0-9/ is invalid") == true)
        #expect(events(actions).first?.reason == rejection(actions))
        #expect(session.values["order"] == nil)
        #expect(session.currentPrompt?.id == "order")
    }

    @Test("replaying the recorded inputs rebuilds the same state")
    func replay() {
        var (session, opening) = start()
        var recorded = events(opening)
        for input: SessionInput in [
            .answer("Maria"), .answer("bad"), .answer("123456"), .answer("email"), .skip(reason: "no thread"),
            .answer("refund"), .back, .answer(""), .answer(""), .answer(""), .answer("y"), .answer("2"),
            .draft("We were short-staffed."), .draft("Hi Maria, 123456 is refunded."), .send,
        ] {
            recorded += events(session.handle(input))
        }
        var (replayed, _) = start()
        for input in recorded.compactMap(\.input) { _ = replayed.handle(input) }
        #expect(replayed.values == session.values)
        #expect(replayed.replies == session.replies)
        #expect(replayed.currentPrompt == session.currentPrompt)
    }

    @Test("an example replaces the pattern in refusals; 'one of' takes a unique start; a choice reads as its phrase")
    func examplesPrefixesPhrases() throws {
        let source =
            demoHeader + """
                step own "Own"
                  ask time "Ready by?" matching /([01]?[0-9]|2[0-3]):[0-5][0-9]/ example "19:40"
                  ask channel "Channel?" one of email, phone, "live chat"
                  choose remedy "Remedy?"
                    option rush "Their order first, ready in 10 minutes" as "rushed remake"
                    option refund "Refund and leave"
                  follow-up in 1 day "Check the {remedy} by {time} on {channel}."
                  done resolved
                """
        let (playbook, diagnostics) = Playbook.check(source)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let formatted = Playbook.format(Array(source.utf8), playbook)
        #expect(formatted.contains(#"example "19:40""#) && formatted.contains(#"as "rushed remake""#))
        #expect(Playbook.format(Array(formatted.utf8), Playbook.check(formatted).playbook) == formatted)
        var (session, opening) = Session.start(playbook, checker: SharedChecker(sharedChecker))
        #expect(prompts(opening).first?.example == "19:40")
        #expect(
            rejection(session.handle(.answer("7:40pm"))) == "'7:40pm' does not look right: give it like this: 19:40.")
        _ = session.handle(.answer("19:40"))
        #expect(rejection(session.handle(.answer("l"))) == nil, "'l' starts only 'live chat'")
        #expect(session.values["channel"] == "live chat")
        let chosen = session.handle(.answer("rush"))
        #expect(session.values["remedy"] == "rush", "the id is kept")
        #expect(
            events(chosen).contains {
                $0.kind == .followUp && $0.text == "Check the rushed remake by 19:40 on live chat."
            })
    }
}
