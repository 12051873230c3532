import Foundation
import ReboundChecker
import ReboundReview
import ReboundTranscript
import Testing

@testable import ReboundText

@Suite("timestamp validation")
struct TimestampValidationTests {
    @Test(
        "the last day of each month, and 29 February in leap years only",
        arguments: [
            "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31",
            "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31", "2024-02-29", "2000-02-29",
            "2400-02-29", "1904-02-29", "0000-02-29",
        ])
    func lastDays(day: String) throws {
        let date = try #require(Timestamp.parse(day + "T12:00:00Z"))
        #expect(Timestamp.utc(date) == day + "T12:00:00Z")
    }

    @Test(
        "days that do not exist are refused",
        arguments: [
            "2026-02-29", "2100-02-29", "1900-02-29", "2023-02-29", "2026-02-30", "2026-02-31", "2026-04-31",
            "2026-06-31", "2026-09-31", "2026-11-31", "2026-01-32", "2026-01-00", "2026-00-10", "2026-13-01",
            "2026-99-99",
        ])
    func missingDays(day: String) {
        #expect(Timestamp.parse(day + "T12:00:00Z") == nil)
    }

    @Test("every day of common, leap and century years agrees with the Gregorian calendar")
    func calendar() throws {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try #require(TimeZone(identifier: "UTC"))
        for year in [1900, 1970, 2000, 2023, 2024, 2026, 2100] {
            for month in 1...12 {
                for day in 1...31 {
                    let text = "\(year)-\(two(month))-\(two(day))T08:30:15Z"
                    let components = DateComponents(year: year, month: month, day: day, hour: 8, minute: 30, second: 15)
                    let valid = components.isValidDate(in: gregorian)
                    #expect(Timestamp.parse(text) == (valid ? gregorian.date(from: components) : nil), "\(text)")
                }
            }
        }
    }

    @Test(
        "hours run 0–23, minutes and seconds 0–59",
        arguments: [
            ("00:00:00", true), ("23:59:59", true), ("12:34:56", true), ("24:00:00", false), ("25:00:00", false),
            ("12:60:00", false), ("12:00:60", false), ("12:00:61", false), ("99:99:99", false), ("1:00:00", false),
            ("12:0a:00", false),
        ])
    func timeOfDay(time: String, valid: Bool) {
        #expect((Timestamp.parse("2026-11-23T\(time)Z") != nil) == valid)
    }

    @Test(
        "offsets go to ±14:00 with minutes 0–59, with or without a colon",
        arguments: [
            ("+00:00", 0), ("-00:00", 0), ("+01:00", 3_600), ("-05:30", -19_800), ("+0545", 20_700),
            ("+14:00", 50_400), ("-14:00", -50_400), ("-12:00", -43_200), ("+13:45", 49_500),
        ])
    func offsets(offset: String, seconds: Int) throws {
        let utc = try #require(Timestamp.parse("2026-11-23T12:00:00Z"))
        let date = try #require(Timestamp.parse("2026-11-23T12:00:00" + offset))
        #expect(utc.timeIntervalSince(date) == TimeInterval(seconds))
    }

    @Test(
        "offsets that no place has, or that are cut short, are refused",
        arguments: [
            "+25:00", "+05:99", "+05:60", "-12:60", "+14:01", "+14:30", "-15:00", "+99:00", "+1", "+01", "+01:",
            "+01:0", "+01:000", "+0100Z", "+01-00", "+ab:cd", "01:00",
        ])
    func badOffsets(offset: String) {
        #expect(Timestamp.parse("2026-11-23T12:00:00" + offset) == nil)
    }

    @Test("fractions need at least one digit; any number of digits is read")
    func fractions() throws {
        let base = try #require(Timestamp.parse("2026-11-23T12:00:00Z"))
        let half = try #require(Timestamp.parse("2026-11-23T12:00:00.5Z"))
        #expect(half.timeIntervalSince(base) == 0.5)
        let nine = try #require(Timestamp.parse("2026-11-23T12:00:00.123456789+01:00"))
        #expect(abs(nine.timeIntervalSince(base) - (0.123456789 - 3_600)) < 1e-6)
        #expect(Timestamp.parse("2026-11-23T12:00:00.Z") == nil)
        #expect(Timestamp.parse("2026-11-23T12:00:00.+01:00") == nil)
        #expect(Timestamp.parse("2026-11-23T12:00:00.5") == nil, "a time needs its zone")
    }

    @Test(
        "malformed text is refused",
        arguments: [
            "", "yesterday", "2026-11-23", "2026-11-23T12:00:00", "2026/11/23T12:00:00Z", "2026-11-23X12:00:00Z",
            "2026-11-23T12.00.00Z", "2026-11-23T12:00:00Zjunk", " 2026-11-23T12:00:00Z", "２０２６-11-23T12:00:00Z",
            "-026-11-23T12:00:00Z",
        ])
    func malformed(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("a space may stand for the T")
    func spaceSeparator() {
        #expect(Timestamp.parse("2026-11-23 12:00:00Z") == Timestamp.parse("2026-11-23T12:00:00Z"))
    }

    @Test("days per month follow the Gregorian leap-year rule")
    func daysInMonth() {
        #expect(
            (1...12).map { Timestamp.daysIn(month: $0, year: 2026) } == [
                31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
            ])
        #expect(Timestamp.daysIn(month: 2, year: 2024) == 29)
        #expect(Timestamp.daysIn(month: 2, year: 2000) == 29)
        #expect(Timestamp.daysIn(month: 2, year: 2100) == 28)
        #expect(Timestamp.daysIn(month: 2, year: 1900) == 28)
    }

