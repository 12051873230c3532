import ReboundLanguage
import ReboundScenario
import ReboundText

/// Document symbols, formatting and quick fixes.
extension LanguageServer {
    /// The protocol's kinds of symbol, by what they stand for here.
    private enum SymbolKind: Int {
        case method = 6, enumeration = 10, function = 12, variable = 13, enumMember = 22, event = 24
    }

    private func symbol(
        _ name: String, _ kind: SymbolKind, detail: String?, range: SourceRange, selection: SourceRange,
        children: [JSON.Value] = [], in text: TextDocument
    ) -> JSON.Value {
        var fields: [(key: String, value: JSON.Value)] = [("name", .string(name))]
        if let detail, !detail.isEmpty { fields.append(("detail", .string(detail))) }
        fields += [
            ("kind", .int(kind.rawValue)), ("range", text.range(range).json),
            ("selectionRange", text.range(selection).json), ("children", .array(children)),
        ]
        return .object(fields)
    }

    /// A playbook's steps, each with its questions and draft; a test file's tests.
    func documentSymbols(_ params: JSON.Value) -> JSON.Value {
        guard let document = document(params) else { return .array([]) }
        let text = document.text
        if let tests = document.testFile {
            return .array(
                tests.scenarios.map { scenario in
                    let range = scenario.lines.last.map { scenario.name.range.union($0.range) } ?? scenario.name.range
                    return symbol(
                        scenario.name.value, .method, detail: nil, range: range, selection: scenario.name.range,
                        in: text)
                })
        }
        guard let playbook = document.playbook else { return .array([]) }
        return .array(
            playbook.steps.map { step in
                let children = step.items.compactMap { item -> JSON.Value? in
                    switch item {
                    case .ask(let ask):
                        return symbol(
                            ask.id.value, .variable, detail: ask.question.value.description, range: ask.range,
                            selection: ask.id.range, in: text)
                    case .choose(let choice):
                        let options = choice.options.map {
                            symbol(
                                $0.id.value, .enumMember, detail: $0.label.value.description, range: $0.range,
                                selection: $0.id.range, in: text)
                        }
                        let range = choice.options.last.map { choice.range.union($0.range) } ?? choice.range
                        return symbol(
                            choice.id.value, .enumeration, detail: choice.question.value.description, range: range,
                            selection: choice.id.range, children: options, in: text)
                    case .draft(let draft):
                        return symbol(
                            "draft", .event, detail: draft.instruction.value.description, range: extent(of: draft),
                            selection: draft.instruction.range, in: text)
                    default: return nil
                    }
                }
                return symbol(
                    step.id.value, .function, detail: step.title.value.description, range: extent(of: step),
                    selection: step.id.range, children: children, in: text)
            })
    }

    /// A step's lines, from the `step` line to its last item or exit.
    private func extent(of step: Step) -> SourceRange {
        var range = step.range
        for item in step.items {
            switch item {
            case .choose(let choice): range = choice.options.reduce(range.union(choice.range)) { $0.union($1.range) }
            case .draft(let draft): range = range.union(extent(of: draft))
            default: range = range.union(item.range)
            }
        }
        return step.exit.map { range.union($0.range) } ?? range
    }

    /// A draft's line and the checks under it.
    private func extent(of draft: Draft) -> SourceRange {
        let checks =
            draft.expectations.map(\.range) + draft.avoids.map(\.range) + draft.allows.map(\.range)
            + [draft.apologyLimit?.range, draft.failure?.range].compactMap { $0 }
        return checks.reduce(draft.range) { $0.union($1) }
    }

    /// `rebound fmt`'s layout, as one edit of the whole text; none for a file with errors
    /// (which `fmt` leaves alone too).
    func formatting(_ params: JSON.Value) -> JSON.Value {
        guard let document = document(params), !document.diagnostics.hasErrors else { return .array([]) }
        let formatted: String
        if let playbook = document.playbook {
            formatted = Playbook.format(document.text.bytes, playbook)
        } else if let file = document.testFile {
            formatted = ScenarioFile.format(document.text.bytes)
            guard ScenarioFile.sameMeaning(file, ScenarioParser.parse(Array(formatted.utf8)).file) else {
                return .array([])
            }
        } else {
            return .array([])
        }
        guard Array(formatted.utf8) != document.text.bytes else { return .array([]) }
        return .array([textEdit(document.text.wholeRange, formatted)])
    }

    /// A quick fix for each diagnostic in the range whose fix is mechanical (has edits).
    func codeActions(_ params: JSON.Value) -> JSON.Value {
        guard let document = document(params), let requested = PositionRange(json: params["range"]) else {
            return .array([])
        }
        if let only = params["context"]?["only"]?.array,
            !only.contains(where: { $0.string == "quickfix" || $0.string == "" })
        {
            return .array([])
        }
        let text = document.text
        return .array(
            document.diagnostics.compactMap { diagnostic in
                let range = text.range(diagnostic.range)
                guard !diagnostic.edits.isEmpty, range.start <= requested.end, requested.start <= range.end else {
                    return nil
                }
                let edits = diagnostic.edits.map { textEdit(text.range($0.range), $0.replacement) }
                let title =
                    diagnostic.fixIt.map { $0.prefix(1).uppercased() + $0.dropFirst() }
                    ?? "Fix \(diagnostic.code.rawValue)"
                return .fields([
                    "title": .string(title),
                    "kind": .string("quickfix"),
                    "diagnostics": .array([lspDiagnostic(diagnostic, in: text)]),
                    "isPreferred": .bool(true),
                    "edit": .fields(["changes": .object([(key: document.uri, value: .array(edits))])]),
                ])
            })
    }
}
