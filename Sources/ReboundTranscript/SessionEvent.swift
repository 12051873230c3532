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
        self.init(
            try value.required(JSONKey.kind, as: Kind.self), step: try value.requiredString(JSONKey.step),
            item: value.string(JSONKey.item), text: value.string(JSONKey.text), reason: value.string(JSONKey.reason),
            outcome: try value.optional(JSONKey.outcome, as: Outcome.self), hours: value.int(JSONKey.hours),
            contacts: value.int(JSONKey.contacts), role: try value.optional(JSONKey.role, as: Role.self))
        seconds = value.int(JSONKey.seconds)
        switch value[JSONKey.findings] {
        case nil, .null?: break
        case .array(let items)?:
            var findings: [Finding] = []
            findings.reserveCapacity(items.count)
            for item in items { findings.append(try Finding(json: item)) }
            self.findings = findings
        default: throw JSON.SchemaError("\"findings\" must be an array")
        }
    }
}
