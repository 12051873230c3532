import ReboundChecker
import ReboundLanguage
import ReboundText

/// Hover, go to definition, find references and rename: what the name under the cursor
/// is, where it is defined and where it is used.
extension LanguageServer {
    /// A step or value under the cursor, with the playbook that defines it (the document
    /// itself, or the playbook a test file tests).
    struct Target {
        let symbol: Symbol
        /// Where the name under the cursor is written, in the document asked about.
        let range: SourceRange
        let playbook: Playbook
        let playbookFile: SourceFile
    }

    func target(in document: OpenDocument, at offset: Int) -> Target? {
        if let playbook = document.playbook {
            guard let occurrence = PlaybookIndex(playbook).occurrence(at: offset) else { return nil }
            return Target(
                symbol: occurrence.symbol, range: occurrence.range, playbook: playbook,
                playbookFile: SourceFile(uri: document.uri, text: document.text))
        }
        guard let tests = document.testFile,
            let step = tests.expectedSteps.first(where: {
                $0.range.start.offset <= offset && offset <= $0.range.end.offset
            }),
            let (file, playbook) = self.playbook(testedBy: tests, near: document.uri)
        else { return nil }
        return Target(symbol: .step(step.value), range: step.range, playbook: playbook, playbookFile: file)
    }

    private func offset(_ params: JSON.Value, in document: OpenDocument) -> Int? {
        Position(json: params["position"]).map { document.text.offset(at: $0) }
    }

    // MARK: Hover

    func hover(_ params: JSON.Value) -> JSON.Value {
        guard let document = document(params), let offset = offset(params, in: document) else { return .null }
        let text = document.text
        if let target = target(in: document, at: offset) {
            return hover(describe(target), text.range(target.range))
        }
        guard let word = word(at: offset, in: text) else { return .null }
        let range = PositionRange(text.position(at: word.start), text.position(at: word.end))
        let words = lineWords(before: word.start, in: text)
        if document.playbook != nil, words.isEmpty, let help = keywordHelp[word.text] {
            return hover("```\n\(help.syntax)\n```\n\n" + help.help.joined(separator: "\n"), range)
        }
        let namesRule =
            document.playbook != nil
            ? words == ["allow"]
            : words == ["accept"] || words == ["expect", "finding"] || words == ["expect", "no", "finding"]
        if namesRule, let help = ruleHelp(word.text) { return hover(help, range) }
        return .null
    }

    private func hover(_ markdown: String, _ range: PositionRange) -> JSON.Value {
        .fields(["contents": .fields(["kind": .string("markdown"), "value": .string(markdown)]), "range": range.json])
    }

    /// A step's title, or the line that asks a value.
    private func describe(_ target: Target) -> String {
        let index = PlaybookIndex(target.playbook)
        switch target.symbol {
        case .step(let id):
            guard let step = target.playbook.step(id) else { return "no step '\(id)' in this playbook" }
            return "step `\(id)`: \(step.title.value) (line \(step.range.start.line))"
        case .value(let id):
            guard let definition = index.definition(of: target.symbol) else {
                return "no question asks for `{\(id)}`"
            }
            let text = target.playbookFile.text
            let line = text.line(at: definition.range.start.offset)
            let source = String(decoding: text.bytes[text.lineStarts[line]..<text.lineEnd(line)], as: UTF8.self)
            return "`{\(id)}` is asked at line \(line + 1):\n\n```\n\(source.trimmed)\n```"
        }
    }

    /// A rule code's or category's explanation, as `rebound explain` gives it.
    private func ruleHelp(_ name: String) -> String? {
        if let rule = ReplyChecker.descriptors.first(where: { $0.code == name }) {
            return """
                **\(rule.code)** (\(rule.category.rawValue), \(rule.severity.rawValue)): \(rule.summary)

                \(rule.explanation)

                Bad: \(rule.badExample)

                Good: \(rule.goodExample)
                """
        }
        guard let category = FindingCategory(rawValue: name) else { return nil }
        let rules = ReplyChecker.descriptors.filter { $0.category == category }
        return "**\(name)**: every rule of the category\n\n"
            + rules.map { "- \($0.code): \($0.summary)" }.joined(separator: "\n")
    }

