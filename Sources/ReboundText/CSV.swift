/// Comma-separated values as RFC 4180 has them: fields quoted with `"` when they hold a
/// comma, a quote or a line break, `""` for a quote inside, CRLF between records.
public enum CSV {
    /// One record and the line it starts on (1-based).
    public struct Record: Equatable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    /// A file that cannot be read as CSV, with the line of the problem.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String

        public var description: String { "line \(line): \(message)" }
    }

    /// The records of a file; blank lines are skipped. Throws on invalid UTF-8, a quote
    /// that never closes, or text after a closing quote.
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var index = 0
        var quoted = false
        var quoteLine = 1
        var afterQuote = false
        func endField() throws(ParseError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw ParseError(line: line, message: "invalid UTF-8; save the file as UTF-8")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        func endRecord() throws(ParseError) {
            try endField()
            if fields != [""] { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                try endField()
            case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "\n"):
                try endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\"") where field.isEmpty && !afterQuote:
                quoted = true
                quoteLine = line
            default:
                guard !afterQuote else {
                    throw ParseError(line: line, message: "text after a closing quote; quote the whole field")
                }
                field.append(byte)
            }
        }
        if quoted { throw ParseError(line: quoteLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || afterQuote { try endRecord() }
        return records
    }

    /// One field, quoted only when it needs to be, and safe to open in a spreadsheet
    /// (`spreadsheetSafe`).
    public static func field(_ text: String) -> String {
        let safe = spreadsheetSafe(text)
        return safe.contains { $0 == "," || $0 == "\"" || $0.isNewline }
            ? "\"" + safe.escaping(["\"": "\"\""]) + "\"" : safe
    }

    /// A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab
    /// or a carriage return, as OWASP lists them) gets a `'` in front, which spreadsheets
    /// show as text; so does one that already starts with `'`s before such a character, so
    /// that `restored` gives back exactly what was written. A plain number (`-12.50`) is left
    /// alone.
    public static func spreadsheetSafe(_ text: String) -> String {
        guard let first = text.utf8.first(where: { $0 != UInt8(ascii: "'") }), formulaStarts.contains(first),
            !isPlainNumber(text)
        else { return text }
        return "'" + text
    }

    /// A cell as it was before `spreadsheetSafe`: one leading `'` fewer where one was added.
    public static func restored(_ cell: String) -> String {
        guard cell.utf8.first == UInt8(ascii: "'"),
            let first = cell.utf8.first(where: { $0 != UInt8(ascii: "'") }), formulaStarts.contains(first)
        else { return cell }
        return String(cell.dropFirst())
    }

    private static let formulaStarts: Set<UInt8> = Set("=+-@\t\r".utf8)

    /// `12`, `-3`, `+4.50`: what a spreadsheet reads as a number, not a formula.
    private static func isPlainNumber(_ text: String) -> Bool {
        let signed = text.utf8.first == UInt8(ascii: "-") || text.utf8.first == UInt8(ascii: "+")
        let parts = text.utf8.dropFirst(signed ? 1 : 0).split(
            separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return (1...2).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
    }

    /// One record with its CRLF.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
