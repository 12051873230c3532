import ReboundChecker
import ReboundLanguage
import ReboundText
import Testing

/// Fixes that apply: each finding's edit, applied to the reply, gives the rewrite a coach
/// would make by hand, and nothing else changes.
@Suite("Fixes")
struct ReplyFixesTests {
    /// The reply with every fix the checker offers applied.
    func fixed(
        _ reply: String, options: CheckOptions = CheckOptions(), checker: ReplyChecker = shippedChecker
    ) -> String {
        let edits = checker.check(reply, options: options).compactMap(\.fix)
        return String(decoding: edits.applied(to: Array(reply.utf8)).bytes, as: UTF8.self)
    }

    @Test(
        "an excuse loses its clause, its cause or its sentence",
        arguments: [
            (
                "Sorry for the delay, we are very short-staffed at the moment. It ships today.",
                "Sorry for the delay. It ships today."
            ),
            (
                "Your order is late because we were short-staffed. It ships today.",
                "Your order is late. It ships today."
            ),
            ("Due to the snow, your parcel is late. It arrives Friday.", "Your parcel is late. It arrives Friday."),
            (
                "Hi Aaron,\n\nWe've been absolutely run off our feet since the sale went live.\n\nYour jumper ships today.\nLila",
                "Hi Aaron,\n\nYour jumper ships today.\nLila"
            ),
            (
                "Thanks for waiting, we were short-staffed last week, but it is fixed now.",
                "Thanks for waiting, but it is fixed now."
            ),
        ])
    func excuses(reply: String, expected: String) {
        #expect(fixed(reply) == expected)
    }

    @Test(
        "blame becomes ours: 'we' as the subject, 'our fault', 'down to us', no sending the customer elsewhere",
        arguments: [
            (
                "The courier lost your parcel, so I have sent a new one.",
                "We lost your parcel, so I have sent a new one."
            ),
            (
                "The warehouse team has sent the wrong size. The right one ships today.",
                "We have sent the wrong size. The right one ships today."
            ),
            ("It was the courier's fault. A new one ships today.", "It was our fault. A new one ships today."),
            (
                "Sadly that's down to the courier. A new one ships today.",
                "Sadly that's down to us. A new one ships today."
            ),
            ("A new one ships today. You will need to contact the courier directly.", "A new one ships today."),
        ])
    func blame(reply: String, expected: String) {
        #expect(fixed(reply) == expected)
    }

