import Foundation
import ReboundChecker
import ReboundText

/// The time as the tools see it. `$REBOUND_NOW` (an ISO 8601 time) moves the clock to
/// that moment at start-up, and it runs on from there: for demos, training and tests that
/// need "three days later".
struct Clock: Sendable {
    /// Seconds added to the system time.
    let offset: TimeInterval

    static let system = Clock(offset: 0)

    static func from(environment: [String: String]) throws(InputError) -> Clock {
        guard let text = environment["REBOUND_NOW"], !text.isEmpty else { return .system }
        guard let moment = Timestamp.parse(text) else {
            throw InputError("REBOUND_NOW '\(text)' is not a time; write it as 2026-11-23T10:15:00Z")
        }
        return Clock(offset: moment.timeIntervalSinceNow)
    }

    func now() -> Date { Date() + offset }

    /// The start of tomorrow here, as UTC text: follow-ups due before it are due today
    /// or overdue.
    func endOfToday() -> String {
        let calendar = Calendar.current
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now())) ?? now()
        return Timestamp.utc(tomorrow)
    }
}
