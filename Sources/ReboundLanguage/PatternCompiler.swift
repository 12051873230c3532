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

    /// The first mistake in a pattern that does not compile, in words an author reads:
    /// where it is (a UTF-8 offset and length inside the pattern) and what is wrong. `nil`
    /// when none of the usual mistakes is found, in which case the engine's own message is
    /// all there is.
    public static func mistake(in pattern: String) -> (offset: Int, length: Int, message: String)? {
        let characters = Array(pattern)
        var offsets: [Int] = []
        var offset = 0
        for character in characters {
            offsets.append(offset)
            offset += character.utf8.count
        }
        offsets.append(offset)
        func found(_ index: Int, _ count: Int, _ message: String) -> (offset: Int, length: Int, message: String) {
            (offsets[index], offsets[min(index + count, characters.count)] - offsets[index], message)
        }
        var openGroups: [Int] = []
        var classStart: Int?
        /// Whether the character before can be repeated (not the start, '(' or '|').
        var canRepeat = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                guard index + 1 < characters.count else {
                    return found(
                        index, 1, "the pattern ends with '\\', which escapes nothing; write '\\\\' for a backslash")
                }
                index += 2
                canRepeat = true
                continue
            }
            if let start = classStart {
                let first = start + 1 + (characters.count > start + 1 && characters[start + 1] == "^" ? 1 : 0)
                if character == "[", index + 1 < characters.count, characters[index + 1] == ":" {
                    // A POSIX class such as [:alpha:] inside the class.
                    var end = index + 2
                    while end + 1 < characters.count, !(characters[end] == ":" && characters[end + 1] == "]") {
                        end += 1
                    }
                    index = end + 2
                    continue
                }
                if character == "]", index > first {
                    classStart = nil
                    canRepeat = true
                } else if character == "[" {
                    let open = String(characters[start..<index])
                    return found(
                        index, 1,
                        "'[' inside the character class '\(open)', which has no ']' yet: close it first, or write '\\[' for a bracket"
                    )
                } else if character == "-", index > first, index + 1 < characters.count,
                    !"[]\\".contains(characters[index + 1]), index - 2 < start || characters[index - 2] != "\\",
                    let low = characters[index - 1].unicodeScalars.first,
                    let high = characters[index + 1].unicodeScalars.first, low.value > high.value
                {
                    return found(
                        index - 1, 3,
                        "the range '\(characters[index - 1])-\(characters[index + 1])' runs backwards; write the smaller character first"
                    )
                }
                index += 1
                continue
            }
            switch character {
            case "[":
                classStart = index
            case "(":
                openGroups.append(index)
                canRepeat = false
                index += 1
                continue
            case ")":
                guard openGroups.popLast() != nil else {
                    return found(index, 1, "')' closes no '('; write '\\)' for a parenthesis")
                }
            case "|":
                canRepeat = false
                index += 1
                continue
            case "*", "+", "?":
                // '*?', '+?', '??' are lazy forms of a repetition just read.
                let lazy = index > 0 && "*+?}".contains(characters[index - 1]) && character == "?"
                if !canRepeat, !lazy {
                    return found(
                        index, 1,
                        "'\(character)' has nothing before it to repeat; write '\\\(character)' for the character itself"
                    )
                }
            case "{":
                var end = index + 1
                while end < characters.count, characters[end].isNumber || characters[end] == "," { end += 1 }
                if end < characters.count, characters[end] == "}", end > index + 1 {
                    let bounds = String(characters[(index + 1)..<end]).split(
                        separator: ",", omittingEmptySubsequences: false)
                    if !canRepeat {
                        return found(
                            index, end - index + 1,
                            "'{\(bounds.joined(separator: ","))}' has nothing before it to repeat")
                    }
                    if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low > high {
                        return found(
                            index, end - index + 1,
                            "'{\(low),\(high)}' asks for at least \(low) and at most \(high); write the smaller number first"
                        )
                    }
                    index = end + 1
                    canRepeat = false
                    continue
                }
            default: break
            }
            canRepeat = true
            index += 1
        }
        if let start = classStart {
            return found(start, 1, "this '[' opens a character class that is never closed with ']'")
        }
        if let open = openGroups.last {
            return found(open, 1, "this '(' is never closed with ')'")
        }
        return nil
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
