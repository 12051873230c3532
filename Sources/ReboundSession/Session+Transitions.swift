import ReboundChecker
import ReboundLanguage
import ReboundText
import ReboundTranscript

extension Session {
    /// Handles one input: the actions to take, in order.
    public mutating func handle(_ input: SessionInput) -> [SessionAction] {
        guard let step = currentStep else { return [.rejected(.sessionEnded)] }
        switch input {
        case .back: return goBack()
        case .quit: return [.record(SessionEvent(.quit, step: step.id.value))]
        case .customerMessage(let text):
            guard !text.trimmed.isEmpty else { return [.rejected(.emptyCustomerMessage)] }
            guard text.utf8.count <= Session.draftLimit else {
                return [.rejected(.customerMessageTooLong(limit: Session.draftLimit))]
            }
            customerMessages.append(text)
            return [.record(SessionEvent(.customer, step: step.id.value, text: text))]
        default: break
        }
        guard itemIndex < step.items.count else { return [.rejected(.nothingWaiting)] }
        if case .recordedAnswer(let text) = input {
            // A recorded answer only skips the checks of an `ask`; elsewhere it is an answer.
            guard case .ask(let ask) = step.items[itemIndex] else { return handle(.answer(text)) }
            return accept(text, for: ask, in: step)
        }
        switch step.items[itemIndex] {
        case .ask(let ask): return answer(ask, input, in: step)
        case .confirm(let confirm): return tick(confirm, input, in: step)
        case .choose(let choice): return choose(choice, input, in: step)
        case .draft(let draft): return work(on: draft, input, in: step)
        case .say, .followUp, .redCarpet, .cause: return [.rejected(.nothingWaiting)]
        }
    }

    // MARK: Moving through steps

    /// Enters a step and runs it up to the first item that needs input.
    mutating func enterStep(_ index: Int) -> [SessionAction] {
        stepIndex = index
        itemIndex = 0
        branchTarget = nil
        draft = nil
        let step = playbook.steps[index]
        return [.record(SessionEvent(.step, step: step.id.value, text: interpolate(step.title.value)))] + run()
    }

    /// Runs items that need no input, then prompts or leaves the step.
    mutating func run() -> [SessionAction] {
        var actions: [SessionAction] = []
        let step = playbook.steps[stepIndex]
        while itemIndex < step.items.count {
            let item = step.items[itemIndex]
            if case .say(let say) = item {
                let text = interpolate(say.text.value)
                actions += [
                    .say(step: step.id.value, text: text), .record(SessionEvent(.say, step: step.id.value, text: text)),
                ]
            } else if let effect = effect(of: item, in: step) {
                actions.append(.record(effect))
            } else {
                if case .draft(let draftItem) = item, draft == nil, var kept = keptDrafts[here] {
                    // Answers may have changed since the draft was written: check it again.
                    kept.findings = check(kept.text, against: draftItem)
                    draft = kept
                }
                if let prompt = currentPrompt { actions.append(.prompt(prompt)) }
                return actions
            }
            itemIndex += 1
        }
        return actions + leaveStep()
    }

    /// The event an item that needs no input records: a follow-up, a red carpet, a cause.
    func effect(of item: StepItem, in step: Step) -> SessionEvent? {
        switch item {
        case .followUp(let followUp):
            SessionEvent(.followUp, step: step.id.value, text: interpolate(followUp.text.value), hours: followUp.hours)
        case .redCarpet(let redCarpet):
            SessionEvent(
                .redCarpet, step: step.id.value, text: interpolate(redCarpet.gesture.value),
                contacts: redCarpet.contacts.value)
        case .cause(let cause):
            SessionEvent(.cause, step: step.id.value, text: interpolate(cause.label.value))
        case .say, .ask, .confirm, .choose, .draft:
            nil
        }
    }

    /// The prompt being run, as a place.
    var here: Position.Key { Position.Key(step: stepIndex, item: itemIndex) }

    /// Notes that the input at the current prompt was taken, so `back` can return to it.
    mutating func noteTaken(sentReply: Bool = false) {
        taken.append(
            Position(key: here, trailCount: trail.count, checklistCount: checklist.count, sentReply: sentReply))
    }

