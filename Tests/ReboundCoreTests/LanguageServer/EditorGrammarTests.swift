import Foundation
import ReboundLanguage
import Testing

@testable import ReboundScenario

/// The TextMate grammars in `editors/textmate/` colour every keyword the parsers know.
@Suite("editor grammars")
struct EditorGrammarTests {
    static func grammar(_ name: String) -> String {
        let url = ShippedPlaybooks.directory.deletingLastPathComponent()
            .appendingPathComponent("editors/textmate/\(name).tmLanguage.json")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// The words of the grammar's alternations: `(say|ask|…)`.
    static func words(_ grammar: String) -> Set<String> {
        Set(grammar.split { "(|)\\\" ".contains($0) }.map(String.init))
    }

    @Test("the playbook grammar names every keyword of the language", arguments: PlaybookParser.keywords)
    func playbookKeyword(keyword: String) throws {
        let grammar = Self.grammar("rebound-playbook")
        try #require(!grammar.isEmpty, "editors/textmate/rebound-playbook.tmLanguage.json is missing")
        #expect(Self.words(grammar).contains(keyword), "'\(keyword)' is not in the playbook grammar")
    }

    @Test("the playbook grammar names every outcome")
    func outcomes() {
        let words = Self.words(Self.grammar("rebound-playbook"))
        #expect(Outcome.allCases.allSatisfy { words.contains($0.rawValue) })
    }

    @Test("the test grammar names every test command and expectation")
    func testKeywords() throws {
        let words = Self.words(Self.grammar("rebound-test"))
        for keyword in ScenarioParser.commands + ScenarioParser.expectations {
            #expect(words.contains(keyword), "'\(keyword)' is not in the test grammar")
        }
        #expect(try JSONSerialization.jsonObject(with: Data(Self.grammar("rebound-test").utf8)) is [String: Any])
        #expect(try JSONSerialization.jsonObject(with: Data(Self.grammar("rebound-playbook").utf8)) is [String: Any])
    }
}
