import Foundation
import ReboundChecker
import ReboundText
import ReboundTranscript
import Testing

/// The pages that document the JSON records list the keys the code writes, in its order:
/// one schema per record, and the page is part of it.
@Suite("record schemas in the docs")
struct RecordSchemaDocumentationTests {
    /// The first column of the table that follows `heading` on `page`, backticks removed.
    static func tableKeys(on page: String, after heading: String) -> [String] {
        guard let start = page.range(of: heading) else { return [] }
        var keys: [String] = []
        var inTable = false
        for line in page[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                if inTable { break }
                continue
            }
            inTable = true
            let cell = line.split(separator: "|").first?.trimmingCharacters(in: .whitespaces) ?? ""
            if cell.hasPrefix("`") { keys.append(cell.trimmingCharacters(in: CharacterSet(charactersIn: "`"))) }
        }
        return keys
    }

    @Test("the transcript page lists the header's keys and the event's optional keys in the order written")
    func transcriptKeys() {
        let page = documentationPage("transcript-format.md")
        #expect(Self.tableKeys(on: page, after: "## Header") == TranscriptHeader.JSONKey.allCases.map(\.rawValue))
        let eventKeys = SessionEvent.JSONKey.allCases.map(\.rawValue).filter { $0 != "kind" && $0 != "step" }
        #expect(Self.tableKeys(on: page, after: "Other fields appear") == eventKeys)
    }

    @Test("the rules page's lint example carries every finding key, in the order written")
    func findingKeys() {
        let page = documentationPage("rules.md")
        guard let example = page.range(of: "{\"id\": \"a1\", \"findings\": [") else {
            Issue.record("docs/rules.md has no jsonl example")
            return
        }
        let text = String(page[example.upperBound...].prefix { $0 != "]" })
        // The finding's own keys, and apart from them those of the object nested in it (`fix`).
        var depth = 0
        var outer = ""
        var nested = ""
        for character in text {
            if character == "{" { depth += 1 }
            if depth <= 1 { outer.append(character) } else { nested.append(character) }
            if character == "}" { depth -= 1 }
        }
        func keys(_ text: String) -> [String] {
            text.split(separator: "\"").enumerated().compactMap { index, part in
                index % 2 == 1 && text.contains("\"\(part)\":") ? String(part) : nil
            }
        }
        #expect(keys(outer) == Finding.JSONKey.allCases.map(\.rawValue))
        #expect(keys(nested) == TextEdit.JSONKey.allCases.map(\.rawValue))
    }
}