    mutating func advance() -> [SessionAction] {
        itemIndex += 1
        return run()
    }

    /// Leaves the current step by the chosen option's jump, `next`, `done` or the next step.
    mutating func leaveStep() -> [SessionAction] {
        let step = playbook.steps[stepIndex]
        trail.append(stepIndex)
        if let target = branchTarget, let index = index(of: target) { return enterStep(index) }
        switch step.exit?.value {
        case .next(let target):
            if let index = index(of: target.value) { return enterStep(index) }
        case .done(let outcome):
            return finish(outcome)
        case nil:
            if stepIndex + 1 < playbook.steps.count { return enterStep(stepIndex + 1) }
        }
        // A checked playbook never gets here; an unchecked one ends rather than loops.
        return finish(.pending)
    }

    mutating func finish(_ outcome: Outcome) -> [SessionAction] {
        self.outcome = outcome
        let step = playbook.steps[stepIndex].id.value
        return [.record(SessionEvent(.done, step: step, outcome: outcome)), .finished(outcome)]
    }

    func index(of stepID: String) -> Int? {
        playbook.steps.firstIndex { $0.id.value == stepID }
    }

    /// Returns to the last question answered, keeping every answer as a default and a
    /// draft being written for when its prompt comes again. The step returned to is
    /// entered again (its `step` event recorded, as the ledger expects after `back`), and
    /// the items before the question re-run without asking: follow-ups, red carpets and
    /// causes are recorded again, a branching choice keeps its option.
    mutating func goBack() -> [SessionAction] {
        guard let position = taken.last else { return [.rejected(.atFirstStep)] }
        guard !position.sentReply else { return [.rejected(.replySent)] }
        taken.removeLast()
        if let draft { keptDrafts[here] = draft }
        let from = playbook.steps[stepIndex].id.value
        trail.removeSubrange(min(position.trailCount, trail.count)...)
        checklist.removeSubrange(min(position.checklistCount, checklist.count)...)
        stepIndex = position.key.step
        itemIndex = 0
        branchTarget = nil
        draft = nil
        let step = playbook.steps[stepIndex]
        var actions: [SessionAction] = [
            .record(SessionEvent(.back, step: from, item: step.id.value)),
            .record(SessionEvent(.step, step: step.id.value, text: interpolate(step.title.value))),
        ]
        while itemIndex < position.key.item {
            let item = step.items[itemIndex]
            if let effect = effect(of: item, in: step) {
                actions.append(.record(effect))
            } else if case .choose(let choice) = item, choice.options.contains(where: { $0.target != nil }) {
                let picked = choice.options.first { $0.id.value == values[choice.id.value] }
                branchTarget = picked?.target?.value
            }
            itemIndex += 1
        }
        return actions + run()
    }

    // MARK: Items

    func prompt(for item: StepItem, in step: Step) -> Prompt? {
        let stepID = step.id.value
        switch item {
        case .ask(let ask):
            var pattern: String?
            var allowed: [String] = []
            switch ask.validation {
            case .pattern(let value): pattern = value.value
            case .oneOf(let answers): allowed = answers.map(\.value)
            case .amount, nil: break
            }
            return .ask(
                step: stepID, id: ask.id.value, text: interpolate(ask.question.value), pattern: pattern,
                example: ask.example?.value, allowed: allowed, expectsAmount: ask.isAmount,
                defaultAnswer: values[ask.id.value])
        case .confirm(let confirm):
            return .confirm(step: stepID, text: interpolate(confirm.text.value))
        case .choose(let choice):
            return .choose(
                step: stepID, id: choice.id.value, text: interpolate(choice.question.value),
                options: choice.options.map { Prompt.Option(id: $0.id.value, label: interpolate($0.label.value)) },
                defaultAnswer: values[choice.id.value])
        case .draft(let draft):
            return .draft(step: stepID, text: interpolate(draft.instruction.value))
        case .say, .followUp, .redCarpet, .cause:
            return nil
        }
    }

