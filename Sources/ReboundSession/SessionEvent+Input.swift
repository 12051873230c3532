import ReboundTranscript

extension SessionEvent {
    /// The input that caused this event, for replaying a transcript (`--resume`).
    public var input: SessionInput? {
        switch kind {
        case .answer, .invalidAnswer: text.map(SessionInput.answer)
        case .choice: item.map(SessionInput.answer)
        case .confirm: .answer("y")
        case .skip: .skip(reason: reason ?? "")
        case .draft: text.map(SessionInput.draft)
        case .accept: .accept(rule: item ?? "", reason: reason ?? "")
        case .send: .send
        case .back: .back
        case .quit: nil
        case .step, .say, .followUp, .redCarpet, .cause, .done: nil
        }
    }
}
