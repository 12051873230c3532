/// The one sanitiser for text shown on a terminal. Everything Rebound prints as text goes
/// through `sanitized` at the output boundary, so text from transcripts, playbooks, notes,
/// the ledger or the command line can never drive the terminal (move the cursor, set the
/// title, write the clipboard with OSC 52, reorder a line with bidirectional overrides):
/// control characters become visible pictures (`␛`, `␇`), C1 controls and bidirectional
/// controls become `�`. Colour comes only from Rebound's own styling, which writes
/// `styleMarker` where an escape sequence belongs; the sanitiser turns exactly Rebound's
/// colour codes after a marker into the escape sequence.
public enum TerminalText {
    /// U+E01B, a private-use character, stands for ESC in Rebound's own colour sequences
    /// until the output boundary. Text from elsewhere that holds one gets at most one of
    /// Rebound's colours; any other use of it becomes `�`.
    public static let styleMarker: Unicode.Scalar = "\u{E01B}"

    /// The colour codes Rebound's styling uses; nothing else is turned into an escape.
    static let styleCodes: Set<String> = ["0", "1", "2", "1;31", "1;32", "1;33", "1;36"]

    /// The text made safe for a terminal. Tabs and line breaks stay (a carriage return only
    /// as part of CRLF).
    public static func sanitized(_ text: String) -> String {
        guard needsWork(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        // Built as UTF-8 bytes and made a string once: appending to a `String` scalar by
        // scalar dominated `lint`'s text output for a reply with many findings.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        func append(_ scalar: Unicode.Scalar) { UTF8.encode(scalar) { result.append($0) } }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar.value {
            case 0x09, 0x0A: append(scalar)
            case 0x0D where index < scalars.count && scalars[index] == "\n": append(scalar)
            case 0x00...0x1F: append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F: append("\u{2421}")
            case 0x80...0x9F: append("\u{FFFD}")
            case _ where scalar.isBidirectionalControl: append("\u{FFFD}")
            case styleMarker.value:
                var end = index
                while end < scalars.count, end - index < 8, scalars[end] == ";" || ("0"..."9").contains(scalars[end]) {
                    end += 1
                }
                let codes = String(String.UnicodeScalarView(scalars[index..<end]))
                if end < scalars.count, scalars[end] == "m", styleCodes.contains(codes) {
                    result.append(contentsOf: "\u{1B}[\(codes)m".utf8)
                    index = end + 1
                } else {
                    append("\u{FFFD}")
                }
            default: append(scalar)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether any byte could start something `sanitized` changes: a control character, or
    /// the lead byte of a C1 control, a bidirectional control or the style marker. Most
    /// text has none and is passed through without decoding.
    static func needsWork(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(needsWork) ?? text.utf8.contains(where: needsWork)
    }

    /// `needsWork` of text as bytes, eight at a time: a large review's text report is megabytes
    /// of ASCII, and testing it byte by byte was a fifth of what the review does after reading.
    static func needsWork(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let tops: UInt64 = 0x8080_8080_8080_8080
        var start = 0
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while start + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: start, as: UInt64.self)
                // A top bit set where a byte may be below a space, or DEL and above (a byte that
                // is, always; one that is not, only after a byte that is): those eight are tested.
                let belowSpace = (word &- ones &* 0x20) & ~word & tops
                let deleteAndAbove = (word | (word &+ ones)) & tops
                if belowSpace | deleteAndAbove != 0, bytes[start..<(start + 8)].contains(where: needsWork) {
                    return true
                }
                start += 8
            }
        }
        return bytes[start...].contains(where: needsWork)
    }

    /// Whether the byte could start something `sanitized` changes.
    static func needsWork(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2 || byte == 0xE2 || byte == 0xEE
    }
}
