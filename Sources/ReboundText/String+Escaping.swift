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

extension Unicode.Scalar {
    /// C0 and C1 control characters other than tab and newline: what a terminal could act on.
    public var isUnsafeControl: Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
    }
}
