import Foundation
import Testing

@testable import ReboundReview

@Suite("review weeks")
struct WeekTests {
    @Test("the week of a time is its ISO week's Monday in UTC, as the calendar says, across years and before 1970")
    func mondays() {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = .gmt
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        var generator = SystemRandomNumberGenerator()
        // Every hour-ish across 1965–2040, plus both sides of midnight on year ends.
        var times: [TimeInterval] = (0..<3_000).map { _ in
            Double.random(in: -157_766_400...2_240_524_800, using: &generator)
        }
        times += [1_767_225_599, 1_767_225_600, 1_766_966_400, 1_766_966_399, 0, -1, -86_400 * 3]
        for time in times {
            let date = Date(timeIntervalSince1970: time)
            let expected = formatter.string(from: calendar.dateInterval(of: .weekOfYear, for: date)?.start ?? date)
            #expect(ReviewReport.week(of: date) == expected, "\(time)")
        }
        #expect(ReviewReport.week(of: nil) == "unknown")
    }
}
