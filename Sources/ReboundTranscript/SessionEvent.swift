import ReboundChecker
import ReboundLanguage
import ReboundText

/// One thing that happened in a session, as the transcript keeps it. The recorder adds
/// the sequence number and time.
public struct SessionEvent: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable, CaseIterable {
        case step, say, answer
        case invalidAnswer = "invalid-answer"
        case choice, confirm, skip, draft, accept, send, back
        case followUp = "follow-up"
        case redCarpet = "red-carpet"
        case cause, done, quit
        /// The customer's own message, as the agent pasted it (`/customer`).
        case customer
    }

    /// What an answer means beyond its value, for the customer ledger.
    public enum Role: String, Equatable, Sendable, CaseIterable {
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

extension SessionEvent {
    /// An event's keys, in the order written (after the transcript's `seq` and `time`).
    public enum JSONKey: String, CaseIterable, Sendable {
        case kind, step, item, text, reason, role, contacts, hours, outcome, seconds, findings
    }

    /// Writes the event's members into the object being written; fields that do not
    /// apply to this kind of event are left out.
    public func writeMembers(to json: inout JSONWriter) {
        json.field(JSONKey.kind, kind.rawValue)
        json.field(JSONKey.step, step)
        json.optionalField(JSONKey.item, item)
        json.optionalField(JSONKey.text, text)
        json.optionalField(JSONKey.reason, reason)
        json.optionalField(JSONKey.role, role?.rawValue)
        json.optionalField(JSONKey.contacts, contacts)
        json.optionalField(JSONKey.hours, hours)
        json.optionalField(JSONKey.outcome, outcome?.rawValue)
        json.optionalField(JSONKey.seconds, seconds)
        if let findings {
            json.key(JSONKey.findings)
            findings.write(to: &json)
        }
    }

    /// An event from the members of its JSON object.
    public init(json value: JSON.Value) throws(JSON.SchemaError) {
        var members = Members()
        if case .object(let pairs) = value {
            for (key, value) in pairs { members.take(JSON.Name(key), value) }
        }
        try self.init(members)
    }

    static let keys = JSON.Keys<JSONKey>()
    static let kinds = JSON.Keys<Kind>()

    /// An event's members as a decoder meets them, from a tree or from a line as it is
    /// read: the last value of each key, the one the object's subscript finds.
    struct Members {
        var kind, step, item, text, reason, role, contacts, hours, outcome, seconds: JSON.Value?
        /// The findings, once decoded, or the value that is not an array of them.
        var findings: Result<[Finding], JSON.SchemaError>?

        /// Keeps `value` if `name` is one of an event's keys.
        mutating func take(_ name: JSON.Name, _ value: consuming JSON.Value) {
            switch SessionEvent.keys[name] {
            case .kind?: kind = value
            case .step?: step = value
            case .item?: item = value
            case .text?: text = value
            case .reason?: reason = value
            case .role?: role = value
            case .contacts?: contacts = value
            case .hours?: hours = value
            case .outcome?: outcome = value
            case .seconds?: seconds = value
            case .findings?:
                switch value {
                case .null: findings = nil
                case .array(let items):
                    findings = Result { () throws(JSON.SchemaError) in try items.map(Finding.init(json:)) }
                default: findings = .failure(JSON.SchemaError("\"findings\" must be an array"))
                }
            case nil: break
            }
        }
    }

    init(_ members: Members) throws(JSON.SchemaError) {
        self.init(
            try members.kind.required(JSONKey.kind, in: Self.kinds),
            step: try members.step.requiredString(JSONKey.step),
            item: members.item.string, text: members.text.string, reason: members.reason.string,
            outcome: try members.outcome.optional(JSONKey.outcome, as: Outcome.self), hours: members.hours.int,
            contacts: members.contacts.int, role: try members.role.optional(JSONKey.role, as: Role.self))
        seconds = members.seconds.int
        findings = try members.findings?.get()
    }
}
