import Foundation

/// One request from a shell's completion script: the words of the command line as
/// typed, which one is being completed, and the part of it before the cursor.
struct CompletionRequest {
    let words: [String]
    let index: Int
    /// The start of the word being completed, without the shell's quotes and escapes.
    let prefix: String
    let environment: [String: String]

    init(
        words: [String], index: Int, prefix: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.words = words
        self.index = index
        self.prefix = ShellWord.unquoted(prefix)
        self.environment = environment
    }

    /// What `option` is set to elsewhere on the line (`--option VALUE` or
    /// `--option=VALUE`; the last wins), as the command will see it: the shell has not
    /// removed quotes or expanded `~` yet when it asks for completions.
    func value(of option: String) -> String? {
        var value: String?
        for (position, word) in words.enumerated() where position != index {
            if word == option, position + 1 < words.count, position + 1 != index {
                value = words[position + 1]
            } else if word.hasPrefix(option + "=") {
                value = String(word.dropFirst(option.count + 1))
            }
        }
        return value.map { ShellWord.expandingTilde(ShellWord.unquoted($0), environment: environment) }
    }

    /// The candidates that start with the prefix, each once, sorted.
    func matching(_ candidates: [String]) -> [String] {
        Array(Set(candidates.filter { $0.hasPrefix(prefix) })).sorted()
    }

    /// For arguments that take a name or a path: the names that match, and the paths
    /// that do (directories and files ending in `suffix`) when no name does or the word
    /// already looks like a path.
    func matchingOrPaths(_ names: [String], suffix: String) -> [String] {
        let names = matching(names)
        guard names.isEmpty || prefix.contains("/") else { return names }
        let paths = PathCompletion.candidates(prefix: prefix, suffix: suffix, environment: environment)
        return Array(Set(names + paths)).sorted()
    }

    /// For comma-separated lists (`--disable RB201,excuse`): completes the last item and
    /// keeps what is before it, leaving out items already given.
    func matchingListItems(_ items: [String]) -> [String] {
        guard let comma = prefix.lastIndex(of: ",") else { return matching(items) }
        let head = prefix[...comma]
        let given = Set(head.split(separator: ",").map(String.init))
        let last = prefix[prefix.index(after: comma)...]
        return Array(Set(items.filter { $0.hasPrefix(last) && !given.contains($0) })).sorted().map { head + $0 }
    }
}

/// Paths under the directory a prefix names, for words that are paths.
enum PathCompletion {
    /// Directories (ending in `/`, so the next Tab goes inside) and files ending in
    /// `suffix`; hidden ones only when the prefix asks for them.
    static func candidates(prefix: String, suffix: String, environment: [String: String]) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let directoryPart = slash.map { String(prefix[...$0]) } ?? ""
        let namePrefix = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let directory = directoryPart.isEmpty ? "." : ShellWord.expandingTilde(directoryPart, environment: environment)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .compactMap { name in
                let path = (directory.hasSuffix("/") ? directory : directory + "/") + name
                if FileSystem.isDirectory(path) { return directoryPart + name + "/" }
                return name.hasSuffix(suffix) ? directoryPart + name : nil
            }
            .sorted()
    }
}

/// A word as the shell will pass it to the command.
enum ShellWord {
    /// Removes quotes and backslash escapes as a POSIX shell does.
    static func unquoted(_ word: String) -> String {
        var result = ""
        var quote: Character?
        var escaped = false
        for character in word {
            if escaped {
                // Inside double quotes a backslash escapes only these; elsewhere it stays.
                if quote == "\"", !"$`\"\\".contains(character) { result.append("\\") }
                result.append(character)
                escaped = false
            } else if character == "\\", quote != "'" {
                escaped = true
            } else if quote == nil, character == "'" || character == "\"" {
                quote = character
            } else if character == quote {
                quote = nil
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `~` and `~/…` are the home directory, as the shell would have expanded them.
    static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return home + path.dropFirst()
    }
}
