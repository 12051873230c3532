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
    /// or overdue.
    func endOfToday() -> String {
        let calendar = Calendar.current
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now())) ?? now()
        return Timestamp.utc(tomorrow)
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