    @Test("a second apology is cut; the first stays")
    func secondApology() {
        #expect(
            fixed("I'm sorry we sent the wrong size. Sorry again, the right one ships today.")
                == "I'm sorry we sent the wrong size. The right one ships today.")
    }

    @Test("'mistakes were made' becomes active; 'sorry if we' loses its 'if'")
    func nonApologies() {
        #expect(fixed("Mistakes were made. A refund is on its way.") == "We made mistakes. A refund is on its way.")
        #expect(
            fixed("I apologise if we confused you. A refund is on its way.")
                == "I apologise we confused you. A refund is on its way.")
    }

    @Test("a generic apology names the playbook's failure when it is known, and only then")
    func namingTheFailure() throws {
        let reply = "We apologise for any inconvenience caused. Your flat white is on its way."
        var options = CheckOptions()
        #expect(fixed(reply, options: options) == reply)
        let generic = try #require(sharedChecker.check(reply, options: options).first { $0.category == .nonApology })
        #expect(generic.fix == nil)
        #expect(generic.suggestion == "Say exactly what you are sorry for.")
        options.failure = "we made you a latte instead of a flat white"
        #expect(
            fixed(reply, options: options)
                == "We apologise that we made you a latte instead of a flat white. Your flat white is on its way.")
        let named = try #require(sharedChecker.check(reply, options: options).first { $0.category == .nonApology })
        #expect(named.suggestion?.contains("we made you a latte instead of a flat white") == true)
    }

    @Test("the failure comes from the playbook's draft with the captured values; never with a {value} unfilled")
    func failureFromThePlaybook() throws {
        let source = try #require(ShippedPlaybooks.all.first { $0.name.hasPrefix("wrong-order-remake") }?.bytes)
        let playbook = Playbook.check(source).playbook
        let draft = try #require(
            playbook.step("reply")?.items.lazy.compactMap { if case .draft(let draft) = $0 { draft } else { nil } }
                .first)
        let reply = "Sorry for any inconvenience, Jo. Your flat white is on its way."
        let known = CheckOptions(draft: draft, values: ["name": "Jo", "item": "a flat white", "received": "a latte"])
        #expect(fixed(reply, options: known).hasPrefix("Sorry that we gave you a latte instead of a flat white, Jo."))
        let partial = CheckOptions(draft: draft, values: ["name": "Jo", "item": "a flat white"])
        #expect(partial.failure == nil)
        #expect(fixed(reply, options: partial) == reply)
    }

    @Test("suggestions fit the reply: the rewritten sentence, never a stock sentence about a parcel")
    func suggestionsFitTheCase() throws {
        let findings = shippedChecker.check("The kitchen got your latte wrong, so a fresh one is coming.")
        let blame = try #require(findings.first { $0.category == .blame })
        #expect(
            blame.suggestion?.hasSuffix("Fixed: \u{201C}We got your latte wrong, so a fresh one is coming.\u{201D}")
                == true)
        for finding in shippedChecker.check(
            "Sorry for any inconvenience, we were short-staffed. As per policy no refund.")
        {
            #expect(finding.suggestion?.localizedStandardContains("parcel") != true)
        }
    }

    @Test("a preview shows its sentence with every fix in it applied, as lint --fix leaves it, not its own alone")
    func previewsTogether() {
        let reply = "The warehouse sent the wrong size because we were short-staffed, and the courier lost the return."
        let findings = sharedChecker.check(reply)
        #expect(findings.map(\.rule) == ["RB202", "RB201", "RB202"])
        let together = "Fixed: \u{201C}We sent the wrong size, and we lost the return.\u{201D}"
        for finding in findings { #expect(finding.suggestion?.hasSuffix(together) == true) }
        #expect(fixed(reply, checker: sharedChecker) == "We sent the wrong size, and we lost the return.")
        // Each finding keeps its own advice before the preview.
        #expect(findings[1].suggestion?.hasPrefix("Leave out why it was hard for us") == true)
        // Fixes in other sentences stay out of a sentence's preview; an overlapping fix
        // is left out of the preview it would overlap, as lint --fix leaves it out.
        let apart = sharedChecker.check("We were short-staffed, sorry. The courier lost it.")
        #expect(apart.map(\.rule) == ["RB201", "RB202"])
        #expect(apart.first?.suggestion?.hasSuffix("Fixed: \u{201C}Sorry.\u{201D}") == true)
        #expect(apart.last?.suggestion?.hasSuffix("Fixed: \u{201C}We lost it.\u{201D}") == true)
        let overlapping = sharedChecker.check(
            "Sorry for the delay. Apologies again for the trouble, the courier lost your parcel.")
        #expect(
            overlapping.first { $0.rule == "RB203" }?.suggestion?.hasSuffix(
                "Fixed: \u{201C}The courier lost your parcel.\u{201D}") == true)
    }

    @Test("no fix where a rewrite needs judgement: blaming the customer, policy, a reply that is all excuse")
    func noFix() {
        for reply in [
            "You entered the wrong address at checkout.", "As per our policy, refunds take 30 days.",
            "We were short-staffed.",
        ] {
            let findings = shippedChecker.check(reply)
            #expect(!findings.isEmpty, "\(reply)")
            #expect(findings.allSatisfy { $0.fix == nil }, "\(reply)")
        }
    }

    @Test("edits apply in order of offset; of two that overlap the first wins; out-of-range edits are skipped")
    func applying() {
        let text = Array("abcdef".utf8)
        let edits = [
            TextEdit(offset: 4, length: 2, replacement: "X"), TextEdit(offset: 0, length: 2, replacement: ""),
            TextEdit(offset: 1, length: 2, replacement: "Y"), TextEdit(offset: 5, length: 9, replacement: "Z"),
        ]
        let (bytes, applied) = edits.applied(to: text)
        #expect(String(decoding: bytes, as: UTF8.self) == "cdX")
        #expect(applied == 2)
    }

    @Test("a fix survives a JSON round trip; an older finding without one reads as none")
    func jsonRoundTrip() throws {
        let finding = try #require(shippedChecker.check("The courier lost it.").first)
        var json = JSONWriter()
        finding.write(to: &json)
        let written = String(decoding: json.bytes, as: UTF8.self)
        #expect(written.contains(#""fix":{"offset":0,"length":12,"replacement":"We "}"#))
        #expect(try Finding(json: JSON.parse(json.bytes[...])) == finding)
        let older = written.replacingOccurrences(of: #""fix":{"offset":0,"length":12,"replacement":"We "},"#, with: "")
        #expect(try Finding(json: JSON.parse(Array(older.utf8)[...])).fix == nil)
    }

    @Test("a wall of text with thousands of excuses and no full stop still gets its findings, fast")
    func wallOfText() {
        let reply = String(repeating: "we were short-staffed and ", count: 5_000)
        let findings = sharedChecker.check(reply)
        #expect(findings.count >= 5_000)
        #expect(findings.allSatisfy { $0.fix == nil })
    }
}
