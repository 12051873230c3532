import ReboundChecker
import ReboundText
import Testing

@Suite("money amounts")
struct MoneyAmountTests {
    @Test(
        "amounts as agents type them: grouping, decimals, symbols and codes",
        arguments: [
            ("129.99", 12_999, nil), ("129", 12_900, nil), ("$129.99", 12_999, "USD"), ("$1,250", 125_000, "USD"),
            ("1,250.50 USD", 125_050, "USD"), ("1.250,50 €", 125_050, "EUR"), ("€ 80", 8_000, "EUR"),
            ("EUR 80", 8_000, "EUR"), ("gbp 45.5", 4_550, "GBP"), ("£12,5", 1_250, "GBP"), ("12,500", 1_250_000, nil),
            ("1,234,567.89", 123_456_789, nil), ("0.99", 99, nil), (".5", 50, nil), ("  42  ", 4_200, nil),
            ("100 dollars", 10_000, "USD"), ("US$5", 500, "USD"), ("12.500", 1_250_000, nil),
        ] as [(String, Int64, String?)])
    func accepted(text: String, minor: Int64, currency: String?) throws {
        let amount = try MoneyAmount.parse(text).get()
        #expect(amount == MoneyAmount(minorUnits: minor, currency: currency))
    }

    @Test(
        "nonsense, negatives and malformed numbers are refused with the reason",
        arguments: [
            ("", "it is empty"), ("a lot", "it has no number"), ("12 abc", "'abc' is not a currency"),
            ("-5", "cannot be negative"),
            ("12abc", "'abc' is not a currency"), ("1,2,3", "do not form a number"),
            ("1.234.5", "do not form a number"),
            ("12.345,678", "do not form a number"), ("1,23,456", "do not form a number"),
            ("$", "it has no number"), ("$ € 5", "is not a currency"), ("99999999999999", "larger than any order"),
            ("1 000", "do not form a number"), ("12..5", "do not form a number"),
        ])
    func refused(text: String, reason: String) {
        guard case .failure(let error) = MoneyAmount.parse(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
        #expect(error.description.contains(reason), "\(error)")
        #expect(error.description.contains("129.99"), "the message shows how to write it")
    }

    @Test("amounts print grouped with their currency, and plain for files")
    func printing() {
        #expect(MoneyAmount(minorUnits: 125_050, currency: "USD").description == "1,250.50 USD")
        #expect(MoneyAmount(minorUnits: 5, currency: nil).description == "0.05")
        #expect(MoneyAmount.decimal(125_050) == "1250.50")
        #expect(MoneyAmount.decimal(7) == "0.07")
    }
}

@Suite("customer keys")
struct CustomerKeyTests {
    @Test("case, spacing and phone punctuation do not make a new customer")
    func normalised() {
        #expect(CustomerKey(" Jane@Example.com ")?.value == "jane@example.com")
        #expect(CustomerKey("+44 20 7946 0018") == CustomerKey("+442079460018"))
        #expect(CustomerKey("(020) 7946-0018")?.value == "02079460018")
        #expect(CustomerKey("AC  12345")?.value == "ac 12345")
        #expect(CustomerKey("Ünïcode Name")?.value == "ünïcode name")
        #expect(CustomerKey("   ") == nil)
        #expect(CustomerKey("12-34") != CustomerKey("1234"), "too short to be a phone number: kept as typed")
    }
}

@Suite("timestamps")
struct TimestampTests {
    @Test("UTC text round-trips through the parser, before and after 1970 and on leap days")
    func utc() throws {
        for text in ["2026-11-23T10:15:00Z", "1969-12-31T23:59:59Z", "2024-02-29T00:00:00Z", "2000-01-01T12:00:00Z"] {
            let date = try #require(Timestamp.parse(text))
            #expect(Timestamp.utc(date) == text)
        }
        let offset = try #require(Timestamp.parse("2026-11-23T10:15:00+01:00"))
        #expect(Timestamp.utc(offset) == "2026-11-23T09:15:00Z")
    }
}

@Suite("CSV")
struct CSVTests {
    @Test("quoted fields keep commas, quotes and line breaks, and records keep their first line")
    func parse() throws {
        let text = "a,b,c\r\n1,\"two, \"\"2\"\"\",3\n\n\"multi\nline\",,x\nlast,row,\"\""
        let records = try CSV.parse(Array(text.utf8))
        #expect(records.map(\.line) == [1, 2, 4, 6])
        #expect(records[1].fields == ["1", "two, \"2\"", "3"])
        #expect(records[2].fields == ["multi\nline", "", "x"])
        #expect(records[3].fields == ["last", "row", ""])
    }

    @Test("writing then reading gives the same fields")
    func roundTrip() throws {
        let rows = [["id", "text"], ["1", "say \"hi\", then\r\nwait"], ["2", ""]]
        let text = rows.map(CSV.row).joined()
        #expect(try CSV.parse(Array(text.utf8)).map(\.fields) == rows)
    }

    @Test(
        "cells a spreadsheet would run as formulas get a leading quote; plain numbers do not; restored undoes it",
        arguments: [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"), ("+44 7911 123456", "'+44 7911 123456"),
            ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("'=already", "''=already"),
            ("-12.50", "-12.50"), ("+3", "+3"), ("12", "12"), ("'quoted", "'quoted"), ("", ""), ("Maria", "Maria"),
            ("-", "'-"), ("-.5", "'-.5"),
        ])
    func spreadsheetCells(original: String, safe: String) {
        #expect(CSV.spreadsheetSafe(original) == safe)
        #expect(CSV.restored(safe) == original)
    }

    @Test("every CSV row is written spreadsheet-safe, and reads back to the same fields once restored")
    func rowsAreSafe() throws {
        let rows = [["=1+1", "-3", "@x", "plain"]]
        let text = rows.map(CSV.row).joined()
        #expect(text == "'=1+1,-3,'@x,plain\r\n")
        #expect(try CSV.parse(Array(text.utf8)).map { $0.fields.map(CSV.restored) } == rows)
    }

    @Test(
        "broken files name the line",
        arguments: [
            ("a,b\n\"open,x\n", 2, "never closed"), ("a,b\n\"x\"y,z\n", 2, "after a closing quote"),
            ("a\n\u{FF}\n", 2, "UTF-8"),
        ])
    func broken(text: String, line: Int, message: String) {
        #expect {
            try CSV.parse(Array(text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }))
        } throws: { error in
            guard let error = error as? CSV.ParseError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }
}
