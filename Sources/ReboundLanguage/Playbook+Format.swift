import ReboundText

extension Playbook {
    /// The canonical layout of a playbook's source: one space after keywords, two spaces
    /// of indentation per level of nesting, quoted text with its escapes normalised, one
    /// blank line before each step, comments and single blank lines kept where they are.
    ///
    /// Works line by line, so the order of lines and every comment survive; each line is
    /// rewritten from what the parser understood of it. Only for playbooks without errors.
    public static func format(_ source: [UInt8], _ playbook: Playbook) -> String {
        enum Entry {
            case code(indent: Int, text: String, startsStep: Bool)
            case comment(String)
            case blank
        }
        var rendered: [Int: (indent: Int, text: String)] = [:]
        playbook.collectLines(into: &rendered)
        let comments = Dictionary(
            playbook.comments.map { ($0.range.start.line, $0.value.trimmingTrailingBlanks()) },
            uniquingKeysWith: { first, _ in first })
        let sourceLines = source.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var entries: [Entry] = []
        for number in 1...max(1, sourceLines.count) {
            if let comment = comments[number] {
                entries.append(.comment(comment))
            } else if let line = rendered[number] {
                entries.append(.code(indent: line.indent, text: line.text, startsStep: line.text.hasPrefix("step ")))
            } else {
                entries.append(.blank)
            }
        }
        /// The indentation of the code a comment belongs to: the next code line.
        func indent(after index: Int) -> Int {
            for case .code(let indent, _, _) in entries[index...] { return indent }
            return 0
        }
        /// Whether the comment block starting here leads straight into a step line.
        func introducesStep(_ index: Int) -> Bool {
            for entry in entries[index...] {
                switch entry {
                case .comment: continue
                case .code(_, _, let startsStep): return startsStep
                case .blank: return false
                }
            }
            return false
        }
        var lines: [String] = []
        func separate() {
            if let last = lines.last, !last.isEmpty { lines.append("") }
        }
        for (index, entry) in entries.enumerated() {
            let previousIsComment = index > 0 && { if case .comment = entries[index - 1] { true } else { false } }()
            switch entry {
            case .blank:
                separate()
            case .comment(let text):
                if !previousIsComment, introducesStep(index) { separate() }
                lines.append(String(repeating: " ", count: indent(after: index)) + "#" + text)
            case .code(let indent, let text, let startsStep):
                if startsStep, !previousIsComment { separate() }
                lines.append(String(repeating: " ", count: indent) + text)
            }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The canonical text of every line the parser understood, by line number.
    func collectLines(into lines: inout [Int: (indent: Int, text: String)]) {
        func put(_ range: SourceRange, _ indent: Int, _ text: String) {
            lines[range.start.line] = (indent, text)
        }
        if let id, let title { put(id.range, 0, "playbook \(id.value) \(quoted(title.value))") }
        if let version { put(version.range, 0, "version \(version.value)") }
        if let summary { put(summary.range, 0, "summary \(summary.value.description)") }
        for kind in ScoreKind.allCases {
            if let weight = scoreWeights[kind] { put(weight.range, 0, "score \(kind.rawValue) \(weight.value)") }
        }
        if let first = tags.first {
            put(first.range, 0, "tags " + tags.map { word($0.value) }.joined(separator: ", "))
        }
        if let first = triggers.first {
            put(first.range, 0, "triggers " + triggers.map { word($0.value) }.joined(separator: ", "))
        }
        for step in steps {
            put(step.range, 0, "step \(step.id.value) \(quoted(step.title.value))")
            for item in step.items {
                switch item {
                case .say(let say): put(say.range, 2, "say \(say.text.value.description)")
                case .ask(let ask):
                    var text = "ask \(ask.id.value) \(quoted(ask.question.value))"
                    switch ask.validation {
                    case .pattern(let pattern):
                        text +=
                            " matching /\(pattern.value)/" + (ask.example.map { " example " + quoted($0.value) } ?? "")
                    case .oneOf(let answers):
                        text += " one of " + answers.map { word($0.value) }.joined(separator: ", ")
                    case .amount: text += " amount"
                    case nil: break
                    }
                    if ask.identifiesCustomer != nil { text += " identifies customer" }
                    put(ask.range, 2, text)
                case .confirm(let confirm): put(confirm.range, 2, "confirm \(quoted(confirm.text.value))")
                case .choose(let choice):
                    put(choice.range, 2, "choose \(choice.id.value) \(quoted(choice.question.value))")
                    for option in choice.options {
                        let target = option.target.map { " -> \($0.value)" } ?? ""
                        let phrase = option.phrase.map { " as " + quoted($0.value) } ?? ""
                        put(
                            option.range, 4, "option \(option.id.value) \(quoted(option.label.value))\(phrase)\(target)"
                        )
                    }
                case .draft(let draft):
                    put(draft.range, 2, "draft \(quoted(draft.instruction.value))")
                    var expectLines: [Int: (SourceRange, [String])] = [:]
                    for expectation in draft.expectations {
                        let text: String
                        switch expectation.value {
                        case .mention(let value): text = "mention {\(value.value)}"
                        default: text = expectation.value.keyword
                        }
                        let line = expectation.range.start.line
                        expectLines[line, default: (expectation.range, [])].1.append(text)
                    }
                    for (range, words) in expectLines.values {
                        put(range, 4, "expect " + words.joined(separator: ", "))
                    }
                    if let failure = draft.failure { put(failure.range, 4, "failure \(quoted(failure.value))") }
                    if let limit = draft.apologyLimit { put(limit.range, 4, "limit apologies \(limit.value)") }
                    for avoid in draft.avoids {
                        put(avoid.range, 4, "avoid \(quoted(avoid.phrase.value)) because \(quoted(avoid.reason.value))")
                    }
                    for allow in draft.allows { put(allow.range, 4, "allow \(allow.value)") }
                case .followUp(let followUp):
                    let unit =
                        followUp.amount.value == 1 ? String(followUp.unit.rawValue.dropLast()) : followUp.unit.rawValue
                    put(
                        followUp.range, 2,
                        "follow-up in \(followUp.amount.value) \(unit) \(quoted(followUp.text.value))")
                case .redCarpet(let redCarpet):
                    put(
                        redCarpet.range, 2,
                        "red-carpet \(redCarpet.contacts.value) \(quoted(redCarpet.gesture.value))")
                case .cause(let cause): put(cause.range, 2, "cause \(quoted(cause.label.value))")
                }
            }
            if let exit = step.exit {
                switch exit.value {
                case .next(let target): put(exit.range, 2, "next \(target.value)")
                case .done(let outcome): put(exit.range, 2, "done \(outcome.rawValue)")
                }
            }
        }
    }
}

/// Text in double quotes, with `"` and `\` escaped and `{value}` references kept.
func quoted(_ text: Text) -> String {
    quoted(text.description)
}

func quoted(_ text: String) -> String {
    "\"" + text.escaping(["\"": "\\\"", "\\": "\\\\"]) + "\""
}

/// A list item bare when it is one plain word, quoted otherwise.
func word(_ text: String) -> String {
    let plain =
        !text.isEmpty && text.allSatisfy { !$0.isWhitespace && $0 != "," && $0 != "\"" }
        && !text.hasPrefix("->")
    return plain ? text : quoted(text)
}
