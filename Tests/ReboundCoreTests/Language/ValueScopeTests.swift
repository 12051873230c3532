import ReboundLanguage
import Testing

/// `valueScope(at:)` is the validator's data flow asked about one place.
@Suite("value scope")
struct ValueScopeTests {
    static let source = MarkedSource(
        demoHeader + """
            step own "Own it 1️⃣"
              ask name "Name?"
              choose route "Which way? 2️⃣"
                option fast "Fast" -> reply
                option slow "Slow" -> extra
              3️⃣

            step extra "Extra"
              ask order "Order?"
              next reply

            step reply "Reply 4️⃣"
              done resolved

            step orphan "Orphan 5️⃣"
              ask lost "Lost?"
              done lost
            """)

    static func scope(_ marker: String) -> ValueScope {
        Playbook.check(source.text).playbook.valueScope(at: source[marker].offset)
    }

    @Test("nothing is asked at the first step's title; an ask counts from the line after it")
    func withinStep() {
        #expect(Self.scope("1") == ValueScope(asked: [], maybeAsked: []))
        #expect(Self.scope("2") == ValueScope(asked: ["name"], maybeAsked: []))
        #expect(Self.scope("3") == ValueScope(asked: ["name", "route"], maybeAsked: []))
    }

    @Test("a value asked on one path only is 'maybe asked' where the paths meet")
    func acrossSteps() {
        #expect(Self.scope("4") == ValueScope(asked: ["name", "route"], maybeAsked: ["order"]))
    }

    @Test("a step no path reaches sees no values")
    func unreachable() {
        #expect(Self.scope("5") == ValueScope(asked: [], maybeAsked: []))
    }
}
