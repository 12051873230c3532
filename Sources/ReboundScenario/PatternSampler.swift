import ReboundText

/// Writes strings a `matching /…/` pattern accepts, so `--explore` can answer questions
/// such as `[A-Z]{3}-[0-9]{5}` or an email pattern without a list of lucky guesses.
///
/// It reads the common part of the regex syntax: literals and escapes (`\d`, `\w`, `\s`,
/// `\.`), classes with ranges and negation, `.`, groups (`(…)`, `(?:…)`) with `|`, the
/// quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, and the anchors `^` and `$`. What it
/// cannot read (lookarounds, back references) gives `nil`; every string it returns is
/// checked against the real pattern by the caller.
struct PatternSampler {
    private indirect enum Node {
        case characters([Character])
        case sequence([Node])
        case alternatives([Node])
        case repeated(Node, minimum: Int, maximum: Int)
    }

    private let root: Node

    init?(_ pattern: String) {
        var reader = Reader(characters: Array(pattern))
        guard let root = reader.alternatives(), reader.isAtEnd else { return nil }
        self.root = root
    }

    /// One string the pattern should accept.
    func sample(_ random: inout SplitMix) -> String {
        var output = ""
        Self.write(root, into: &output, random: &random)
        return output
    }

    private static func write(_ node: Node, into output: inout String, random: inout SplitMix) {
        switch node {
        case .characters(let choices):
            if !choices.isEmpty { output.append(choices[random.below(choices.count)]) }
        case .sequence(let nodes):
            for node in nodes { write(node, into: &output, random: &random) }
        case .alternatives(let nodes):
            if !nodes.isEmpty { write(nodes[random.below(nodes.count)], into: &output, random: &random) }
        case .repeated(let node, let minimum, let maximum):
            let count = minimum + random.below(maximum - minimum + 1)
            for _ in 0..<count { write(node, into: &output, random: &random) }
        }
    }

    /// Characters a sample is drawn from for `.` and negated classes: printable ASCII.
    private static let printable: [Character] = (0x21...0x7E).compactMap { Unicode.Scalar($0).map(Character.init) }
    private static let digits = Array("0123456789")
    private static let wordCharacters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")

    /// A recursive-descent reader of the pattern; `nil` from any method means the syntax
    /// is beyond it.
    private struct Reader {
        let characters: [Character]
        var index = 0

        var isAtEnd: Bool { index >= characters.count }
        var peek: Character? { isAtEnd ? nil : characters[index] }

        mutating func alternatives() -> Node? {
            var branches: [Node] = []
            while true {
                guard let branch = sequence() else { return nil }
                branches.append(branch)
                guard peek == "|" else { break }
                index += 1
            }
            return branches.count == 1 ? branches[0] : .alternatives(branches)
        }

        mutating func sequence() -> Node? {
            var nodes: [Node] = []
            while let character = peek, character != "|", character != ")" {
                if character == "^" || character == "$" {
                    index += 1
                    continue
                }
                guard let atom = atom(), let quantified = quantified(atom) else { return nil }
                nodes.append(quantified)
            }
            return .sequence(nodes)
        }

        mutating func atom() -> Node? {
            guard let character = peek else { return nil }
            index += 1
            switch character {
            case "(":
                if peek == "?" {
                    // Only the non-capturing group is understood.
                    guard index + 1 < characters.count, characters[index + 1] == ":" else { return nil }
                    index += 2
                }
                guard let inner = alternatives(), peek == ")" else { return nil }
                index += 1
                return inner
            case "[": return characterClass()
            case ".": return .characters(PatternSampler.printable)
            case "\\": return escape(inClass: false).map(Node.characters)
            case "*", "+", "?", "{", ")": return nil
            default: return .characters([character])
            }
        }

        mutating func quantified(_ atom: Node) -> Node? {
            guard let character = peek else { return atom }
            let bounds: (Int, Int)
            switch character {
            case "?": bounds = (0, 1)
            case "*": bounds = (0, 3)
            case "+": bounds = (1, 4)
            case "{":
                guard let read = repetition() else { return atom }
                bounds = read
            default: return atom
            }
            if character != "{" { index += 1 }
            if peek == "?" || peek == "+" { index += 1 }  // lazy or possessive: same strings
            return .repeated(atom, minimum: bounds.0, maximum: bounds.1)
        }

        /// `{n}`, `{n,}`, `{n,m}`; a `{` that is not one is a literal (as the engine reads it).
        mutating func repetition() -> (Int, Int)? {
            var end = index + 1
            while end < characters.count, characters[end].isASCII, characters[end].isNumber || characters[end] == "," {
                end += 1
            }
            guard end < characters.count, characters[end] == "}" else { return nil }
            let parts = String(characters[(index + 1)..<end]).split(separator: ",", omittingEmptySubsequences: false)
            guard let low = Int(parts[0]) else { return nil }
            let high = parts.count == 1 ? low : (parts[1].isEmpty ? low + 3 : Int(parts[1]) ?? low)
            guard parts.count <= 2, high >= low else { return nil }
            index = end + 1
            return (low, high)
        }

        mutating func characterClass() -> Node? {
            var negated = false
            if peek == "^" {
                negated = true
                index += 1
            }
            var members: [Character] = []
            var first = true
            while let character = peek, character != "]" || first {
                first = false
                index += 1
                var low: [Character]
                if character == "\\" {
                    guard let escaped = escape(inClass: true) else { return nil }
                    low = escaped
                } else if character == "[" {
                    return nil
                } else {
                    low = [character]
                }
                if low.count == 1, peek == "-", index + 1 < characters.count, characters[index + 1] != "]",
                    let start = low[0].unicodeScalars.first
                {
                    index += 1
                    guard let endCharacter = peek, endCharacter != "\\", let end = endCharacter.unicodeScalars.first,
                        start.value <= end.value, end.value - start.value < 0x3000
                    else { return nil }
                    index += 1
                    low = (start.value...end.value).compactMap { Unicode.Scalar($0).map(Character.init) }
                }
                members += low
            }
            guard peek == "]" else { return nil }
            index += 1
            if negated {
                let excluded = Set(members)
                members = PatternSampler.printable.filter { !excluded.contains($0) }
            }
            return members.isEmpty ? nil : .characters(members)
        }

        /// The characters an escape stands for; the backslash is already read.
        mutating func escape(inClass: Bool) -> [Character]? {
            guard let character = peek else { return nil }
            index += 1
            switch character {
            case "d": return PatternSampler.digits
            case "w": return PatternSampler.wordCharacters
            case "s": return [" "]
            case "D": return Array("abcXYZ-_")
            case "W": return Array(" -.,")
            case "S": return Array("abcXYZ019")
            case "b", "B", "A", "z", "Z": return inClass ? nil : []
            case "t": return ["\t"]
            default: return character.isLetter || character.isNumber ? nil : [character]
            }
        }
    }
}
