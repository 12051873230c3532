extension String {
    /// The text made safe inside HTML or XML, as element content or a double-quoted
    /// attribute (the only kind Rebound writes): `& < > "` become entities, and the characters XML 1.0 forbids (control
    /// characters other than tab, line feed and carriage return; U+FFFE and U+FFFF) are
    /// left out, since no entity can carry them and a JUnit reader would reject the file.
    public var markupEscaped: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
