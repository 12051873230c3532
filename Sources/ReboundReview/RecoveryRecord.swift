import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundText
import ReboundTranscript

/// What a finished session leaves for later, read from its transcript: the customer, the
/// money at risk, the root cause, the follow-ups to make and the red carpet promised.
///
/// The transcript stays the record of what happened; this is the part the customer
/// ledger keeps, derived the same way whether the session just ended or is synced later.
public struct RecoveryRecord: Equatable, Sendable {
    /// A reminder for the agent, due some time after the session ended.
    public struct FollowUp: Equatable, Sendable {
        public var step: String
        public var text: String
        /// UTC, as `Timestamp.utc` writes it.
        public var due: String

        public init(step: String, text: String, due: String) {
            self.step = step
            self.text = text
            self.due = due
        }
    }

    /// Special care for the customer's next contacts.
    public struct RedCarpet: Equatable, Sendable {
        public var step: String
        public var gesture: String
        public var contacts: Int

        public init(step: String, gesture: String, contacts: Int) {
            self.step = step
            self.gesture = gesture
            self.contacts = contacts
        }
    }

    public var session: String
    public var agent: String
    public var playbook: String
    /// UTC, as `Timestamp.utc` writes it.
    public var started: String
    public var finished: String
    public var outcome: Outcome
    /// The answer that identifies the customer, as typed.
    public var customer: String?
    public var amount: MoneyAmount?
    public var cause: String?
    public var followUps: [FollowUp] = []
    public var redCarpets: [RedCarpet] = []

    /// The record of a finished session; `nil` while it has no `done` event or its
    /// times cannot be read.
    ///
    /// Follow-ups, red carpets and causes count only on the path the session finally
    /// took: a step the agent went `back` from no longer counts. Answers count as the
    /// session holds them, the last one given.
    public init?(header: TranscriptHeader, events: [TranscriptEvent]) {
        guard let done = events.last(where: { $0.event.kind == .done }), let outcome = done.event.outcome,
            let started = Timestamp.parse(header.started), let finished = Timestamp.parse(done.time)
        else { return nil }
        session = header.session
        agent = header.agent
        playbook = header.playbook.id
        self.started = Timestamp.utc(started)
        self.finished = Timestamp.utc(finished)
        self.outcome = outcome

        /// What each step on the current path promised, innermost last.
        struct Frame {
            var step: String
            var followUps: [(step: String, text: String, hours: Int)] = []
            var redCarpets: [RedCarpet] = []
            var cause: String?
        }
        var frames: [Frame] = []
        for record in events {
            let event = record.event
            switch event.kind {
            case .step: frames.append(Frame(step: event.step))
            case .back:
                // Drop the steps left, back to and including the one returned to, which its
                // `step` event enters again.
                while let left = frames.popLast(), left.step != event.item {}
            case .followUp:
                if !frames.isEmpty, let text = event.text {
                    frames[frames.count - 1].followUps.append((event.step, text, event.hours ?? 0))
                }
            case .redCarpet:
                if !frames.isEmpty, let gesture = event.text, let contacts = event.contacts, contacts > 0 {
                    frames[frames.count - 1].redCarpets.append(
                        RedCarpet(step: event.step, gesture: gesture, contacts: contacts))
                }
            case .cause:
                if !frames.isEmpty { frames[frames.count - 1].cause = event.text }
            case .answer:
                switch event.role {
                case .customer: customer = event.text
                case .amount: amount = event.text.flatMap { try? MoneyAmount.parse($0).get() }
                case nil: break
                }
            default: break
            }
        }
        for frame in frames {
            followUps += frame.followUps.map {
                FollowUp(step: $0.step, text: $0.text, due: Timestamp.utc(finished + Double($0.hours) * 3_600))
            }
            redCarpets += frame.redCarpets
            cause = frame.cause ?? cause
        }
    }

    /// How the ledger knows the customer, when the session identified one.
    public var customerKey: CustomerKey? { customer.flatMap(CustomerKey.init) }
}
