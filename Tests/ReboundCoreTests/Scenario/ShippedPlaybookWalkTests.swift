import ReboundChecker
import ReboundLanguage
import ReboundSession
import ReboundTranscript
import Testing

@testable import ReboundScenario

/// Walks every path of every shipped playbook (each option of each choice; answers from the
/// playbook's own examples and allowed answers; every draft sent) and reads what the agent
/// is shown, in order. The walk fails where a playbook asks about something that has not
/// happened yet, as far as the playbook's own text and step order can tell:
///
/// 1. No question, guidance or follow-up shows a `{value}` that has no answer on this path.
/// 2. A checklist item about the reply (it says "reply", "draft", "wrote" or "blame") comes
///    only after a reply was sent on this path.
/// 3. A choice that asks about a promise (its question shows an answer given before the
///    last reply, such as the promised time) never comes straight after sending: guidance
///    telling the agent when to come back comes first.
/// 4. A path that ends `resolved` has sent a reply; and once a reply was sent, a question
///    with an example answer (a new time, a number: something promised) is answered in a
///    later reply, so nothing promised after the first reply is left unsaid.
@Suite("shipped playbooks, walked")
struct ShippedPlaybookWalkTests {
    struct Walk {
        var session: Session
        var trail: [String] = []
        var sentReplies = 0
        var sayAfterLastSend = false
        var answersBeforeLastSend: [String] = []
        var answers: [String] = []
        /// Answers with an example, given after a reply was sent and not yet in a later one.
        var untold: [String] = []
    }

    static func answer(for prompt: Prompt) -> String {
        if let example = prompt.example { return example }
        if let allowed = prompt.allowed.first { return allowed }
        return prompt.expectsAmount ? "$120" : "Jo"
    }

    static func problems(in playbook: Playbook) -> [String] {
        var problems: [String] = []
        let (session, opening) = Session.start(playbook, checker: SharedChecker(sharedChecker))
        var start = Walk(session: session)
        check(opening, in: &start, problems: &problems)
        var pending = [start]
        while var walk = pending.popLast() {
            guard walk.trail.count < 200 else {
                problems.append("a path longer than 200 inputs: \(walk.trail.suffix(5))")
                continue
            }
            guard let prompt = walk.session.currentPrompt else {
                if walk.session.outcome == .resolved, walk.sentReplies == 0 {
                    problems.append("\(walk.trail): ends resolved with no reply sent")
                }
                for answer in walk.untold {
                    problems.append(
                        "\(walk.trail): '\(answer)' was asked after the reply and never reaches the customer")
                }
                continue
            }
            switch prompt.kind {
            case .choose:
                for option in prompt.options {
                    var branch = walk
                    branch.trail.append("choose \(option.id)")
                    let actions = branch.session.handle(.answer(option.id))
                    check(actions, in: &branch, problems: &problems)
                    pending.append(branch)
                }
                continue
            case .ask:
                let text = answer(for: prompt)
                walk.trail.append("answer \(text)")
                walk.answers.append(text)
                if walk.sentReplies > 0, prompt.example != nil { walk.untold.append(text) }
                check(walk.session.handle(.answer(text)), in: &walk, problems: &problems)
            case .confirm:
                let lowered = prompt.text.lowercased()
                if ["reply", "draft", "wrote", "blame"].contains(where: lowered.contains), walk.sentReplies == 0 {
                    problems.append("\(walk.trail): '\(prompt.text)' is ticked before any reply was sent")
                }
                walk.trail.append("confirm")
                check(walk.session.handle(.answer("y")), in: &walk, problems: &problems)
            case .draft:
                let values = walk.session.readableValues.values.joined(separator: ", ")
                walk.trail.append("draft")
                _ = walk.session.handle(.draft("Hi Jo, we got this wrong and it is fixed by Friday: \(values)."))
                for finding in walk.session.workingDraft?.blocking ?? [] {
                    _ = walk.session.handle(.accept(rule: finding.rule, excerpt: finding.excerpt, reason: "walk"))
                }
                let sent = walk.session.handle(.send)
                walk.sentReplies += 1
                walk.untold.removeAll { values.contains($0) }
                walk.sayAfterLastSend = false
                walk.answersBeforeLastSend = walk.answers
                check(sent, in: &walk, problems: &problems)
            }
            pending.append(walk)
        }
        return problems
    }

    /// Rules 1 and 3 on what an input caused.
    static func check(_ actions: [SessionAction], in walk: inout Walk, problems: inout [String]) {
        for action in actions {
            switch action {
            case .rejected(let message): problems.append("\(walk.trail): refused: \(message)")
            case .say(_, let text):
                walk.sayAfterLastSend = true
                if text.containsUnresolvedValue {
                    problems.append("\(walk.trail): guidance '\(text)' shows an unanswered value")
                }
            case .record(let event) where event.kind == .followUp:
                if (event.text ?? "").containsUnresolvedValue {
                    problems.append("\(walk.trail): follow-up '\(event.text ?? "")' shows an unanswered value")
                }
            case .prompt(let prompt):
                if prompt.text.containsUnresolvedValue {
                    problems.append("\(walk.trail): '\(prompt.text)' shows an unanswered value")
                }
                if prompt.kind == .choose, walk.sentReplies > 0, !walk.sayAfterLastSend,
                    walk.answersBeforeLastSend.contains(where: { $0.count > 2 && prompt.text.contains($0) })
                {
                    problems.append("\(walk.trail): '\(prompt.text)' asks about a promise right after making it")
                }
            default: break
            }
        }
    }

    @Test(
        "every path of every shipped playbook asks nothing before it has happened",
        arguments: ShippedPlaybooks.all.map(\.name))
    func walk(name: String) throws {
        let bytes = try #require(ShippedPlaybooks.all.first { $0.name == name }?.bytes)
        let (playbook, diagnostics) = Playbook.check(String(decoding: bytes, as: UTF8.self))
        #expect(!diagnostics.hasErrors)
        #expect(Self.problems(in: playbook) == [], "\(name)")
    }

    @Test("the rules catch what they describe")
    func rulesCatch() {
        let (playbook, _) = Playbook.check(
            demoHeader + """
                step own "Own"
                  ask name "Name?"
                  confirm "You did not blame the kitchen."
                  ask time "Ready by?" matching /[0-9]{2}:[0-9]{2}/ example "19:40"
                  draft "Tell {name} it is ready by {time}."
                  choose kept "Was it ready by {time}?"
                    option yes "Yes" -> close
                    option no "No" -> slipped

                step slipped "Slipped"
                  ask new-time "New time?" matching /[0-9]{2}:[0-9]{2}/ example "20:15"
                  next close

                step close "Close"
                  done resolved
                """)
        let found = Self.problems(in: playbook)
        #expect(found.contains { $0.contains("'You did not blame the kitchen.' is ticked before any reply was sent") })
        #expect(found.contains { $0.contains("'Was it ready by 19:40?' asks about a promise right after making it") })
        #expect(found.contains { $0.contains("'20:15' was asked after the reply and never reaches the customer") })
    }
}
