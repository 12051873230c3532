import ReboundChecker
import ReboundLanguage
import ReboundText

/// `textDocument/completion`: what may be written at the cursor (`CompletionContext`).
extension LanguageServer {
    /// The protocol's kinds of completion item, by what is offered.
    private enum ItemKind: Int {
        case module = 9, keyword = 14, reference = 18, enumMember = 20, constant = 21, variable = 6
    }

    private struct Item {
        var label: String
        var kind: ItemKind
        var detail: String?
        var documentation: String?
        /// What is inserted, when it differs from the label (a value with its closing brace).
        var insert: String?
    }

    func completion(_ params: JSON.Value) -> JSON.Value {
        guard let document = document(params), let position = Position(json: params["position"]) else {
            return .array([])
        }
        let offset = document.text.offset(at: position)
        let wordStart: Int
        let items: [Item]
        if let tests = document.testFile {
            let found = CompletionContext.test(document.text, at: offset)
            // Only these read the playbook under test, which may mean reading the workspace.
            let needsPlaybook = [.testSteps, .testOptions, .testValues].contains(found.context)
            let tested = needsPlaybook ? playbook(testedBy: tests, near: document.uri)?.playbook : nil
            wordStart = found.wordStart
            items = testItems(found.context, tested: tested, near: document.uri)
        } else {
            let found = CompletionContext.playbook(document.text, at: offset)
            wordStart = found.wordStart
            items = playbookItems(found.context, document: document, offset: offset)
        }
        // The edit replaces the word typed so far, so `follow-` completes to `follow-up`
        // whatever the editor takes a word to be.
        let range = PositionRange(document.text.position(at: wordStart), position).json
        return .array(
            items.enumerated().map { index, item in
                var fields: [(key: String, value: JSON.Value)] = [
                    ("label", .string(item.label)), ("kind", .int(item.kind.rawValue)),
                    // Keep the order given: the most likely first.
                    ("sortText", .string(String(index + 1000))),
                    ("textEdit", .fields(["range": range, "newText": .string(item.insert ?? item.label)])),
                ]
                if let detail = item.detail { fields.append(("detail", .string(detail))) }
                if let documentation = item.documentation {
                    fields.append(
                        ("documentation", .fields(["kind": .string("markdown"), "value": .string(documentation)])))
                }
                return .object(fields)
            })
    }

    private func playbookItems(_ context: CompletionContext, document: OpenDocument, offset: Int) -> [Item] {
        guard let playbook = document.playbook else { return [] }
        switch context {
        case .keywords(let keywords):
            return keywords.map { keyword in
                let help = keywordHelp[keyword]
                return Item(
                    label: keyword, kind: .keyword, detail: help?.syntax,
                    documentation: help?.help.joined(separator: "\n"))
            }
        case .steps:
            return playbook.steps.map {
                Item(label: $0.id.value, kind: .reference, detail: $0.title.value.description)
            }
        case .values:
            let scope = playbook.valueScope(at: offset)
            let questions = valueQuestions(playbook)
            let closed = offset < document.text.bytes.count && document.text.bytes[offset] == UInt8(ascii: "}")
            let notes: [(name: String, note: String)] =
                scope.asked.map { ($0, "") } + scope.maybeAsked.map { ($0, " (not asked on every path here)") }
            return notes.map { name, note in
                let detail: String = (questions[name] ?? "") + note
                return Item(label: name, kind: .variable, detail: detail, insert: closed ? name : name + "}")
            }
        case .outcomes: return outcomeItems()
        case .rules: return ruleItems()
        case .words(let words): return words.map { Item(label: $0, kind: .enumMember) }
        case .playbooks, .testSteps, .testOptions, .testValues, .none: return []
        }
    }

    private func testItems(_ context: CompletionContext, tested: Playbook?, near uri: String) -> [Item] {
        switch context {
        case .keywords(let commands): return commands.map { Item(label: $0, kind: .keyword) }
        case .playbooks:
            return playbookIDs(near: uri).map { Item(label: $0.id, kind: .module, detail: $0.title) }
        case .testSteps:
            return (tested?.steps ?? []).map {
                Item(label: $0.id.value, kind: .reference, detail: $0.title.value.description)
            }
        case .testOptions:
            var items: [Item] = []
            for step in tested?.steps ?? [] {
                for case .choose(let choice) in step.items {
                    items += choice.options.map {
                        Item(
                            label: $0.id.value, kind: .enumMember,
                            detail: "\($0.label.value) (\(choice.id.value), step \(step.id.value))")
                    }
                }
            }
            return items
        case .testValues:
            return valueQuestions(tested ?? Playbook()).sorted { $0.key < $1.key }.map {
                Item(label: $0.key, kind: .variable, detail: $0.value)
            }
        case .outcomes: return outcomeItems()
        case .rules: return ruleItems()
        case .words(let words): return words.map { Item(label: $0, kind: .enumMember) }
        case .steps, .values, .none: return []
        }
    }

    private func outcomeItems() -> [Item] {
        Outcome.allCases.map { Item(label: $0.rawValue, kind: .enumMember) }
    }

    /// Categories first, then every rule code with its summary.
    private func ruleItems() -> [Item] {
        FindingCategory.allCases.map { Item(label: $0.rawValue, kind: .constant, detail: "category") }
            + ReplyChecker.descriptors.map {
                Item(
                    label: $0.code, kind: .constant, detail: "\($0.category.rawValue): \($0.summary)",
                    documentation: $0.explanation)
            }
    }

    /// Each value id with the question that asks it.
    func valueQuestions(_ playbook: Playbook) -> [String: String] {
        var questions: [String: String] = [:]
        for step in playbook.steps {
            for item in step.items {
                switch item {
                case .ask(let ask): questions[ask.id.value] = questions[ask.id.value] ?? ask.question.value.description
                case .choose(let choice):
                    questions[choice.id.value] = questions[choice.id.value] ?? choice.question.value.description
                default: continue
                }
            }
        }
        return questions
    }
}

/// A keyword's syntax line and the paragraphs the language reference gives it.
struct KeywordHelp: Sendable {
    let syntax: String
    let help: [String]
}
