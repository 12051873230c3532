/// What the agent does, one step at a time.
public enum SessionInput: Equatable, Sendable {
    /// An answer to an `ask`, an option for a `choose`, or `y` for a `confirm`.
    case answer(String)
    /// Skip a checklist item (`confirm`), with the reason the coach will read.
    case skip(reason: String)
    /// A draft (or revised draft) of the reply.
    case draft(String)
    /// Check the current draft again.
    case check
    /// Override an error-level finding of the current draft, with a reason.
    case accept(rule: String, reason: String)
    /// Send the current draft as the step's reply.
    case send
    /// Return to the previous step; earlier answers become defaults.
    case back
    /// Stop for now; the session can be resumed.
    case quit
}

/// What the front end should show or do next.
public enum SessionAction: Equatable, Sendable {
    /// Guidance from a `say` line of a step.
    case say(step: String, text: String)
    /// Ask for input.
    case prompt(Prompt)
    /// The last input was not accepted, and why; the same prompt stands.
    case rejected(String)
    /// Findings for the current draft.
    case findings([Finding])
    /// Something that happened, for the transcript.
    case record(SessionEvent)
    /// The answer that identifies the customer was given: the front end looks the
    /// customer up (red carpet, earlier failures).
    case identified(customer: String)
    /// The session reached `done`.
    case finished(Outcome)
}

/// A request for input, with everything a terminal or a program needs to show it.
public struct Prompt: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case ask, confirm, choose, draft
    }

    public struct Option: Equatable, Sendable {
        public let id: String
        public let label: String
    }

    public let step: String
    public let kind: Kind
    /// The value id for `ask` and `choose`.
    public let id: String?
    /// The question, checklist item or draft instruction, with values filled in.
    public let text: String
    /// The pattern an `ask` answer must match.
    public let pattern: String?
    /// The answers an `ask … one of` allows.
    public let allowed: [String]
    /// Whether an `ask … amount` wants money: a number with an optional currency.
    public let expectsAmount: Bool
    public let options: [Option]
    /// The earlier answer, after `back`: an empty answer keeps it.
    public let defaultAnswer: String?
}

/// One thing that happened in a session, as the transcript keeps it. The recorder adds
/// the sequence number and time.
public struct SessionEvent: Equatable, Sendable, Codable {
    public enum Kind: String, Equatable, Sendable, Codable, CaseIterable {
        case step, say, answer
        case invalidAnswer = "invalid-answer"
        case choice, confirm, skip, draft, accept, send, back
        case followUp = "follow-up"
        case redCarpet = "red-carpet"
        case cause, done, quit
    }

    /// What an answer means beyond its value, for the customer ledger.
    public enum Role: String, Equatable, Sendable, Codable {
        /// The answer identifies the customer (`identifies customer`).
        case customer
        /// The answer is the money at risk (`amount`).
        case amount
    }

    public var kind: Kind
    public var step: String
    /// The value, option or rule the event is about.
    public var item: String?
    /// The answer, draft, guidance, follow-up, gesture or cause text.
    public var text: String?
    public var reason: String?
    public var findings: [Finding]?
    public var outcome: Outcome?
    /// For a follow-up: hours after the session ends.
    public var hours: Int?
    /// For a red carpet: how many of the customer's next contacts it covers.
    public var contacts: Int?
    /// For an answer that identifies the customer or gives the money at risk.
    public var role: Role?
    /// For `done` and `quit`: seconds since the session started (added by the recorder).
    public var seconds: Int?

    public init(
        _ kind: Kind, step: String, item: String? = nil, text: String? = nil, reason: String? = nil,
        findings: [Finding]? = nil, outcome: Outcome? = nil, hours: Int? = nil, contacts: Int? = nil,
        role: Role? = nil
    ) {
        self.kind = kind
        self.step = step
        self.item = item
        self.text = text
        self.reason = reason
        self.findings = findings
        self.outcome = outcome
        self.hours = hours
        self.contacts = contacts
        self.role = role
    }

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

extension Outcome: Codable {}
