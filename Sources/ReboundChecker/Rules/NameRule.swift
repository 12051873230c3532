/// RB212: `expect name` and the reply does not address the customer by name.
public enum NameRule: ReplyRule {
    public static let descriptor = RuleDescriptor(
        code: "RB212", category: .expectation, severity: .advice,
        summary: "The reply does not address the customer by name (expect name).",
        explanation: """
            Customers forgive more readily when they feel known. Use the customer's name, \
            captured in the playbook as {name}; without a captured name (as in `rebound lint`), \
            the reply should open with a greeting and a name rather than "Dear customer". Checked \
            when the step says `expect name`, or with `rebound lint --expect name`.
            """,
        badExample: "Dear customer, thank you for contacting us.",
        goodExample: "Hi Maria, I'm sorry your parcel is late.")

    static let genericAddressees: Set<String> = [
        "customer", "there", "team", "sir", "madam", "all", "everyone", "friend", "valued", "user", "client",
        "guest", "member", "folks", "again", "and",
    ]
    static let greetings: Set<String> = ["hi", "hello", "dear", "hey", "morning", "afternoon", "evening", "greetings"]

    public static func findings(in context: CheckContext) -> [Finding] {
        guard context.options.expects(.name) else { return [] }
        let text = String(decoding: context.reply.bytes, as: UTF8.self)
        if let name = context.options.values["name"]?.trimmed, !name.isEmpty {
            // "Hi Jo" uses the name "Jo Park": the first name alone is how agents greet.
            let first = name.split(separator: " ").first.map(String.init) ?? name
            if text.containsWord(name) || text.containsWord(first) { return [] }
            return [
                context.missing(
                    descriptor, message: "The reply does not use the customer's name, \(name).",
                    suggestion: "Open with it: \"Hi \(name),\"")
            ]
        }
        if opensWithName(text) { return [] }
        return [
            context.missing(
                descriptor, message: "The reply does not address the customer by name.",
                suggestion: "Open with a greeting and their name: \"Hi Maria,\"")
        ]
    }

    /// Whether the first line greets someone by a name: "Hi Maria," "Dear Mr Lee".
    static func opensWithName(_ text: String) -> Bool {
        let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        let words = firstLine.split { !$0.isLetter && $0 != "'" && $0 != "’" && $0 != "-" }.prefix(5)
        guard let greeting = words.firstIndex(where: { greetings.contains($0.lowercased()) }) else { return false }
        for word in words[words.index(after: greeting)...] {
            let lowered = word.lowercased()
            if ["good", "mr", "mrs", "ms", "dr", "miss", "mx"].contains(lowered) { continue }
            return word.first?.isUppercase == true && !genericAddressees.contains(lowered)
        }
        return false
    }
}

extension String {
    /// Whether `word` occurs here as a whole word (or words), ignoring case.
    func containsWord(_ word: String) -> Bool {
        let haystack = Array(lowercased().unicodeScalars)
        let needle = Array(word.lowercased().unicodeScalars)
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool { Tokenizer.isWordScalar(scalar) }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            guard haystack[start..<(start + needle.count)].elementsEqual(needle) else { continue }
            let before = start == 0 || !isWordScalar(haystack[start - 1])
            let after = start + needle.count == haystack.count || !isWordScalar(haystack[start + needle.count])
            if before && after { return true }
        }
        return false
    }
}
