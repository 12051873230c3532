import ReboundChecker
import ReboundLanguage
import ReboundScenario
import ReboundText

/// A document the editor has open, checked again whenever it changes.
struct OpenDocument: Sendable {
    /// What a document holds, and what checking it found: the same diagnostics as
    /// `rebound check` gives for the file.
    enum Analysis: Sendable {
        case playbook(Playbook, [Diagnostic])
        case test(ScenarioFile, [Diagnostic])
    }

    let uri: String
    var version: Int?
    private(set) var text: TextDocument
    private(set) var analysis: Analysis

    /// The language id decides when it is one of Rebound's, else the name: `.test` files
    /// are playbook tests.
    init(uri: String, languageID: String?, version: Int?, text: TextDocument) {
        self.uri = uri
        self.version = version
        self.text = text
        let isTest =
            languageID == LanguageServer.testLanguageID
            || (languageID != LanguageServer.playbookLanguageID && uri.hasSuffix(".test"))
        analysis = Self.analyse(text.bytes, isTest: isTest)
    }

    static func analyse(_ bytes: [UInt8], isTest: Bool) -> Analysis {
        if isTest {
            let (file, diagnostics) = ScenarioParser.parse(bytes)
            return .test(file, diagnostics)
        }
        let (playbook, diagnostics) = Playbook.check(bytes)
        return .playbook(playbook, diagnostics)
    }

    var diagnostics: [Diagnostic] {
        switch analysis {
        case .playbook(_, let diagnostics), .test(_, let diagnostics): diagnostics
        }
    }

    var playbook: Playbook? {
        if case .playbook(let playbook, _) = analysis { playbook } else { nil }
    }

    var testFile: ScenarioFile? {
        if case .test(let file, _) = analysis { file } else { nil }
    }

    /// Applies the editor's changes in order (a change without a range replaces the whole
    /// text) and checks the result once.
    mutating func apply(_ changes: [(range: PositionRange?, text: String)]) {
        for change in changes { text.replace(change.range, with: change.text) }
        let isTest = testFile != nil
        analysis = Self.analyse(text.bytes, isTest: isTest)
    }
}
