import Foundation
import ReboundLanguage
import ReboundText
import Testing

@testable import ReboundLanguageServer
@testable import ReboundScenario

/// The editor's help and completion come from the language reference and the parsers:
/// these fail when either changes and the server's tables do not.
@Suite("language server: keyword tables")
struct KeywordHelpTests {
    @Test("KeywordHelp.swift is what scripts/keyword-help.py makes of docs/playbook-language.md")
    func helpIsFresh() throws {
        let root = ShippedPlaybooks.directory.deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/keyword-help.py").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let generated = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let committed = try String(
            contentsOf: root.appendingPathComponent("Sources/ReboundLanguageServer/KeywordHelp.swift"), encoding: .utf8)
        #expect(
            generated == committed,
            "the language reference changed: scripts/keyword-help.py > Sources/ReboundLanguageServer/KeywordHelp.swift")
    }

    @Test("every keyword has help, and its section's text is in the reference", arguments: PlaybookParser.keywords)
    func everyKeywordHasHelp(keyword: String) throws {
        let help = try #require(keywordHelp[keyword], "no help for '\(keyword)'")
        let reference = documentationPage("playbook-language.md")
        #expect(reference.contains("`\(help.syntax)`"))
        #expect(reference.contains(help.help.joined(separator: "\n")))
    }

    @Test("the keywords completion offers by place are exactly the language's keywords")
    func keywordGroups() {
        let groups =
            CompletionContext.headerKeywords + CompletionContext.stepKeywords + CompletionContext.choiceKeywords
            + CompletionContext.draftKeywords
        #expect(groups.sorted() == PlaybookParser.keywords.sorted())
    }

    @Test("'expect' offers every expectation the parser reads")
    func expectations() {
        let expectations: [ReboundLanguage.Expectation] = [
            .mention(Located("x", SourceRange(at: SourceLocation(line: 1, column: 1, offset: 0)))), .timeframe,
            .nextStep, .name,
        ]
        #expect(CompletionContext.expectations == expectations.map(\.keyword))
    }
}
