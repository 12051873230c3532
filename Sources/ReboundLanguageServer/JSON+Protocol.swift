import ReboundText

/// Building and reading the protocol's JSON values without a schema type for each message.
extension JSON.Value {
    static func int(_ number: Int) -> JSON.Value { .number(String(number)) }

    /// An object with its members in the order written.
    static func fields(_ members: KeyValuePairs<String, JSON.Value>) -> JSON.Value {
        .object(members.map { (key: $0.key, value: $0.value) })
    }

    var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    var int: Int? {
        if case .number(let text) = self { Int(text) } else { nil }
    }

    var bool: Bool? {
        if case .bool(let flag) = self { flag } else { nil }
    }

    var array: [JSON.Value]? {
        if case .array(let items) = self { items } else { nil }
    }

    var isObject: Bool {
        if case .object = self { true } else { false }
    }

    /// The value as compact JSON text.
    var bytes: [UInt8] {
        var writer = JSONWriter()
        writer.value(self)
        return writer.bytes
    }
}

extension Position {
    init?(json: JSON.Value?) {
        guard let line = json?["line"]?.int, let character = json?["character"]?.int else { return nil }
        self.init(line: line, character: character)
    }

    var json: JSON.Value { .fields(["line": .int(line), "character": .int(character)]) }
}

extension PositionRange {
    init?(json: JSON.Value?) {
        guard let start = Position(json: json?["start"]), let end = Position(json: json?["end"]) else { return nil }
        self.init(start, end)
    }

    var json: JSON.Value { .fields(["start": start.json, "end": end.json]) }
}

/// `Location`: a range in a document.
func location(_ uri: String, _ range: PositionRange) -> JSON.Value {
    .fields(["uri": .string(uri), "range": range.json])
}

/// `TextEdit`: replace a range with text.
func textEdit(_ range: PositionRange, _ newText: String) -> JSON.Value {
    .fields(["range": range.json, "newText": .string(newText)])
}
