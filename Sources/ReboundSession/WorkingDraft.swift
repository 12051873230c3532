import ReboundChecker

/// The reply being written at a draft prompt, between the first draft and `send`.
public struct WorkingDraft: Equatable, Sendable {
    /// The latest text.
    public internal(set) var text: String
    /// What the checker found in `text`, in order.
    public internal(set) var findings: [Finding]
    /// Findings the agent accepted with a reason (`/accept`).
    var accepted: Set<Acceptance> = []

    /// A draft with no finding accepted yet.
    public init(text: String, findings: [Finding]) {
        self.text = text
        self.findings = findings
    }

    init(text: String, findings: [Finding], accepted: Set<Acceptance>) {
        self.init(text: text, findings: findings)
        self.accepted = accepted
    }

    /// Whether the agent accepted this finding (it no longer blocks or asks to be confirmed).
    public func isAccepted(_ finding: Finding) -> Bool {
        accepted.contains(Acceptance(rule: finding.rule, excerpt: finding.excerpt))
            || accepted.contains(Acceptance(rule: finding.rule, excerpt: nil))
    }

    /// Findings not accepted: what sending would still carry to the customer.
    public var open: [Finding] { findings.filter { !isAccepted($0) } }

    /// Open findings worth a second thought before sending: errors and warnings (advice,
    /// such as a missing timeframe, does not hold a reply up).
    public var openWarnings: [Finding] { open.filter { $0.severity != .advice } }

    /// Open findings at error level: sending waits until each is accepted or revised away.
    public var blocking: [Finding] { open.filter { $0.severity == .error } }
}

/// One accepted finding: a rule and the words it found. A `nil` excerpt stands for every
/// finding of the rule, as transcripts written before findings were accepted one by one say.
struct Acceptance: Hashable, Sendable {
    let rule: String
    let excerpt: String?
}