    /// The id-like word under or just before a byte offset.
    private func word(at offset: Int, in text: TextDocument) -> (text: String, start: Int, end: Int)? {
        let bytes = text.bytes
        var start = min(offset, bytes.count)
        var end = start
        while start > 0, isIdentifierByte(bytes[start - 1]) { start -= 1 }
        while end < bytes.count, isIdentifierByte(bytes[end]) { end += 1 }
        guard start < end else { return nil }
        return (String(decoding: bytes[start..<end], as: UTF8.self), start, end)
    }

    /// The words on a line before an offset.
    private func lineWords(before offset: Int, in text: TextDocument) -> [String] {
        let lineStart = text.lineStarts[text.line(at: offset)]
        return text.bytes[lineStart..<offset].split { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    // MARK: Definition and references

    func definition(_ params: JSON.Value) -> JSON.Value {
        guard let document = document(params), let offset = offset(params, in: document) else { return .null }
        if let target = target(in: document, at: offset) {
            guard let definition = PlaybookIndex(target.playbook).definition(of: target.symbol) else { return .null }
            return location(target.playbookFile.uri, target.playbookFile.text.range(definition.range))
        }
        // In a test: the playbook it names, and the options it chooses.
        guard let tests = document.testFile, let (file, playbook) = playbook(testedBy: tests, near: document.uri)
        else { return .null }
        func contains(_ name: Located<String>?) -> Bool {
            name.map { $0.range.start.offset <= offset && offset <= $0.range.end.offset } ?? false
        }
        if contains(tests.playbook), let id = playbook.id {
            return location(file.uri, file.text.range(id.range))
        }
        if let chosen = tests.chosenOptions.first(where: contains) {
            let options = playbook.steps.flatMap { step in
                step.items.flatMap { item -> [ChoiceOption] in
                    if case .choose(let choice) = item { choice.options } else { [] }
                }
            }
            if let option = options.first(where: { $0.id.value == chosen.value }) {
                return location(file.uri, file.text.range(option.id.range))
            }
        }
        return .null
    }

    func references(_ params: JSON.Value) -> JSON.Value {
        guard let document = document(params), let offset = offset(params, in: document),
            let target = target(in: document, at: offset)
        else { return .array([]) }
        let includeDeclaration = params["context"]?["includeDeclaration"]?.bool ?? true
        return .array(
            places(of: target).filter { includeDeclaration || !$0.isDefinition }.map {
                location($0.file.uri, $0.file.text.range($0.range))
            })
    }

    /// Every place a target's name is written: in its playbook and, for a step, in the
    /// `expect step` lines of the tests of that playbook.
    private func places(of target: Target) -> [(file: SourceFile, range: SourceRange, isDefinition: Bool)] {
        var places = PlaybookIndex(target.playbook).occurrences(of: target.symbol).map {
            (file: target.playbookFile, range: $0.range, isDefinition: $0.isDefinition)
        }
        if case .step(let id) = target.symbol, let playbookID = target.playbook.id?.value {
            for (file, tests) in tests(of: playbookID, near: target.playbookFile.uri) {
                places += tests.expectedSteps.filter { $0.value == id }.map {
                    (file: file, range: $0.range, isDefinition: false)
                }
            }
        }
        return places
    }

    // MARK: Rename

    func rename(_ params: JSON.Value) throws(ResponseError) -> JSON.Value {
        guard let document = document(params), let offset = offset(params, in: document) else { return .null }
        guard let newName = params["newName"]?.string, isIdentifier(newName) else {
            throw .invalidParams("an id uses letters, digits, '-' and '_', and starts with a letter or digit")
        }
        guard let target = target(in: document, at: offset) else {
            throw ResponseError(code: -32803, message: "put the cursor on a step id or a {value} to rename it")
        }
        var changes: [(key: String, value: JSON.Value)] = []
        var byFile: [String: [JSON.Value]] = [:]
        for place in places(of: target) {
            if byFile[place.file.uri] == nil { changes.append((place.file.uri, .null)) }
            byFile[place.file.uri, default: []].append(textEdit(place.file.text.range(place.range), newName))
        }
        return .fields(["changes": .object(changes.map { ($0.key, .array(byFile[$0.key] ?? [])) })])
    }
}
