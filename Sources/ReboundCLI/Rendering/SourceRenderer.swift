import ReboundChecker
import ReboundText

/// Renders problems the way compilers do: location, severity and message, the source
/// line, a caret and tildes under the range, and notes such as the fix.
struct SourceRenderer {
    let style: Style

    /// Lines longer than this many characters are shown as a window around the range.
    static let windowWidth = 120

    func severity(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: style.red("error")
        case .warning: style.yellow("warning")
        case .advice: style.cyan("advice")
        }
    }

    /// `path:line:col: severity: message [code]`, then the source excerpt (unless the
    /// range is empty and `showsEmptyRange` is off), then each note as `= label: text`.
    func render(
        path: String, range: SourceRange, severity: Diagnostic.Severity, message: String, code: String,
        source: [UInt8], notes: [(label: String, text: String)], showsEmptyRange: Bool = true
    ) -> String {
        let start = range.start
        var lines = [
            style.bold("\(path):\(start.line):\(start.column):") + " \(self.severity(severity)): "
                + style.bold(message) + " [\(code)]"
        ]
        let gutter = String(start.line)
        let blank = String(repeating: " ", count: gutter.count)
        if showsEmptyRange || range.start.offset < range.end.offset {
            let excerpt = SourceExcerpt(source: source, range: range, width: Self.windowWidth)
            lines.append(style.dim(" \(gutter) |") + " " + excerpt.text)
            lines.append(style.dim(" \(blank) |") + " " + style.green(excerpt.marker))
        }
        for note in notes {
            lines.append(" \(blank) = " + style.green("\(note.label):") + " \(note.text)")
        }
        return lines.joined(separator: "\n")
    }

    func render(_ diagnostic: Diagnostic, path: String, source: [UInt8]) -> String {
        render(
            path: path, range: diagnostic.range, severity: diagnostic.severity, message: diagnostic.message,
            code: diagnostic.code.rawValue, source: source, notes: diagnostic.fixIt.map { [("fix", $0)] } ?? [])
    }

    /// A reply finding: `path:line:col: severity: category: message [code]`.
    func render(_ finding: Finding, path: String, source: [UInt8]) -> String {
        render(
            path: path, range: finding.range, severity: finding.severity,
            message: "\(finding.category.rawValue): \(finding.message)", code: finding.rule, source: source,
            notes: finding.suggestion.map { [("suggestion", $0)] } ?? [], showsEmptyRange: false)
    }
}

/// The source line of a range made printable, and the caret line under it.
struct SourceExcerpt {
    let text: String
    let marker: String

