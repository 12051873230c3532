import Foundation

/// A transcript turned hostile: every string of every line gets `attack` appended, except
/// the fields in `structural`, whose values must stay one of a few words for the
/// transcript to be read at all. What the terminal and HTML safety tests feed the tools.
enum CraftedTranscript {
    /// The transcript at `path`, crafted, as the text of a JSON-lines file.
    static func text(of path: String, attack: String, keeping structural: Set<String>) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let crafted = try lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let value = craft(object, key: "", attack: attack, structural: structural)
            let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        return crafted.joined(separator: "\n") + "\n"
    }

    private static func craft(_ value: Any, key: String, attack: String, structural: Set<String>) -> Any {
        switch value {
        case let text as String: return structural.contains(key) ? text : text + attack
        case let object as [String: Any]:
            return Dictionary(
                uniqueKeysWithValues: object.map {
                    ($0.key, craft($0.value, key: $0.key, attack: attack, structural: structural))
                })
        case let array as [Any]: return array.map { craft($0, key: key, attack: attack, structural: structural) }
        default: return value
        }
    }
}
