import Foundation

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
    public let score: Int
    /// Findings in the replies that were sent, by category and by rule.
    public let sentFindings: [FindingCategory: Int]
    public let sentRules: [String: Int]
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

    public var finished: Bool { outcome != nil }

    public static func == (lhs: SessionSummary, rhs: SessionSummary) -> Bool {
        lhs.session == rhs.session && lhs.score == rhs.score && lhs.sentRules == rhs.sentRules
    }

    public init(header: TranscriptHeader, events: [TranscriptEvent], playbook: Playbook?) {
        session = header.session
        agent = header.agent
        self.playbook = header.playbook.id
        playbookVersion = header.playbook.version
        started = header.started
        startedAt = Self.date(header.started)
        let done = events.last { $0.event.kind == .done }?.event
        outcome = done?.outcome
        seconds = done?.seconds
        score = Scorecard(events: events, playbook: playbook).score
        var categories: [FindingCategory: Int] = [:]
        var rules: [String: Int] = [:]
        var drafts = 0
        var overrides: [(String, String)] = []
        var skips: [(String, String)] = []
        var apologies: [Int] = []
        var replies = 0
        var followUps = 0
        var steps: [(String, Int)] = []
        var stepStart: (String, Date)?
        for record in events {
            let event = record.event
            switch event.kind {
            case .send:
                replies += 1
                let findings = event.findings ?? []
                for finding in findings where finding.severity != .advice {
                    categories[finding.category, default: 0] += 1
                    rules[finding.rule, default: 0] += 1
                }
                apologies.append(findings.count { $0.category == .repeatedApology })
            case .draft: drafts += (event.findings ?? []).count { $0.severity != .advice }
            case .accept: overrides.append((event.item ?? "", event.reason ?? ""))
            case .skip: skips.append((event.text ?? "", event.reason ?? ""))
            case .followUp: followUps += 1
            default: break
            }
            if event.kind == .step || event.kind == .done || event.kind == .quit, let time = Self.date(record.time) {
                if let (step, start) = stepStart { steps.append((step, max(0, Int(time.timeIntervalSince(start))))) }
                stepStart = event.kind == .step ? (event.step, time) : nil
            }
        }
        sentFindings = categories
        sentRules = rules
        draftFindings = drafts
        self.overrides = overrides
        self.skips = skips
        repeatedApologies = apologies
        self.replies = replies
        self.followUps = followUps
        stepSeconds = steps
    }

    /// Parses the ISO 8601 times transcripts hold (`2026-11-23T10:15:00.123Z`, `…+01:00`)
    /// by hand: ICU's formatter is far too slow for a million events.
    static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 32,
            bytes[13] == 58, bytes[16] == 58, let year = number(0, 4), let month = number(5, 2),
            let day = number(8, 2), let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case 90: guard index + 1 == bytes.count else { return nil }
        case 43, 45:
            guard let hours = number(index + 1, 2), index + 3 < bytes.count else { return nil }
            let minutesStart = bytes[index + 3] == 58 ? index + 4 : index + 3
            guard let minutes = number(minutesStart, 2), minutesStart + 2 == bytes.count else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == 43 ? 1 : -1)
        default: return nil
        }
        // Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset) + fraction
        return Date(timeIntervalSince1970: seconds)
    }
}
