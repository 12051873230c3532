extension String {
    /// Control characters (escape sequences, NUL, bells) replaced by U+FFFD, so text from
    /// a reply can be shown on a terminal without acting on it. Tabs and newlines stay.
    public func replacingControlCharacters() -> String {
        guard unicodeScalars.contains(where: { $0.isUnsafeControl }) else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            result.append(scalar.isUnsafeControl ? "\u{FFFD}" : scalar)
        }
        return String(result)
    }
}

extension String {
    /// The text with every control character, line break included, written out visibly
    /// (`\n`, `\t`, `\x1b`), for quoting untrusted text inside a one-line message.
    public func escapingControlCharacters() -> String {
        // Most text is printable ASCII and comes back as it is (a review escapes 100,000 reasons);
        // its bytes are tested in place, not one index of the string's view at a time.
        var text = self
        if text.withUTF8({ $0.allSatisfy { (0x20..<0x7F).contains($0) } }) { return self }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case _ where !scalar.breaksOneLine: result.unicodeScalars.append(scalar)
            case 0x00...0x9F: result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }
}

extension Unicode.Scalar {
    /// The format characters that reorder text on screen: bidirectional marks, embeddings,
    /// overrides and isolates ("Trojan source").
    public var isBidirectionalControl: Bool {
        switch value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// What cannot stand inside one line of a message or a name: control characters (C0,
    /// DEL, C1, line breaks and tabs included), line and paragraph separators, and
    /// bidirectional controls. `escapingControlCharacters` writes these out.
    public var breaksOneLine: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: isBidirectionalControl
        }
    }

    /// C0 and C1 control characters other than tab and newline: what a terminal could act on.
    public var isUnsafeControl: Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
    }
}
