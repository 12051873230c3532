import Foundation
import ReboundText
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("Markup escaping")
struct MarkupEscapingTests {
    @Test("markup characters become entities, ordinary text and line breaks stay")
    func entities() {
        #expect("a < b & \"c\" > d".markupEscaped == "a &lt; b &amp; &quot;c&quot; &gt; d")
        #expect("l’été\tdéjà\nvu\r".markupEscaped == "l’été\tdéjà\nvu\r")
        #expect("it's".markupEscaped == "it's")
    }

    @Test("characters XML 1.0 forbids are left out, so a JUnit reader accepts the file")
    func forbiddenCharacters() throws {
        let hostile = "a\u{0}b\u{1B}[31mc\u{7}d\u{FFFE}e\u{FFFF}f"
        #expect(hostile.markupEscaped == "ab[31mcdef")
        // The escaped text parses as an attribute and as content of a real XML document.
        let document = "<r a=\"\(hostile.markupEscaped)\">\(hostile.markupEscaped)</r>"
        let parsed = try XMLDocument(xmlString: document)
        #expect(parsed.rootElement()?.stringValue == "ab[31mcdef")
        #expect(parsed.rootElement()?.attribute(forName: "a")?.stringValue == "ab[31mcdef")
    }
}
