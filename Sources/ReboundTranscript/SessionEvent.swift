import ReboundChecker
import ReboundLanguage

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
}
