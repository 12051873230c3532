/// Compiles the `matching /…/` patterns of `ask` lines.
///
/// A pattern must match the whole answer, and `\d` means the ASCII digits 0–9 only,
/// so `٣٤٥` is not an order number.
public enum PatternCompiler {
    public static func compile(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        try Regex(pattern).asciiOnlyDigits()
    }

    /// Why the pattern does not compile, or `nil` when it does. An empty pattern compiles
    /// but accepts only an empty answer, which the session never takes.
    public static func problem(in pattern: String) -> String? {
        if pattern.isEmpty { return "the pattern is empty, so no answer could match it" }
        do {
            _ = try compile(pattern)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// A `{` that does not close a repetition (`[0-9]{5`): the regex engine takes it as
    /// the letters `{5`, which is almost never what was meant. The offset of the `{` in the
    /// pattern, if there is one.
    public static func unclosedRepetition(in pattern: String) -> Int? {
        let characters = Array(pattern)
        var index = 0
        var inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if character == "[" { inClass = true } else if character == "]" { inClass = false }
            if character == "{", !inClass, index > 0 {
                var end = index + 1
                while end < characters.count, characters[end].isNumber || characters[end] == "," { end += 1 }
                let hasDigits = end > index + 1 && characters[index + 1].isNumber
                if hasDigits, end == characters.count || characters[end] != "}" { return index }
            }
            index += 1
        }
        return nil
    }
}
