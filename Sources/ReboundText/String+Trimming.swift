extension String {
    /// The text without white space (blanks and line breaks) at either end.
    public var trimmed: String {
        var result = Substring(self)
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return String(result)
    }

    /// The text with zeros in front, to `width` characters: `7` → `07`.
    public func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }

    /// The text without the spaces and tabs at its end.
    public func trimmingTrailingBlanks() -> String {
        var result = Substring(self)
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return String(result)
    }
}

extension StringProtocol {
    /// The text without the characters of `set` at either end.
    public func trimmingCharacters(in set: String) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}
