import Foundation

/// ISO 8601 times as transcripts and the ledger hold them.
public enum Timestamp {
    /// Parses the ISO 8601 times transcripts hold (`2026-11-23T10:15:00.123Z`, `…+01:00`)
    /// by hand: ICU's formatter is far too slow for a million events.
    ///
    /// `nil` for a time that does not exist: a day past the end of its month (leap years
    /// counted), an hour past 23, a minute or second past 59, an offset beyond ±14:00.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// Days in `month` of `year` in the proleptic Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
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
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            let digitsStart = index
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > digitsStart else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case 90: guard index + 1 == bytes.count else { return nil }
        case 43, 45:
            guard let hours = number(index + 1, 2), index + 3 < bytes.count else { return nil }
            let minutesStart = bytes[index + 3] == 58 ? index + 4 : index + 3
            guard let minutes = number(minutesStart, 2), minutesStart + 2 == bytes.count, minutes < 60,
                hours * 60 + minutes <= 14 * 60
            else { return nil }
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

    /// `2026-11-23T10:15:00Z`: UTC to the second, which sorts as text in time order.
    public static func utc(_ date: Date) -> String {
        let time = CivilTime(seconds: Int(date.timeIntervalSince1970.rounded(.down)))
        return "\(time.date)T\(time.clock)Z"
    }

    /// `2026-11-23T11:15:00.123+01:00` (`Z` for UTC): the time to the millisecond at `offset`
    /// seconds east of UTC, as transcripts record it. The same text as Foundation's
    /// `ISO8601DateFormatter` with internet date-time and fractional seconds, by arithmetic:
    /// the formatter loaded ICU before the chat's first prompt.
    public static func local(_ date: Date, offset: Int) -> String {
        let local = milliseconds(date) + offset * 1000
        let seconds = local >= 0 ? local / 1000 : (local - 999) / 1000
        let time = CivilTime(seconds: seconds)
        let fraction = String(local - seconds * 1000 + 1000).dropFirst()
        guard offset != 0 else { return "\(time.date)T\(time.clock).\(fraction)Z" }
        let east = abs(offset)
        var zone = (offset > 0 ? "+" : "-") + CivilTime.two(east / 3_600) + ":" + CivilTime.two(east / 60 % 60)
        if east % 60 != 0 { zone += ":" + CivilTime.two(east % 60) }
        return "\(time.date)T\(time.clock).\(fraction)\(zone)"
    }

    /// Milliseconds since 1970 to the nearest, a half rounded up, as Foundation's formatters
    /// round them (compared over 800,000 times in ten zones): 10:15:59.9996 prints as 10:16:00.000.
    private static func milliseconds(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down))
    }

    /// `20261123-101500`: the wall-clock time at `offset` seconds east of UTC, to the second
    /// (what session ids start with), as a `DateFormatter` with `yyyyMMdd-HHmmss` writes it.
    public static func compact(_ date: Date, offset: Int) -> String {
        let local = milliseconds(date) + offset * 1000
        let time = CivilTime(seconds: local >= 0 ? local / 1000 : (local - 999) / 1000)
        return time.date.filter { $0 != "-" } + "-" + time.clock.filter { $0 != ":" }
    }
}

/// A count of seconds since 1970 as a calendar date and a time of day.
private struct CivilTime {
    let year, month, day, hour, minute, second: Int

    init(seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // The civil date of a day count (Howard Hinnant's algorithm).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3_600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// `2026-11-23`; four digits for any year from 0 on, so the text still sorts and parses.
    var date: String {
        let yearText = (0..<1000).contains(year) ? String(String(year + 10_000).dropFirst()) : String(year)
        return "\(yearText)-\(Self.two(month))-\(Self.two(day))"
    }

    /// `10:15:00`.
    var clock: String { "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))" }
}