    mutating func answer(_ ask: Ask, _ input: SessionInput, in step: Step) -> [SessionAction] {
        guard case .answer(let raw) = input else { return wrongInput(for: .ask) }
        guard raw.utf8.count <= Session.answerLimit else {
            return [.rejected(.answerTooLong(limit: Session.answerLimit))]
        }
        var text = raw.trimmed
        if text.isEmpty, let previous = values[ask.id.value] { text = previous }
        let stepID = step.id.value
        let problem: Rejection?
        switch ask.validation {
        case .pattern(let pattern):
            problem = answerPatterns.rejection(of: text, for: pattern.value, example: ask.example?.value)
        case .oneOf(let answers):
            // The answer as written, or a start of it no other answer shares, as `choose` takes.
            let typed = text.lowercased()
            let prefixed = typed.isEmpty ? [] : answers.filter { $0.value.lowercased().hasPrefix(typed) }
            if let canonical = answers.first(where: { $0.value.lowercased() == typed })
                ?? (prefixed.count == 1 ? prefixed.first : nil)
            {
                text = canonical.value
                problem = nil
            } else {
                problem = .answerNotAllowed(allowed: answers.map(\.value))
            }
        case .amount:
            if case .failure(let error) = MoneyAmount.parse(text) {
                problem = .invalidAmount(problem: error.description)
            } else {
                problem = nil
            }
        case nil:
            problem = text.isEmpty ? .answerNeeded : nil
        }
        // A card is never stored, so it cannot key a customer (its redacted form would
        // join every card with the same last four digits).
        if problem == nil, ask.identifiesCustomer != nil, !CardNumbers.matches(in: text).isEmpty {
            return [.rejected(.cardIdentifiesCustomer)]
        }
        if let problem {
            return [
                .record(
                    SessionEvent(.invalidAnswer, step: stepID, item: ask.id.value, text: raw, reason: problem.message)),
                .rejected(problem),
            ]
        }
        return accept(text, for: ask, in: step)
    }

    /// Takes an answer that passed the checks, or that the transcript records as taken. A
    /// card number in it is kept only as its last four digits: the value fills questions,
    /// prompts and the status, none of which needs the whole number.
    mutating func accept(_ answer: String, for ask: Ask, in step: Step) -> [SessionAction] {
        let text = CardNumbers.redacting(answer)
        values[ask.id.value] = text
        let role: SessionEvent.Role? = ask.identifiesCustomer != nil ? .customer : ask.isAmount ? .amount : nil
        var actions: [SessionAction] = [
            .record(SessionEvent(.answer, step: step.id.value, item: ask.id.value, text: text, role: role))
        ]
        if role == .customer { actions.append(.identified(customer: text)) }
        noteTaken()
        return actions + advance()
    }

    mutating func tick(_ confirm: Confirm, _ input: SessionInput, in step: Step) -> [SessionAction] {
        let item = interpolate(confirm.text.value)
        let stepID = step.id.value
        switch input {
        case .answer(let text) where ["y", "yes"].contains(text.trimmed.lowercased()):
            noteTaken()
            checklist.append(ChecklistEntry(step: stepID, item: item, ticked: true))
            return [.record(SessionEvent(.confirm, step: stepID, text: item))] + advance()
        case .skip(let reason):
            guard !reason.trimmed.isEmpty else { return [.rejected(.skipWithoutReason)] }
            noteTaken()
            checklist.append(ChecklistEntry(step: stepID, item: item, ticked: false))
            return [.record(SessionEvent(.skip, step: stepID, text: item, reason: reason.trimmed))] + advance()
        default:
            return wrongInput(for: .confirm)
        }
    }

