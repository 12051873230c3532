import ReboundLanguage
import ReboundScenario
import ReboundText

/// Files beside the one being edited: the playbook a test tests, the tests of a playbook.
extension LanguageServer {
    /// A file as the editor has it when it is open, else as the host read it.
    struct SourceFile {
        let uri: String
        let text: TextDocument
    }

    /// The folder of a document (its URI up to the last `/`) and the workspace folders,
    /// leaving out any inside another so that no file is read twice.
    func searchFolders(near uri: String) -> [String] {
        let own = uri.lastIndex(of: "/").map { String(uri[..<$0]) }
        let folders = ([own].compactMap { $0 } + workspaceFolders).map {
            $0.hasSuffix("/") ? String($0.dropLast()) : $0
        }
        var unique: [String] = []
        for folder in folders where !unique.contains(folder) { unique.append(folder) }
        return unique.filter { folder in !unique.contains { folder.hasPrefix($0 + "/") } }
    }

    /// Every file whose name ends in `suffix` near a document: open ones first.
    func files(endingIn suffix: String, near uri: String) -> [SourceFile] {
        let open = documents.values.filter { $0.uri.hasSuffix(suffix) }.sorted { $0.uri < $1.uri }
        let openURIs = Set(open.map(\.uri))
        return open.map { SourceFile(uri: $0.uri, text: $0.text) }
            + host.files(endingIn: suffix, in: searchFolders(near: uri)).filter { !openURIs.contains($0.uri) }
            .sorted { $0.uri < $1.uri }.map { SourceFile(uri: $0.uri, text: TextDocument($0.bytes)) }
    }

    /// The playbook a test file names, found among the playbooks near it.
    func playbook(testedBy file: ScenarioFile, near uri: String) -> (file: SourceFile, playbook: Playbook)? {
        guard let id = file.playbook?.value else { return nil }
        for candidate in files(endingIn: ".playbook", near: uri) {
            let playbook = documents[candidate.uri]?.playbook ?? PlaybookParser.parse(candidate.text.bytes).playbook
            if playbook.id?.value == id { return (candidate, playbook) }
        }
        return nil
    }

    /// The test files near a playbook that test it.
    func tests(of playbookID: String, near uri: String) -> [(file: SourceFile, tests: ScenarioFile)] {
        files(endingIn: ".test", near: uri).compactMap { candidate in
            let tests = documents[candidate.uri]?.testFile ?? ScenarioParser.parse(candidate.text.bytes).file
            return tests.playbook?.value == playbookID ? (candidate, tests) : nil
        }
    }

    /// The ids of the playbooks near a document, with their titles.
    func playbookIDs(near uri: String) -> [(id: String, title: String)] {
        files(endingIn: ".playbook", near: uri).compactMap { candidate in
            let playbook = documents[candidate.uri]?.playbook ?? PlaybookParser.parse(candidate.text.bytes).playbook
            return playbook.id.map { ($0.value, playbook.title?.value.description ?? "") }
        }
    }
}

extension ScenarioFile {
    /// Every `expect step ID` line's step id.
    var expectedSteps: [Located<String>] {
        scenarios.flatMap(\.lines).compactMap {
            if case .expectStep(let step) = $0.kind { step } else { nil }
        }
    }

    /// Every `choose OPTION` line's option.
    var chosenOptions: [Located<String>] {
        scenarios.flatMap(\.lines).compactMap {
            if case .choose(let option) = $0.kind { option } else { nil }
        }
    }
}
