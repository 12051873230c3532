import ReboundTranscript

extension SessionEvent {
    /// The input that caused this event, for replaying a transcript against a playbook (`rebound replay`).
    public var input: SessionInput? {
        switch kind {
        case .answer, .invalidAnswer: text.map(SessionInput.answer)
        case .choice: item.map(SessionInput.answer)
        case .confirm: .answer("y")
        case .skip: .skip(reason: reason ?? "")
        case .draft: text.map(SessionInput.draft)
        case .accept: .accept(rule: item ?? "", excerpt: text, reason: reason ?? "")
        case .send: .send
        case .back: .back
        case .quit: nil
        case .customer: text.map(SessionInput.customerMessage)
        case .step, .say, .followUp, .redCarpet, .cause, .done: nil
        }
    }

    /// The input to give a resumed session: like `input`, except that an answer the
    /// transcript records as accepted is taken as it is (`recordedAnswer`), even when it
    /// was redacted before it was saved. `rebound replay`, which looks for what a changed
    /// playbook would refuse, checks answers again with `input`.
    public var resumeInput: SessionInput? {
        if kind == .answer, let text { return .recordedAnswer(text) }
        return input
    }
}
