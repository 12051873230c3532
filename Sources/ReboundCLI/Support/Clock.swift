import Foundation
import ReboundChecker
import ReboundText
import Synchronization

/// The time as the tools see it. `$REBOUND_NOW` (an ISO 8601 time) moves the clock to
/// that moment at start-up, and it runs on from there: for demos, training and tests that
/// need "three days later". `$REBOUND_CLOCK_STEP` (`30s`, `2m`, `1h`) makes it a simulated
/// clock instead: each reading is one step later than the one before and real time is
/// ignored, so a piped demo session has a handle time and runs the same every time.
struct Clock: Sendable {
    /// Seconds added to the system time.
    let offset: TimeInterval
    /// The simulated clock's step, and how many readings it has given.
    private let step: TimeInterval?
    private let readings = Counter()

    init(offset: TimeInterval, step: TimeInterval? = nil) {
        self.offset = offset
        self.step = step
    }

    static let system = Clock(offset: 0)

    static func from(environment: [String: String]) throws(InputError) -> Clock {
        var step: TimeInterval?
        if let text = environment["REBOUND_CLOCK_STEP"], !text.isEmpty {
            guard let seconds = Self.duration(text), seconds > 0 else {
                throw InputError("REBOUND_CLOCK_STEP '\(text)' is not a step; write it as 30s, 2m or 1h")
            }
            step = seconds
        }
        guard let text = environment["REBOUND_NOW"], !text.isEmpty else {
            return Clock(offset: 0, step: step)
        }
        guard let moment = Timestamp.parse(text) else {
            throw InputError("REBOUND_NOW '\(text)' is not a time; write it as 2026-11-23T10:15:00Z")
        }
        return Clock(offset: moment.timeIntervalSinceNow, step: step)
    }

    /// `30s`, `2m`, `1h` (a bare number is seconds) in seconds.
    static func duration(_ text: String) -> TimeInterval? {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600]
        if let unit = text.last.flatMap({ units[$0] }) {
            return Double(text.dropLast()).map { $0 * unit }
        }
        return Double(text)
    }

    /// The start time as the simulated clock sees it, fixed at launch.
    private let launched = Date()

    func now() -> Date {
        guard let step else { return Date() + offset }
        return launched + offset + Double(readings.next()) * step
    }

    /// The start of tomorrow here, as UTC text: follow-ups due before it are due today
    /// or overdue. By the C library's calendar, not `Calendar.current`, which loaded ICU
    /// before the chat's first prompt.
    func endOfToday() -> String {
        let now = now()
        var seconds = time_t(now.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        guard localtime_r(&seconds, &fields) != nil else { return Timestamp.utc(now) }
        fields.tm_mday += 1
        fields.tm_hour = 0
        fields.tm_min = 0
        fields.tm_sec = 0
        // Whether summer time applies tomorrow at midnight is for `mktime` to say.
        fields.tm_isdst = -1
        let tomorrow = mktime(&fields)
        guard tomorrow != -1 else { return Timestamp.utc(now) }
        return Timestamp.utc(Date(timeIntervalSince1970: Double(tomorrow)))
    }

    /// Seconds east of UTC here at `date`, by the C library's rules for the zone (`$TZ`,
    /// else /etc/localtime: the zone `TimeZone.current` names), without loading ICU.
    static func localOffset(at date: Date) -> Int {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var fields = tm()
        guard localtime_r(&seconds, &fields) != nil else { return 0 }
        return fields.tm_gmtoff
    }

    /// `2026-11-23T11:15:00.123+01:00`: a time as transcripts record it, in the zone here.
    static func transcriptTime(_ date: Date) -> String {
        Timestamp.local(date, offset: localOffset(at: date))
    }
}

/// A count shared by copies of a `Clock`.
private final class Counter: Sendable {
    private let value = Mutex(0)

    /// The count before this call.
    func next() -> Int {
        value.withLock { count in
            defer { count += 1 }
            return count
        }
    }
}
