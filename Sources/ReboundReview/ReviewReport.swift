import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundText

/// Which sessions a review covers.
public struct ReviewFilter: Sendable {
    /// Only these agents' sessions (any of them); empty for every agent.
    public var agents: Set<String> = []
    public var playbook: String?
    public var since: Date?
    /// Exclusive: sessions started before this moment.
    public var until: Date?
    public var outcome: Outcome?
    /// Only sessions with no outcome yet (`--outcome unfinished`).
    public var unfinishedOnly = false
    public var category: FindingCategory?
    public var minimumScore: Int?

    public init() {}

    public func admits(_ summary: SessionSummary) -> Bool {
        if !agents.isEmpty, !agents.contains(summary.agent) { return false }
        if let playbook, summary.playbook != playbook { return false }
        if let since, (summary.startedAt ?? .distantPast) < since { return false }
        if let until, (summary.startedAt ?? .distantFuture) >= until { return false }
        if let outcome, summary.outcome != outcome { return false }
        if unfinishedOnly, summary.finished { return false }
        if let category, !summary.sentCategories.contains(category) { return false }
        // An unfinished session's score is partial: it meets no minimum.
        if let minimumScore, !summary.finished || summary.score < minimumScore { return false }
        return true
    }
}

/// Totals for a group of sessions: an agent, a playbook, a week.
public struct ReviewTotals: Sendable {
    public private(set) var sessions = 0
    public private(set) var unfinished = 0
    public private(set) var outcomes: [Outcome: Int] = [:]
    public private(set) var scoreSum = 0
    public private(set) var findings: [FindingCategory: Int] = [:]
    public private(set) var overrides = 0
    public private(set) var skips = 0
    public private(set) var replies = 0
    public private(set) var followUps = 0

    /// The average score of the finished sessions (an unfinished one is counted apart, not
    /// averaged in); `nil` when there are none.
    public var averageScore: Double? {
        sessions == unfinished ? nil : Double(scoreSum) / Double(sessions - unfinished)
    }
    public var findingsTotal: Int { findings.values.reduce(0, +) }

    mutating func add(_ summary: SessionSummary) {
        sessions += 1
        if let outcome = summary.outcome {
            outcomes[outcome, default: 0] += 1
            scoreSum += summary.score
        } else {
            unfinished += 1
        }
        for (category, count) in summary.sentFindings { findings[category, default: 0] += count }
        overrides += summary.overrides.count
        skips += summary.skips.count
        replies += summary.replies
        followUps += summary.followUps
    }
}

/// A review of many sessions, built one session at a time.
public struct ReviewReport: Sendable {
    public let filter: ReviewFilter
    /// Whose view the scores are in: a coach whose item-by-item scores replace the computed
    /// verdicts of the sessions they scored (`review --coach`), or `nil` for the computed scores.
    public let coachView: String?
    /// Sessions whose scores are the coach's in this view.
    public private(set) var scoredByCoach = 0
    public private(set) var sessions: [SessionSummary] = []
    public private(set) var overall = ReviewTotals()
    public private(set) var byAgent: [String: ReviewTotals] = [:]
    public private(set) var byPlaybook: [String: ReviewTotals] = [:]
    /// By the Monday (UTC) of the week each session started, as `YYYY-MM-DD`.
    public private(set) var byWeek: [String: ReviewTotals] = [:]
    public private(set) var rules: [String: Int] = [:]
    public private(set) var overrideReasons: [(session: String, rule: String, reason: String)] = []
    /// Total seconds and visits for each step, by playbook and step id (`playbook/step`).
    public var stepTimes: [String: (seconds: Int, visits: Int)] {
        var times: [String: (seconds: Int, visits: Int)] = [:]
        for (playbook, steps) in stepTimesByPlaybook {
            for (step, time) in steps {
                // Ids with a slash can name two steps alike: they are one step here, as they were.
                let key = "\(playbook)/\(step)"
                let total = times[key] ?? (0, 0)
                times[key] = (total.seconds + time.seconds, total.visits + time.visits)
            }
        }
        return times
    }
    /// Step times by playbook, then step id: a key of both made and hashed for every step of
    /// every session was a fifth of adding a session.
    private var stepTimesByPlaybook: [String: [String: StepTime]] = [:]
    /// The names of the weeks seen, by their Mondays (days since 1970): made once a week, not
    /// once a session.
    private var weekNames: [Int: String] = [:]
    /// Sent replies that broke the apology limit.
    public private(set) var repliesWithRepeatedApologies = 0
    /// Coach notes and agent disputes on the sessions reviewed.
    public private(set) var notes = 0
    public private(set) var disputes = 0
    public private(set) var coachScores: [Int] = []
    /// The average of the coaches' scores, or `nil` when no coach gave one.
    public var averageCoachScore: Double? {
        coachScores.isEmpty ? nil : Double(coachScores.reduce(0, +)) / Double(coachScores.count)
    }
    /// Sessions a coach has written a note on: reviewed, for the review queue.
    public private(set) var reviewed: Set<String> = []
    /// Every note, dispute, resolution and acknowledgement on the sessions reviewed.
    public private(set) var allNotes: [CoachNote] = []
    /// Disputes no coach has resolved yet, oldest first within each session.
    public private(set) var openDisputes: [CoachNote] = []
    public private(set) var resolutions = 0
    /// Sessions whose agent acknowledged the feedback.
    public private(set) var acknowledged: Set<String> = []
    public private(set) var skipReasons: [(session: String, item: String, reason: String)] = []

