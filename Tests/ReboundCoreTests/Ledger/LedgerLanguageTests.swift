import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundText
import Testing

/// The playbook lines that feed the customer ledger: parsing, checks, formatting.
@Suite("ledger lines in playbooks")
struct LedgerLanguageTests {
    func check(_ body: String) -> [Diagnostic] {
        Playbook.check(demoHeader + body).diagnostics
    }

    @Test("identifies customer, amount, red-carpet and cause parse into the playbook")
    func parse() throws {
        let (playbook, diagnostics) = Playbook.check(
            demoHeader + """
                step own "Own"
                  ask email "Email?" matching /.+@.+/ example "jo@example.com" identifies customer
                  ask value "Order value?" amount
                  cause "courier lost it"
                  red-carpet 3 "Free express for {email}"
                  done resolved
                """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let items = try #require(playbook.steps.first?.items)
        guard case .ask(let email) = items[0], case .ask(let value) = items[1], case .cause(let cause) = items[2],
            case .redCarpet(let red) = items[3]
        else {
            Issue.record("unexpected items \(items)")
            return
        }
        #expect(email.identifiesCustomer != nil && !email.isAmount)
        if case .pattern(let pattern) = email.validation { #expect(pattern.value == ".+@.+") }
        #expect(value.isAmount && value.identifiesCustomer == nil)
        #expect(cause.label.value.description == "courier lost it")
        #expect(red.contacts.value == 3)
        #expect(red.gesture.value.references.map(\.value) == ["email"])
    }

    @Test("malformed lines are reported where they go wrong")
    func malformed() throws {
        let source = MarkedSource(
            demoHeader + """
                step own "Own"
                  ask email "Email?" identifies 1️⃣client
                  ask email2 "Email?" identifies customer2️⃣ identifies customer
                  ask value "Value?" amount3️⃣ matching /[0-9]+/
                  red-carpet 4️⃣0 "Nothing"
                  red-carpet 5️⃣101 "Too many"
                  red-carpet 6️⃣"No number"
                  cause 7️⃣
                  done resolved
                """)
        let diagnostics = Playbook.check(source.text).diagnostics
        let found = diagnostics.map { ($0.code, $0.range.start) }
        let expected: [(DiagnosticCode, ReboundText.SourceLocation)] = [
            (.expectedArgument, source["1"]), (.repeatedSetting, source["2"]), (.conflictingValidation, source["3"]),
            (.invalidNumber, source["4"]), (.invalidNumber, source["5"]), (.expectedArgument, source["6"]),
            (.expectedArgument, source["7"]),
        ]
        #expect(found.map(\.0) == expected.map(\.0), "\(diagnostics)")
        #expect(found.map(\.1) == expected.map(\.1), "\(diagnostics)")
        #expect(diagnostics[4].message.contains("from 1 to 100"))
    }

    @Test("a red carpet needs the customer identified before it, on every path")
    func redCarpetNeedsCustomer() {
        let before = check(
            """
            step own "Own"
              red-carpet 2 "Gift"
              ask email "Email?" identifies customer
              done resolved
            """)
        #expect(before.map(\.code) == [.redCarpetWithoutCustomer])
        let someBranches = check(
            """
            step start "Start"
              choose known "Known?"
                option yes "Yes" -> ask
                option no "No" -> close
            step ask "Ask"
              ask email "Email?" identifies customer
              next close
            step close "Close"
              red-carpet 2 "Gift"
              done resolved
            """)
        #expect(someBranches.map(\.code) == [.customerMaybeUnidentified])
        #expect(someBranches.first?.severity == .warning)
        let everyBranch = check(
            """
            step start "Start"
              choose how "How?"
                option mail "Mail" -> mail
                option phone "Phone" -> phone
            step mail "Mail"
              ask email "Email?" identifies customer
              next close
            step phone "Phone"
              ask number "Phone?" identifies customer
              next close
            step close "Close"
              red-carpet 2 "Gift for {how}"
              done resolved
            """)
        #expect(everyBranch.isEmpty, "either question identifies the customer: \(everyBranch)")
    }

    @Test("gestures and causes refer to values like any other text")
    func references() {
        #expect(check("step a \"A\"\n  cause \"{why}\"\n  done resolved\n").map(\.code) == [.undefinedValue])
    }

    @Test("fmt writes the new lines canonically and keeps their meaning")
    func format() {
        let messy =
            demoHeader + """
                step own    "Own"
                    ask   email "Email?"   identifies   customer
                  ask value "Value?"    amount
                     red-carpet   3    "Gift"
                  cause    "late"
                  done resolved
                """
        let (playbook, diagnostics) = Playbook.check(messy)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let formatted = Playbook.format(Array(messy.utf8), playbook)
        #expect(formatted.contains("\n  ask email \"Email?\" identifies customer\n"))
        #expect(formatted.contains("\n  ask value \"Value?\" amount\n"))
        #expect(formatted.contains("\n  red-carpet 3 \"Gift\"\n"))
        #expect(formatted.contains("\n  cause \"late\"\n"))
        #expect(outline(PlaybookParser.parse(formatted).playbook) == outline(PlaybookParser.parse(messy).playbook))
    }
}