    @Test("UTC text round-trips for 2,000 generated moments from year 1 to 9999")
    func roundTrip() throws {
        var random = SplitMix(seed: 2026)
        for _ in 0..<2_000 {
            let seconds = Double(random.below(315_537_897_600)) - 62_135_596_800
            let date = Date(timeIntervalSince1970: seconds)
            let text = Timestamp.utc(date)
            #expect(Timestamp.parse(text) == date, "\(text)")
        }
    }
}

@Suite("what the core does with a time that does not exist")
struct RefusedTimestampTests {
    static let header = TranscriptHeader(
        session: "s", agent: "sam", playbook: .init(id: "demo", version: 1, sha256: ""), tool: "test",
        started: "2026-02-31T10:00:00Z", timeZone: "UTC")

    static let done = TranscriptEvent(
        seq: 1, time: "2026-11-23T10:05:00Z", event: SessionEvent(.done, step: "a", outcome: .resolved))

    @Test("a session summary without a start time is kept out of date filters and counted in no week")
    func summary() {
        let summary = SessionSummary(header: Self.header, events: [Self.done], playbook: nil)
        #expect(summary.startedAt == nil)
        #expect(summary.outcome == .resolved)
        var filter = ReviewFilter()
        filter.since = Timestamp.parse("2026-01-01T00:00:00Z")
        #expect(!filter.admits(summary))
        filter.since = nil
        filter.until = Timestamp.parse("2026-12-01T00:00:00Z")
        #expect(!filter.admits(summary))
        #expect(ReviewFilter().admits(summary))
    }

    @Test("a step whose time does not exist is left out of step durations instead of guessed")
    func stepDurations() {
        var header = Self.header
        header.started = "2026-11-23T10:00:00Z"
        let events = [
            TranscriptEvent(seq: 1, time: "2026-11-23T10:00:00Z", event: SessionEvent(.step, step: "a", text: "A")),
            TranscriptEvent(seq: 2, time: "2026-11-23T10:00:60Z", event: SessionEvent(.step, step: "b", text: "B")),
            TranscriptEvent(seq: 3, time: "2026-11-23T10:02:00Z", event: SessionEvent(.done, step: "b")),
        ]
        let summary = SessionSummary(header: header, events: events, playbook: nil)
        #expect(summary.stepSeconds.map(\.step) == ["a"])
        #expect(summary.stepSeconds.map(\.seconds) == [120])
    }

    @Test("no ledger record is made from a session whose start or finish time does not exist")
    func recoveryRecord() {
        #expect(RecoveryRecord(header: Self.header, events: [Self.done]) == nil)
        var header = Self.header
        header.started = "2026-11-23T10:00:00Z"
        #expect(RecoveryRecord(header: header, events: [Self.done]) != nil)
        var done = Self.done
        done.time = "2026-11-23T10:05:00+25:00"
        #expect(RecoveryRecord(header: header, events: [done]) == nil)
    }
}

@Suite("transcript times by arithmetic")
struct TimestampFormattingTests {
    /// Times across two centuries, halves of a millisecond and the last instants of seconds
    /// included, from a fixed seed.
    static let dates: [Date] = {
        var random = SplitMix(seed: 42)
        return (0..<6_000).map { index in
            let second = Double(Int(random.next() % 4_000_000_000)) - 1_000_000_000
            let fraction: Double =
                switch index % 4 {
                case 0: Double(random.next() % 1_000_000) / 1_000_000
                case 1: (Double(random.next() % 1_000) + 0.5) / 1_000
                case 2: 0.9995 + Double(random.next() % 500) / 1_000_000
                default: Double(random.next() % 1_000) / 1_000
                }
            return Date(timeIntervalSince1970: second + fraction)
        }
    }()

    @Test(
        "the same text as ISO8601DateFormatter and DateFormatter, in zones with odd offsets and summer time",
        arguments: [
            "UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham",
        ])
    func sameAsFoundation(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        let iso = ISO8601DateFormatter()
        iso.timeZone = zone
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let compact = DateFormatter()
        compact.locale = Locale(identifier: "en_US_POSIX")
        compact.timeZone = zone
        compact.dateFormat = "yyyyMMdd-HHmmss"
        for date in Self.dates {
            let offset = zone.secondsFromGMT(for: date)
            #expect(Timestamp.local(date, offset: offset) == iso.string(from: date), "\(date.timeIntervalSince1970)")
            #expect(Timestamp.compact(date, offset: offset) == compact.string(from: date))
        }
    }

    @Test("a transcript time reads back as the moment it records, to the millisecond")
    func roundTrip() throws {
        for date in Self.dates.prefix(500) {
            for offset in [0, 3_600, -18_000, 19_800, 45_900] {
                let text = Timestamp.local(date, offset: offset)
                let parsed = try #require(Timestamp.parse(text), "\(text)")
                #expect(abs(parsed.timeIntervalSince(date)) <= 0.0005 + 1e-6, "\(text)")
            }
        }
    }
}
