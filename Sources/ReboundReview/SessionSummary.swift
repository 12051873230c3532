import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundText
import ReboundTranscript

/// What a coach needs from one transcript, small enough to keep for thousands of sessions.
public struct SessionSummary: Sendable, Equatable {
    public let session: String
    public let agent: String
    public let playbook: String
    public let playbookVersion: Int
    /// When the session started, as recorded.
    public let started: String
    public let startedAt: Date?
    public let outcome: Outcome?
    public let seconds: Int?
    /// Computed from the transcript, or as a coach scored it item by item in that coach's
    /// view (`viewed(by:notes:)`).
    public private(set) var score: Int
    /// The scorecard the score comes from, kept only while it may be needed: a review
    /// drops it for sessions no coach scored item by item (a long review holds thousands
    /// of summaries, and the items' words are most of their size).
    public private(set) var scorecard: Scorecard?
    /// Whose verdicts the scorecard holds when a coach scored the session, else `nil`.
    public private(set) var scoredBy: String?
    /// Findings in the replies that were sent, by category and by rule.
    public let sentFindings: [FindingCategory: Int]
    /// By rule, advice included.
    public let sentRules: [String: Int]
    /// Every category found in a sent reply, advice (expectations) included.
    public let sentCategories: Set<FindingCategory>
    /// Findings caught in drafts before sending (revised away or not).
    public let draftFindings: Int
    public let overrides: [(rule: String, reason: String)]
    public let skips: [(item: String, reason: String)]
    /// Apologies flagged per sent reply (0 when a reply kept the limit).
    public let repeatedApologies: [Int]
    public let replies: Int
    public let followUps: Int
    /// Seconds spent in each step, in order.
    public let stepSeconds: [(step: String, seconds: Int)]
    /// Each finding in a sent reply, for exports: the event, rule, category, severity,
    /// which layer found it, and the words.
    public let sentFindingRows: [SentFinding]

    public struct SentFinding: Sendable {
        public let event: Int
        public let rule: String
        public let category: String
        public let severity: String
        public let source: String
        public let excerpt: String
    }

    public var finished: Bool { outcome != nil }

    public static func == (lhs: SessionSummary, rhs: SessionSummary) -> Bool {
        lhs.session == rhs.session && lhs.score == rhs.score && lhs.sentRules == rhs.sentRules
    }

    public init(header: TranscriptHeader, events: some EventLog, playbook: Playbook?) {
        session = header.session
        agent = header.agent
        self.playbook = header.playbook.id
        playbookVersion = header.playbook.version
        started = header.started
        startedAt = Timestamp.parse(header.started)
        let done = (0..<events.count).last { events.kind(at: $0) == .done }
        outcome = done.flatMap(events.outcome(at:))
        seconds = done.flatMap(events.seconds(at:))
        let scorecard = Scorecard(events: events, playbook: playbook)
        self.scorecard = scorecard
        score = scorecard.score
        var categories: [FindingCategory: Int] = [:]
        var rules: [String: Int] = [:]
        var sent: Set<FindingCategory> = []
        var drafts = 0
        var overrides: [(String, String)] = []
        var skips: [(String, String)] = []
        var apologies: [Int] = []
        var replies = 0
        var followUps = 0
        var steps: [(String, Int)] = []
        var stepStart: (String, Date)?
        var findingRows: [SentFinding] = []
        // Field by field, only in the cases that read them: most events (says, answers)
        // count for nothing here, and a review's events decode a field only when it is read.
        for index in 0..<events.count {
            let kind = events.kind(at: index)
            switch kind {
            case .send:
                replies += 1
                let findings = events.findings(at: index) ?? []
                for finding in findings {
                    findingRows.append(
                        SentFinding(
                            event: events.seq(at: index), rule: finding.rule, category: finding.category.rawValue,
                            severity: finding.severity.rawValue, source: finding.source.rawValue,
                            excerpt: finding.excerpt))
                    rules[finding.rule, default: 0] += 1
                    sent.insert(finding.category)
                    if finding.severity != .advice { categories[finding.category, default: 0] += 1 }
                }
                apologies.append(findings.count { $0.category == .repeatedApology })
            case .draft: drafts += events.warningsAndErrors(at: index)
            case .accept: overrides.append((events.item(at: index) ?? "", events.reason(at: index) ?? ""))
            case .skip: skips.append((events.text(at: index) ?? "", events.reason(at: index) ?? ""))
            case .followUp: followUps += 1
            default: break
            }
            if kind == .step || kind == .done || kind == .quit, let time = Timestamp.parse(events.time(at: index)) {
                if let (step, start) = stepStart { steps.append((step, max(0, Int(time.timeIntervalSince(start))))) }
                stepStart = kind == .step ? (events.step(at: index), time) : nil
            }
        }
        sentFindings = categories
        sentRules = rules
        sentCategories = sent
        draftFindings = drafts
        self.overrides = overrides
        self.skips = skips
        repeatedApologies = apologies
        self.replies = replies
        self.followUps = followUps
        stepSeconds = steps
        sentFindingRows = findingRows
    }

    /// The session as `coach` scored it: their latest item-by-item score replaces the
    /// computed verdicts (items they did not give keep theirs). Unchanged when the coach
    /// has not scored it.
    public func viewed(by coach: String, notes: [CoachNote]) -> SessionSummary {
        guard let score = notes.last(where: { $0.kind == .score && $0.author == coach }), let scorecard else {
            return self
        }
        var copy = self
        let viewed = scorecard.applying(score.items)
        copy.scorecard = viewed
        copy.score = viewed.score
        copy.scoredBy = coach
        return copy
    }

    /// The summary without its scorecard items, unless `keeping`.
    func keepingScorecard(_ keeping: Bool) -> SessionSummary {
        guard !keeping else { return self }
        var copy = self
        copy.scorecard = nil
        return copy
    }

}