    init(source: [UInt8], range: SourceRange, width: Int) {
        let offset = min(range.start.offset, source.count)
        // Only a window of `width` characters is shown, so read at most `reach` bytes
        // (room for `width` characters of up to four bytes) on either side of the range:
        // a huge line costs the same as a short one, and many findings stay linear.
        let reach = width * 4
        let newline = UInt8(ascii: "\n")
        var lineStart = offset
        while lineStart > max(0, offset - reach), source[lineStart - 1] != newline { lineStart -= 1 }
        let cutBefore = lineStart > 0 && source[lineStart - 1] != newline
        while cutBefore, lineStart < offset, source[lineStart] & 0xC0 == 0x80 { lineStart += 1 }
        var lineEnd = offset
        let ceiling = min(source.count, offset + reach)
        while lineEnd < ceiling, source[lineEnd] != newline { lineEnd += 1 }
        let cutAfter = lineEnd < source.count && source[lineEnd] != newline
        while cutAfter, lineEnd > offset, source[lineEnd] & 0xC0 == 0x80 { lineEnd -= 1 }
        if !cutAfter, lineEnd > lineStart, source[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        // A byte order mark is not text the author wrote (and the parser skips it).
        if lineStart == 0, source.starts(with: [0xEF, 0xBB, 0xBF]) { lineStart = min(3, lineEnd) }
        let units = Self.units(source, lineStart, lineEnd)

        let first = units.firstIndex { $0.offset >= offset } ?? units.count
        let endOffset = min(max(range.end.offset, offset), lineEnd)
        let last = units.firstIndex { $0.offset >= endOffset } ?? units.count
        var window = 0..<units.count
        if units.count > width {
            let lower = max(0, min(first - width / 3, units.count - width))
            window = lower..<min(units.count, lower + width)
        }
        // Built as bytes and made strings once: appending to a `String` scalar by scalar
        // costs more than the rest of the excerpt, for each of a huge reply's findings.
        var textBytes: [UInt8] = []
        var markerBytes: [UInt8] = []
        textBytes.reserveCapacity(window.count + 8)
        markerBytes.reserveCapacity(window.count + 2)
        let ellipsis = Array("…".utf8)
        if window.lowerBound > 0 || cutBefore {
            textBytes += ellipsis
            markerBytes.append(UInt8(ascii: " "))
        }
        var underlined = false
        for index in window {
            let unit = units[index]
            UTF8.encode(unit.scalar) { textBytes.append($0) }
            if index < first {
                if unit.scalar == "\t" {
                    markerBytes.append(UInt8(ascii: "\t"))
                } else {
                    markerBytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: unit.width))
                }
            } else if index < last {
                markerBytes.append(UInt8(ascii: underlined ? "~" : "^"))
                markerBytes.append(contentsOf: repeatElement(UInt8(ascii: "~"), count: max(0, unit.width - 1)))
                underlined = true
            }
        }
        if window.upperBound < units.count || cutAfter { textBytes += ellipsis }
        if !underlined { markerBytes.append(UInt8(ascii: "^")) }
        text = String(decoding: textBytes, as: UTF8.self)
        marker = String(decoding: markerBytes, as: UTF8.self)
    }

    /// One character as shown: the scalar to print (a control picture or U+FFFD for what
    /// must not reach the terminal), its terminal width and where it starts in the source.
    private struct Unit {
        let scalar: Unicode.Scalar
        let width: Int
        let offset: Int
    }

    /// One printable unit per scalar: controls become visible symbols and invalid bytes U+FFFD.
    private static func units(_ source: [UInt8], _ start: Int, _ end: Int) -> [Unit] {
        var units: [Unit] = []
        units.reserveCapacity(end - start)
        var index = start
        while index < end {
            let lead = source[index]
            if lead >= 0x20, lead < 0x7F {
                // Printable ASCII, nearly every byte of a reply: no decoding needed.
                units.append(Unit(scalar: Unicode.Scalar(lead), width: 1, offset: index))
                index += 1
                continue
            }
            let length = scalarLength(source, index, end)
            guard length > 0, let scalar = decode(source, index, length) else {
                units.append(Unit(scalar: "\u{FFFD}", width: 1, offset: index))
                index += 1
                continue
            }
            let value = scalar.value
            if value == 0x09 {
                units.append(Unit(scalar: "\t", width: 1, offset: index))
            } else if value < 0x20 {
                // U+2400…U+241F are the control pictures: ␀, ␁ … ␟.
                units.append(Unit(scalar: Unicode.Scalar(0x2400 + value) ?? "\u{FFFD}", width: 1, offset: index))
            } else if value == 0x7F {
                units.append(Unit(scalar: "\u{2421}", width: 1, offset: index))
            } else if (0x80...0x9F).contains(value) {
                units.append(Unit(scalar: "\u{FFFD}", width: 1, offset: index))
            } else {
                units.append(Unit(scalar: scalar, width: displayWidth(scalar), offset: index))
            }
            index += length
        }
        return units
    }

    /// The length of the well-formed sequence at `index`, or 0 for an invalid byte.
    private static func scalarLength(_ bytes: [UInt8], _ index: Int, _ end: Int) -> Int {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= end, UTF8Check.firstInvalidOffset(in: bytes, index, index + length) == nil else {
            return 0
        }
        return length
    }

    private static func decode(_ bytes: [UInt8], _ index: Int, _ length: Int) -> Unicode.Scalar? {
        String(decoding: bytes[index..<(index + length)], as: UTF8.self).unicodeScalars.first
    }

    /// Terminal columns a scalar takes: 0 for combining marks, 2 for wide and emoji.
    static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0xFE00...0xFE0F).contains(scalar.value) { return 0 }
        if properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }
}

extension String {
    /// How many terminal columns the text takes: wide characters two, marks none.
    var terminalColumns: Int {
        unicodeScalars.reduce(0) { $0 + SourceExcerpt.displayWidth($1) }
    }

    /// The text fitted to `width` terminal columns: wide characters (CJK, emoji) count two,
    /// marks none; cut with "…" when longer, padded with spaces when shorter, so table
    /// columns line up whatever the script of a name.
    func fitted(toColumns width: Int) -> String {
        var result = ""
        var used = 0
        let total = terminalColumns
        let room = total > width ? width - 1 : width
        for scalar in unicodeScalars {
            let columns = SourceExcerpt.displayWidth(scalar)
            if used + columns > room { break }
            result.unicodeScalars.append(scalar)
            used += columns
        }
        if total > width {
            result += "…"
            used += 1
        }
        return result + String(repeating: " ", count: max(0, width - used))
    }
}
