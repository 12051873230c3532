import Foundation
import ReboundLanguage
import Testing

/// `docs/playbook-language.md` is the single reference: it must cover every keyword.
@Suite("language reference")
struct LanguageDocumentationTests {
    static let reference = documentationPage("playbook-language.md")

    @Test("every keyword has a section with an example", arguments: PlaybookParser.keywords)
    func documentsKeyword(keyword: String) {
        let headings = Self.reference.split(separator: "\n").filter { $0.hasPrefix("###") }
        #expect(
            headings.contains { $0.contains("`\(keyword) ") || $0.contains("`\(keyword)`") },
            "no section for '\(keyword)'")
        #expect(Self.reference.contains("\n\(keyword) ") || Self.reference.contains("  \(keyword) "))
    }
}
