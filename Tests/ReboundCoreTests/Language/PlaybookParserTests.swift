import Foundation
import ReboundChecker
import ReboundLanguage
import Testing

@Suite("playbook parser")
struct PlaybookParserTests {
    @Test("the header fields are read with their source ranges")
    func header() {
        let source = MarkedSource(
            """
            # A comment
            playbook 1️⃣late-delivery 2️⃣"Late delivery"
            version 3️⃣3
            summary 4️⃣Win back a customer.
            tags delivery, shipping  urgent
            step one "One"
              done resolved
            """)
        let (playbook, diagnostics) = Playbook.check(source.text)
        #expect(diagnostics.isEmpty)
        #expect(playbook.id?.value == "late-delivery")
        #expect(playbook.id?.range.start == source["1"])
        #expect(playbook.title?.value.description == "Late delivery")
        #expect(playbook.title?.range.start == source["2"])
        #expect(playbook.version?.value == 3)
        #expect(playbook.version?.range.start == source["3"])
        #expect(playbook.summary?.value.description == "Win back a customer.")
        #expect(playbook.summary?.range.start == source["4"])
        #expect(playbook.tags.map(\.value) == ["delivery", "shipping", "urgent"])
        #expect(playbook.comments.map(\.value) == [" A comment"])
    }

    @Test("every step item is parsed in order with its arguments")
    func stepItems() throws {
        let source =
            demoHeader + """
                step own "Own it"
                  say Name the mistake first; order #12 stays in the text.
                  ask name "Customer's first name?"
                  ask order "Order number?" matching /[0-9]{6,}/ example "482913"
                  ask channel "Channel?" one of email, phone, "live chat"
                  confirm "You read the thread."
                  choose remedy "Which remedy for {name}?"
                    option express "Express, 2 days" -> reply
                    option refund "Refund"
                  draft "Write to {name} about {order}."
                    expect mention {order}, timeframe
                    expect next-step
                    expect name
                    limit apologies 1
                    failure "order {order} is late"
                    avoid "per our policy" because "Quibbling costs trust."
                    allow excuse
                    allow RB201
                  follow-up in 3 days "Check on {order}."
                  next reply

                step reply "Reply"
                  done resolved
                """
        let (playbook, diagnostics) = Playbook.check(source)
        #expect(diagnostics.isEmpty)
        let step = try #require(playbook.steps.first)
        #expect(step.items.count == 8)
        guard case .say(let say) = step.items[0] else { Issue.record("expected say"); return }
        #expect(say.text.value.description == "Name the mistake first; order #12 stays in the text.")
        guard case .ask(let ask) = step.items[2], case .pattern(let pattern) = ask.validation else {
            Issue.record("expected ask with pattern")
            return
        }
        #expect(ask.id.value == "order")
        #expect(pattern.value == "[0-9]{6,}")
        guard case .ask(let channel) = step.items[3], case .oneOf(let answers) = channel.validation else {
            Issue.record("expected ask with one of")
            return
        }
        #expect(answers.map(\.value) == ["email", "phone", "live chat"])
        guard case .choose(let choice) = step.items[5] else { Issue.record("expected choose"); return }
        #expect(choice.options.map(\.id.value) == ["express", "refund"])
        #expect(choice.options.map(\.target?.value) == ["reply", nil])
        guard case .draft(let draft) = step.items[6] else { Issue.record("expected draft"); return }
        #expect(draft.expectations.map(\.value.keyword) == ["mention", "timeframe", "next-step", "name"])
        #expect(draft.apologyLimit?.value == 1)
        #expect(draft.failure?.value.description == "order {order} is late")
        #expect(draft.failure?.value.filledCompletely(with: ["order": "123456"]) == "order 123456 is late")
        #expect(draft.failure?.value.filledCompletely(with: [:]) == nil)
        #expect(draft.avoids.map(\.phrase.value) == ["per our policy"])
        #expect(draft.avoids.map(\.reason.value) == ["Quibbling costs trust."])
        #expect(draft.allows.map(\.value) == ["excuse", "RB201"])
        guard case .followUp(let followUp) = step.items[7] else { Issue.record("expected follow-up"); return }
        #expect(followUp.hours == 72)
        guard case .next(let target) = step.exit?.value else { Issue.record("expected next"); return }
        #expect(target.value == "reply")
        #expect(playbook.steps[1].exit?.value == .done(.resolved))
    }

