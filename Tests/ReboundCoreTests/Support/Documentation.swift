import Foundation
import ReboundChecker
import ReboundText
import Testing

/// A page of `docs/`, read once per test suite.
func documentationPage(_ name: String) -> String {
    let url = ShippedPlaybooks.directory.deletingLastPathComponent().appendingPathComponent("docs/\(name)")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
}

extension DiagnosticCode {
    /// The heading its section in `docs/` must have: `### RB104 unknown step (error)`.
    var documentationHeading: String {
        "### \(rawValue) \(title) (\(severity.rawValue))"
    }
}

/// Every diagnostic code has a section on the page of its family.
@Suite("diagnostic documentation")
struct DiagnosticDocumentationTests {
    static let pages = [
        "RB1": documentationPage("playbook-language.md"), "RB3": documentationPage("rules.md"),
        "RB4": documentationPage("playbook-testing.md"),
    ]

    @Test("every diagnostic code has a section with its title and severity", arguments: DiagnosticCode.allCases)
    func documented(code: DiagnosticCode) {
        let page = Self.pages[String(code.rawValue.prefix(3))] ?? ""
        #expect(page.contains(code.documentationHeading + "\n"), "missing: \(code.documentationHeading)")
    }
}

/// The categories `allow` takes are listed once in the docs and match the checker's.
@Suite("allow categories documented")
struct AllowCategoryDocumentationTests {
    @Test("the 'allow' section lists every category the checker has, and no other")
    func allowSection() throws {
        let page = documentationPage("playbook-language.md")
        let start = try #require(page.range(of: "#### `allow RULE`"))
        let section = page[start.upperBound...].prefix { $0 != "#" }
        let listed = section.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            .filter { $0.allSatisfy { $0.isLowercase || $0 == "-" } }
        #expect(Set(listed) == Set(FindingCategory.allCases.map(\.rawValue)))
    }
}
