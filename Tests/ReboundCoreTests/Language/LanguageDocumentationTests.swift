import Foundation
import ReboundCore
import Testing

/// `docs/playbook-language.md` is the single reference: it must cover every keyword
/// and every diagnostic code, with the same title and severity the code reports.
@Suite("language reference")
struct LanguageDocumentationTests {
    static let reference = documentationPage("playbook-language.md")

    @Test(
        "every diagnostic code has a section with its title and severity",
        arguments: DiagnosticCode.allCases.filter { $0.rawValue.hasPrefix("RB1") })
    func documentsCode(code: DiagnosticCode) {
        #expect(Self.reference.contains(code.documentationHeading + "\n"), "missing: \(code.documentationHeading)")
    }

    @Test("every keyword has a section with an example", arguments: PlaybookParser.keywords)
    func documentsKeyword(keyword: String) {
        let headings = Self.reference.split(separator: "\n").filter { $0.hasPrefix("###") }
        #expect(
            headings.contains { $0.contains("`\(keyword) ") || $0.contains("`\(keyword)`") },
            "no section for '\(keyword)'")
        #expect(Self.reference.contains("\n\(keyword) ") || Self.reference.contains("  \(keyword) "))
    }
}