    @Test("{value} references are split out of text with their positions")
    func interpolation() throws {
        let source = MarkedSource(
            demoHeader + """
                step one "One"
                  ask name "Name?"
                  ask order "Order?"
                  say Hi {1️⃣name}, order {2️⃣order} is { not a value } and {3️⃣name}.
                  done resolved
                """)
        let (playbook, diagnostics) = Playbook.check(source.text)
        #expect(diagnostics.isEmpty)
        guard case .say(let say) = playbook.steps[0].items[2] else { Issue.record("expected say"); return }
        let references = say.text.value.references
        #expect(references.map(\.value) == ["name", "order", "name"])
        #expect(references.map(\.range.start) == [source["1"], source["2"], source["3"]])
        #expect(say.text.value.description == "Hi {name}, order {order} is { not a value } and {name}.")
    }

    @Test("escaped quotes and backslashes inside strings")
    func escapes() {
        let (playbook, diagnostics) = Playbook.check(
            demoHeader + #"""
                step one "Say \"sorry\" once \\ no more"
                  done resolved
                """#)
        #expect(diagnostics.isEmpty)
        #expect(playbook.steps.first?.title.value.description == #"Say "sorry" once \ no more"#)
    }

    @Test("indentation is cosmetic: tabs, spaces or none give the same playbook")
    func indentation() {
        let flat = demoHeader + "step one \"One\"\nchoose c \"C?\"\noption a \"A\"\noption b \"B\"\ndone resolved\n"
        let mixed =
            demoHeader
            + "step one \"One\"\n\t  choose c \"C?\"\n    \toption a \"A\"\n option b \"B\"\n\tdone resolved\n"
        let (first, firstDiagnostics) = Playbook.check(flat)
        let (second, secondDiagnostics) = Playbook.check(mixed)
        #expect(firstDiagnostics.isEmpty && secondDiagnostics.isEmpty)
        guard case .choose(let a) = first.steps[0].items[0], case .choose(let b) = second.steps[0].items[0] else {
            Issue.record("expected a choice in both")
            return
        }
        #expect(a.options.map(\.id.value) == b.options.map(\.id.value))
    }

    @Test("Windows line endings and a byte-order mark are accepted")
    func lineEndings() {
        let text =
            "\u{FEFF}"
            + (demoHeader + "step one \"One\"\n  done resolved\n").replacingOccurrences(of: "\n", with: "\r\n")
        let (playbook, diagnostics) = Playbook.check(text)
        #expect(diagnostics.isEmpty)
        #expect(playbook.id?.value == "demo")
        #expect(playbook.steps.first?.title.value.description == "One")
    }

    @Test("columns count Unicode scalars, offsets count bytes")
    func unicodeColumns() throws {
        let source = MarkedSource(demoHeader + "step one \"Café ☕️ “déjà”\"\n  next 1️⃣nowhere\n")
        let diagnostic = try #require(Playbook.check(source.text).diagnostics.first { $0.code == .unknownStep })
        #expect(diagnostic.range.start == source["1"])
        let line = MarkedSource(demoHeader + "step one \"Café\" 1️⃣extra\n  done resolved\n")
        let extra = try #require(Playbook.check(line.text).diagnostics.first)
        #expect(extra.code == .unexpectedText)
        #expect(extra.range.start.column == 17)
        #expect(extra.range.start == line["1"])
    }

    @Test("a bare title is reported with a quoted fix and still used")
    func bareTitle() throws {
        let (playbook, diagnostics) = Playbook.check(demoHeader + "step own Own it\n  done resolved\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == .expectedArgument)
        #expect(diagnostic.fixIt == #"write "Own it""#)
        #expect(playbook.steps.first?.title.value.description == "Own it")
        #expect(diagnostics.count == 1)
    }

    @Test("a bad line is skipped and parsing goes on to report later errors")
    func recovery() {
        let source = MarkedSource(
            demoHeader + """
                step one "One"
                  1️⃣sya hello
                  ask order "Order?" matching 2️⃣/[0-9
                  confirm 3️⃣"Unclosed
                  done 4️⃣resolvd
                """)
        let diagnostics = Playbook.check(source.text).diagnostics
        #expect(diagnostics.map(\.code) == [.unknownKeyword, .unterminatedRegex, .unterminatedString, .unknownOutcome])
        #expect(diagnostics.map(\.range.start) == [source["1"], source["2"], source["3"], source["4"]])
    }

    @Test("a follow-up accepts hours, days and weeks")
    func followUpUnits() throws {
        for (unit, hours) in [("hours", 2), ("day", 24), ("days", 48), ("weeks", 336)] {
            let amount = unit == "day" ? 1 : 2
            let (playbook, diagnostics) = Playbook.check(
                demoHeader + "step one \"One\"\n  follow-up in \(amount) \(unit) \"Check.\"\n  done resolved\n")
            #expect(diagnostics.isEmpty)
            guard case .followUp(let followUp) = playbook.steps.first?.items.first else {
                Issue.record("expected a follow-up")
                continue
            }
            #expect(followUp.hours == hours)
        }
    }

    @Test("an empty pattern is refused; an unclosed repetition warns at its brace; an escaped brace does not")
    func patternEdges() {
        let (_, empty) = Playbook.check(demoHeader + "step a \"A\"\n  ask x \"X?\" matching //\n  done resolved\n")
        #expect(empty.map(\.code) == [.invalidRegex])
        #expect(empty.first?.message.contains("the pattern is empty") == true)
        let (_, brace) = Playbook.check(
            demoHeader + "step a \"A\"\n  ask x \"X?\" matching /[0-9]{5/ example \"1{5\"\n  done resolved\n")
        #expect(brace.map(\.code) == [.literalBrace])
        #expect(PatternCompiler.unclosedRepetition(in: "[0-9]{5") == 5)
        #expect(PatternCompiler.unclosedRepetition(in: "[0-9]{2,5}") == nil)
        #expect(PatternCompiler.unclosedRepetition(in: "a\\{5") == nil)
        #expect(PatternCompiler.unclosedRepetition(in: "[{5]") == nil)
    }

    @Test(
        "the id read from a playbook's first lines is the id the full parse gives, however the header is written",
        arguments: [
            "playbook a \"A\"\nversion 1\nsummary x\nstep s \"S\"\n  done resolved\n",
            "\u{FEFF}# comment\n\n   # another\r\nplaybook a \"A\"\r\nstep s \"S\"\r\n",
            "playbok a \"A\"\nversion 1\nstep s \"S\"\n",
            "version 1\nsummary x\nstep s \"S\"\n  done resolved\nplaybook late \"Late\"\n",
            "playbook first \"A\"\nplaybook second \"B\"\n",
            "playbook \"No id\"\nplaybook b \"B\"\n",
            "playbook\nstep s \"S\"\nplaybook c \"C\"\n",
            "playbok\nplaybook d \"D\"\n",
            "verson 1\nplaybook e\u{7} \"E\"\n",
            "step s \"S\"\n  done resolved\n",
            "",
        ])
    func idFromHeader(_ source: String) {
        let bytes = Array(source.utf8)
        #expect(PlaybookParser.id(of: bytes) == PlaybookParser.parse(bytes).playbook.id?.value)
    }

    @Test("every shipped playbook's id, read from its first lines, is the id the full parse gives")
    func shippedIDsFromHeader() {
        let shipped = ShippedPlaybooks.all
        #expect(shipped.count >= 5)
        for (name, bytes) in shipped {
            let id = PlaybookParser.id(of: bytes)
            #expect(id != nil, "\(name)")
            #expect(id == PlaybookParser.parse(bytes).playbook.id?.value, "\(name)")
        }
    }
}