    public init(filter: ReviewFilter = ReviewFilter(), coachView: String? = nil) {
        self.filter = filter
        self.coachView = coachView
    }

    /// Adds a session when the filter admits it, with its notes and disputes (`notes` are the
    /// session's); in a coach's view, as they scored it. Returns whether it was admitted.
    @discardableResult
    public mutating func add(_ computed: SessionSummary, notes: [CoachNote] = []) -> Bool {
        let summary = (coachView.map { computed.viewed(by: $0, notes: notes) } ?? computed)
            .keepingScorecard(notes.contains { $0.kind == .score })
        guard filter.admits(summary) else { return false }
        if summary.scoredBy != nil { scoredByCoach += 1 }
        sessions.append(summary)
        overall.add(summary)
        byAgent[summary.agent, default: ReviewTotals()].add(summary)
        byPlaybook[summary.playbook, default: ReviewTotals()].add(summary)
        byWeek[weekName(of: summary.startedAt), default: ReviewTotals()].add(summary)
        for (rule, count) in summary.sentRules { rules[rule, default: 0] += count }
        if !summary.stepSeconds.isEmpty {
            Self.add(summary.stepSeconds, to: &stepTimesByPlaybook[summary.playbook, default: [:]])
        }
        repliesWithRepeatedApologies += summary.repeatedApologies.count { $0 > 0 }
        overrideReasons += summary.overrides.map { (summary.session, $0.rule, $0.reason) }
        skipReasons += summary.skips.map { (summary.session, $0.item, $0.reason) }
        if !notes.isEmpty { addNotes(notes, of: summary.session) }
        return true
    }

    /// Seconds and visits of one step.
    struct StepTime {
        var seconds = 0
        var visits = 0

        mutating func visit(seconds: Int) {
            self.seconds += seconds
            visits += 1
        }
    }

    /// Adds a session's step times to its playbook's, each step's found once.
    private static func add(_ stepSeconds: [(step: String, seconds: Int)], to times: inout [String: StepTime]) {
        for (step, seconds) in stepSeconds {
            times[step, default: StepTime()].visit(seconds: seconds)
        }
    }

    /// The week's name of `date`, as `week(of:)` makes it.
    private mutating func weekName(of date: Date?) -> String {
        guard let monday = Self.monday(of: date) else { return Self.week(of: nil) }
        if let name = weekNames[monday] { return name }
        let name = Self.week(ofMonday: monday)
        weekNames[monday] = name
        return name
    }

    /// Counts the notes and disputes of a session the filter admitted.
    private mutating func addNotes(_ sessionNotes: [CoachNote], of session: String) {
        for note in sessionNotes {
            switch note.kind {
            case .note, .score:
                notes += 1
                reviewed.insert(session)
                if let score = note.score { coachScores.append(score) }
            case .dispute: disputes += 1
            case .resolution: resolutions += 1
            case .acknowledgement: acknowledged.insert(session)
            }
        }
        openDisputes += CoachNote.openDisputes(sessionNotes)
        allNotes += sessionNotes
    }

    /// The Monday (UTC) of the ISO week `date` falls in, as `2026-11-23`. Day arithmetic,
    /// not a calendar and a formatter per session: a review of 10,000 sessions spent a
    /// quarter of its time making them.
    public static func week(of date: Date?) -> String {
        monday(of: date).map(week(ofMonday:)) ?? "unknown"
    }

    /// The Monday (UTC) of the ISO week `date` falls in, in days since 1970-01-01.
    static func monday(of date: Date?) -> Int? {
        guard let date else { return nil }
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        // 1970-01-01 was a Thursday, three days after a Monday.
        return days - ((days + 3) % 7 + 7) % 7
    }

    /// The name of the week from `monday`, in days since 1970-01-01.
    static func week(ofMonday monday: Int) -> String {
        String(Timestamp.utc(Date(timeIntervalSince1970: Double(monday) * 86_400)).prefix(10))
    }
}
