import ReboundChecker
import ReboundLanguage
import ReboundText
import Testing

@Suite("playbook formatter")
struct PlaybookFormatTests {
    func format(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let (playbook, diagnostics) = Playbook.check(bytes)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.message))")
        return Playbook.format(bytes, playbook)
    }

    @Test("indentation, spacing, quoting and blank lines are made canonical; comments stay")
    func canonical() {
        let messy = """


            # Header comment
            playbook   demo    "Demo"
            version 1
            summary    A demo.
            tags a,b   c
            step one "One"   
            say   Hello   there.
            # about the question
                   ask name "Name?"    one of  ann, "bo b"
             confirm "Say \\"hi\\""
            choose c "C?"
            option x "X" ->two
            # second option
            option y "Y"->two
            draft "Write."
            expect timeframe,name
            limit apologies 1
            failure    "we  got it wrong"
            avoid "per policy"   because  "No."
            allow policy
            follow-up in 1 days "Check."



            # the next step
            step two "Two"
            done   resolved
            """
        let expected = """
            # Header comment
            playbook demo "Demo"
            version 1
            summary A demo.
            tags a, b, c

            step one "One"
              say Hello   there.
              # about the question
              ask name "Name?" one of ann, "bo b"
              confirm "Say \\"hi\\""
              choose c "C?"
                option x "X" -> two
                # second option
                option y "Y" -> two
              draft "Write."
                expect timeframe, name
                limit apologies 1
                failure "we  got it wrong"
                avoid "per policy" because "No."
                allow policy
              follow-up in 1 day "Check."

            # the next step
            step two "Two"
              done resolved

            """
        #expect(format(messy) == expected)
    }

    @Test("formatting is idempotent and keeps the meaning of every shipped playbook")
    func shipped() {
        for (name, bytes) in ShippedPlaybooks.all {
            let (playbook, _) = Playbook.check(bytes)
            let once = Playbook.format(bytes, playbook)
            let (again, diagnostics) = Playbook.check(once)
            #expect(diagnostics.isEmpty, "\(name)")
            #expect(outline(again) == outline(playbook), "\(name)")
            #expect(Playbook.format(Array(once.utf8), again) == once, "\(name)")
        }
    }

    @Test("re-indented, respaced and reordered variants format to the same meaning, idempotently")
    func mutations() {
        var random = SplitMix(seed: 7)
        var checked = 0
        for (name, bytes) in ShippedPlaybooks.all {
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            for round in 0..<40 {
                let variant = lines.map { line -> String in
                    let body = line.drop { $0 == " " || $0 == "\t" }
                    let indent = String(
                        repeating: Bool.random(using: &random) ? "\t" : " ",
                        count: Int.random(in: 0...5, using: &random))
                    var text = indent + body
                    if round % 3 == 0 { text += String(repeating: " ", count: Int.random(in: 0...3, using: &random)) }
                    if round % 4 == 0, Bool.random(using: &random), !body.isEmpty, !body.hasPrefix("#") {
                        text = text.replacingFirstSpace(with: "   ")
                    }
                    return text
                }.joined(separator: round % 5 == 0 ? "\n\n" : "\n")
                let source = Array(variant.utf8)
                let (playbook, diagnostics) = Playbook.check(source)
                guard !diagnostics.hasErrors else { continue }
                checked += 1
                let formatted = Playbook.format(source, playbook)
                let (reparsed, again) = Playbook.check(formatted)
                #expect(!again.hasErrors, "\(name) round \(round)")
                #expect(outline(reparsed) == outline(playbook), "\(name) round \(round)")
                #expect(Playbook.format(Array(formatted.utf8), reparsed) == formatted, "\(name) round \(round)")
            }
        }
        #expect(checked > 100)
    }
}

extension String {
    func replacingFirstSpace(with replacement: String) -> String {
        let body = drop { $0.isWhitespace }
        guard let space = body.firstIndex(of: " ") else { return self }
        return String(self[..<space]) + replacement + String(self[index(after: space)...])
    }
}