    mutating func choose(_ choice: Choice, _ input: SessionInput, in step: Step) -> [SessionAction] {
        guard case .answer(let raw) = input else { return wrongInput(for: .choose) }
        var text = raw.trimmed.lowercased()
        if text.isEmpty, let previous = values[choice.id.value] { text = previous.lowercased() }
        let options = choice.options
        // An unchecked playbook can have a choice without options: nothing to pick.
        guard !options.isEmpty else { return [.rejected(.choiceWithoutOptions)] }
        let picked: ChoiceOption?
        if let number = Int(text), number >= 1, number <= options.count {
            picked = options[number - 1]
        } else if let exact = options.first(where: { $0.id.value.lowercased() == text }) {
            picked = exact
        } else {
            let prefixed = text.isEmpty ? [] : options.filter { $0.id.value.lowercased().hasPrefix(text) }
            picked = prefixed.count == 1 ? prefixed[0] : nil
        }
        guard let picked else { return [.rejected(.noSuchOption(options: options.map(\.id.value)))] }
        noteTaken()
        values[choice.id.value] = picked.id.value
        phrases[choice.id.value] = (picked.phrase ?? picked.label).value.filled(with: readableValues)
        if picked.target != nil || options.contains(where: { $0.target != nil }) {
            branchTarget = picked.target?.value
        }
        return [.record(SessionEvent(.choice, step: step.id.value, item: picked.id.value))] + advance()
    }

    mutating func work(on item: Draft, _ input: SessionInput, in step: Step) -> [SessionAction] {
        let stepID = step.id.value
        switch input {
        case .draft(let text):
            guard !text.trimmed.isEmpty else { return [.rejected(.emptyDraft)] }
            guard text.utf8.count <= Session.draftLimit else {
                return [.rejected(.draftTooLong(limit: Session.draftLimit))]
            }
            let findings = check(text, against: item)
            draft = WorkingDraft(text: text, findings: findings, accepted: draft?.accepted ?? [])
            return [.record(SessionEvent(.draft, step: stepID, text: text, findings: findings)), .findings(findings)]
        case .check:
            guard let current = draft else { return [.rejected(.noDraft)] }
            let findings = check(current.text, against: item)
            draft?.findings = findings
            return [.findings(findings)]
        case .accept(let rule, let excerpt, let reason):
            guard let current = draft else { return [.rejected(.noDraft)] }
            let matching = current.findings.filter { $0.rule == rule && (excerpt == nil || $0.excerpt == excerpt) }
            guard !matching.isEmpty else {
                let found = Set(current.findings.map(\.rule)).sorted()
                return [.rejected(.nothingToAccept(rule: rule, excerpt: excerpt, found: found))]
            }
            guard !reason.trimmed.isEmpty else { return [.rejected(.acceptWithoutReason(rule: rule))] }
            let acceptance = Acceptance(rule: rule, excerpt: excerpt)
            guard !current.accepted.contains(acceptance), !matching.allSatisfy(current.isAccepted) else {
                return [.rejected(.alreadyAccepted(rule: rule))]
            }
            draft?.accepted.insert(acceptance)
            return [
                .record(SessionEvent(.accept, step: stepID, item: rule, text: excerpt, reason: reason.trimmed)),
                .accepted(rule: rule, excerpt: excerpt, overrides: matching.contains { $0.severity == .error }),
            ]
        case .send:
            guard let current = draft else { return [.rejected(.noDraft)] }
            let blocking = current.blocking
            if !blocking.isEmpty {
                return [.rejected(.blockingFindings(rules: Set(blocking.map(\.rule)).sorted()))]
            }
            replies.append(current.text)
            draft = nil
            keptDrafts[here] = nil
            noteTaken(sentReply: true)
            return [.record(SessionEvent(.send, step: stepID, text: current.text, findings: current.findings))]
                + advance()
        default:
            return wrongInput(for: .draft)
        }
    }

    func check(_ text: String, against item: Draft) -> [Finding] {
        var options = CheckOptions(draft: item, values: readableValues)
        options.previousReply = replies.last
        if !customerMessages.isEmpty { options.customerMessage = customerMessages.joined(separator: "\n") }
        return checker.checker(adding: item.avoids).check(text, options: options)
    }

    /// The refusal of an input of the wrong kind for the prompt, such as `send` at a question.
    func wrongInput(for kind: Prompt.Kind) -> [SessionAction] {
        switch kind {
        case .ask: [.rejected(.typeAnswer)]
        case .choose: [.rejected(.pickOption)]
        case .confirm: [.rejected(.confirmOrSkip)]
        case .draft: [.rejected(.workOnDraft)]
        }
    }
}
