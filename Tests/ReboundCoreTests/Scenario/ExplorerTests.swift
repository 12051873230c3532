import ReboundChecker
import ReboundLanguage
import ReboundSession
import Testing

@testable import ReboundScenario
@testable import ReboundText

@Suite("playbook exploration")
struct ExplorerTests {
    static let checker = SharedChecker(sharedChecker)

    static func playbook(_ body: String) -> Playbook {
        let (playbook, diagnostics) = Playbook.check(demoHeader + body)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map(\.message))")
        return playbook
    }

    static func shipped(_ name: String) throws -> Playbook {
        let bytes = try #require(ShippedPlaybooks.all.first { $0.name == name }).bytes
        return Playbook.check(bytes).playbook
    }

    static func explore(
        _ playbook: Playbook, walks: Int = 30, seed: UInt64 = 1, maximumInputs: Int = 300
    )
        -> ExploreReport
    {
        ExploreReport.explore(playbook, walks: walks, seed: seed, checker: checker, maximumInputs: maximumInputs)
    }

    @Test(
        "the same seed walks the same paths: outcomes, problems and notes repeat exactly",
        arguments: [0, 1, 42, .max] as [UInt64])
    func determinism(seed: UInt64) throws {
        let playbook = try Self.shipped("win-back.playbook")
        let first = Self.explore(playbook, walks: 40, seed: seed)
        let second = Self.explore(playbook, walks: 40, seed: seed)
        #expect(first.outcomes == second.outcomes)
        #expect(first.problems == second.problems)
        #expect(first.notes == second.notes)
        #expect(first.walks == 40)
    }

    @Test("other seeds walk other paths")
    func seedsDiffer() throws {
        let playbook = try Self.shipped("win-back.playbook")
        let outcomes = (1...6).map { Self.explore(playbook, walks: 40, seed: $0).outcomes }
        #expect(Set(outcomes.map { $0.sorted { $0.key.rawValue < $1.key.rawValue }.map(\.value) }).count > 1)
        #expect(outcomes.allSatisfy { $0.values.reduce(0, +) == 40 })
    }

    @Test("every shipped playbook explores clean: no problems, no notes, every walk ends in an outcome")
    func shippedAreClean() throws {
        let all = ShippedPlaybooks.all
        #expect(all.count >= 7)
        for (name, bytes) in all {
            let (playbook, diagnostics) = Playbook.check(bytes)
            #expect(!diagnostics.contains { $0.severity == .error }, "\(name)")
            let report = Self.explore(playbook, walks: 25, seed: 2026)
            #expect(report.problems.isEmpty, "\(name): \(report.problems)")
            #expect(report.notes.isEmpty, "\(name): \(report.notes)")
            #expect(report.outcomes.values.reduce(0, +) == 25, "\(name)")
        }
    }

    @Test("a clean crafted playbook reaches each of its outcomes and reports nothing")
    func cleanCrafted() {
        let playbook = Self.playbook(
            """
            step a "A"
              ask name "Name?"
              choose how "How, {name}?"
                option fix "Fix" -> b
                option pass "Pass" -> c
            step b "B"
              confirm "Tell {name} it is fixed."
              done resolved
            step c "C"
              say Hand {name} over.
              done escalated
            """)
        let report = Self.explore(playbook, walks: 40, seed: 9)
        #expect(report.problems.isEmpty && report.notes.isEmpty)
        #expect(report.outcomes.keys.sorted { $0.rawValue < $1.rawValue } == [.escalated, .resolved])
        #expect(report.outcomes.values.reduce(0, +) == 40)
    }

    @Test("a prompt that shows a value asked on only some paths is reported once, by step")
    func unresolvedInPrompt() {
        let playbook = Self.playbook(
            """
            step a "A"
              choose how "How?"
                option ask "Ask" -> b
                option skip "Skip" -> c
            step b "B"
              ask name "Name?"
              next c
            step c "C"
              confirm "Thank {name} for waiting."
              done resolved
            """)
        let report = Self.explore(playbook, walks: 30, seed: 4)
        #expect(
            report.problems == [
                "the prompt of step 'c' shows \"Thank {name} for waiting.\" with a value not asked on this path"
            ])
        #expect(report.outcomes[.resolved] == 30, "the walk goes on after the problem")
    }

    /// `check` already refuses a loop with no exit at all (RB117); what is left for walks
    /// to find is a loop whose way out is rarely taken.
    @Test("a loop that walks do not leave within the input budget is reported with the steps it cycles through")
    func loop() throws {
        let playbook = Self.playbook(
            """
            step a "A"
              choose first "Again?"
                option again "Again" -> a
                option on "On" -> b
            step b "B"
              choose second "Back to A?"
                option back "Back" -> a
                option stop "Stop" -> c
            step c "C"
              done resolved
            """)
        let report = Self.explore(playbook, walks: 20, seed: 3, maximumInputs: 4)
        let problem = try #require(report.problems.first)
        #expect(problem.hasPrefix("no way out after 4 inputs; the last steps were "))
        #expect(problem.contains(" → "), "\(problem)")
        #expect(report.problems.allSatisfy { $0.hasPrefix("no way out after 4 inputs; the last steps were a") })
        let finished = report.outcomes[.resolved] ?? 0
        #expect(finished > 0 && finished < 20, "the walks that found the way out still end")
        let generous = Self.explore(playbook, walks: 20, seed: 3, maximumInputs: 300)
        #expect(generous.problems.isEmpty && generous.outcomes[.resolved] == 20)
    }

    @Test("an answer outside 'one of' that the step accepts anyway is reported")
    func nonsenseAccepted() {
        let playbook = Self.playbook(
            """
            step a "A"
              ask kind "Kind?" one of not-one-of-these, parcel
              done resolved
            """)
        let report = Self.explore(playbook, walks: 30, seed: 5)
        #expect(report.problems == ["step 'a' accepted 'not-one-of-these' for {kind}"])
    }

    @Test("ordinary patterns are answered with strings made from them; a pattern beyond that stalls, a problem")
    func patternAnswers() {
        for pattern in [
            "ZZ[0-9]{3}Q", "[A-Z]{3}-[0-9]{5}", "AB-[0-9]+", "RF-[0-9]{8}", "[0-9]{3}-[0-9]{4}",
            "[^@ ]+@[^@ ]+\\.[a-z]{2,}", "(?:GB|IE)[0-9]{2} ?[A-Z]{4}", "^(yes|no)$", "\\d{2}:\\d{2}",
        ] {
            let playbook = Self.playbook("step a \"A\"\n  ask code \"Code?\" matching /\(pattern)/\n  done resolved\n")
            let report = Self.explore(playbook, walks: 10, seed: 1)
            #expect(report.problems.isEmpty, "\(pattern): \(report.problems)")
            #expect(report.outcomes[.resolved] == 10, "\(pattern)")
        }
        let lookahead = Self.playbook(
            "step a \"A\"\n  ask code \"Code?\" matching /(?=Q)QZ[0-9]{9}Q/\n  done resolved\n")
        let report = Self.explore(lookahead, walks: 10, seed: 1)
        #expect(
            report.problems == [
                "walks stall at step 'a': no answer could be made for /(?=Q)QZ[0-9]{9}Q/; give the question an example \"…\""
            ])
        #expect(report.outcomes.isEmpty)
    }

    @Test("walks that run on into a branch (RB135) are counted in a note")
    func runOnNote() {
        let playbook = Self.playbook(
            """
            step start "Start"
              choose how "How?"
                option fine "Fine" -> reply
                option angry "Angry" -> escalate
            step reply "Reply"
              say Write to them.
            step escalate "Escalate"
              done escalated
            """)
        let report = Self.explore(playbook, walks: 40, seed: 2)
        #expect(report.problems.isEmpty)
        let note = report.notes.first
        #expect(
            note?.hasSuffix("of 40 walks ran on from step 'reply' into 'escalate' (no 'next' or 'done'; RB135)") == true
        )
    }

    @Test("no walks, no findings")
    func zeroWalks() throws {
        let report = Self.explore(try Self.shipped("late-delivery.playbook"), walks: 0)
        #expect(report.walks == 0 && report.outcomes.isEmpty && report.problems.isEmpty && report.notes.isEmpty)
    }

    /// The first prompt of a one-step playbook with this `ask` line.
    static func prompt(_ ask: String) throws -> Prompt {
        let (session, _) = Session.start(playbook("step a \"A\"\n  \(ask)\n  done resolved\n"), checker: checker)
        return try #require(session.currentPrompt)
    }

    @Test("generated answers fit what the question asks for")
    func generatedAnswers() throws {
        let amount = try Self.prompt("ask value \"Value?\" amount")
        let allowed = try Self.prompt("ask channel \"Channel?\" one of email, phone, \"live chat\"")
        let order = try Self.prompt("ask order \"Order?\" matching /[0-9]{6,}/")
        let time = try Self.prompt("ask slot \"When?\" matching /[A-Z][a-z]{2} [0-9]{1,2}:[0-9]{2}/")
        let free = try Self.prompt("ask name \"Name?\"")
        var random = SplitMix(seed: 77)
        for _ in 0..<100 {
            let money = try #require(ExploreReport.generateAnswer(for: amount, random: &random))
            #expect((try? MoneyAmount.parse(money).get()) != nil, "\(money)")
            let channel = try #require(ExploreReport.generateAnswer(for: allowed, random: &random))
            #expect(["email", "phone", "live chat"].contains(channel.lowercased()), "\(channel)")
            let number = try #require(ExploreReport.generateAnswer(for: order, random: &random))
            #expect(number.count >= 6 && number.allSatisfy(\.isNumber), "\(number)")
            let slot = try #require(ExploreReport.generateAnswer(for: time, random: &random))
            #expect(slot.wholeMatch(of: /[A-Z][a-z]{2} [0-9]{1,2}:[0-9]{2}/) != nil, "\(slot)")
            #expect(try #require(ExploreReport.generateAnswer(for: free, random: &random)).isEmpty == false)
        }
    }

    @Test("SplitMix gives the reference SplitMix64 sequence, and bounded draws stay in range")
    func splitMix() {
        var zero = SplitMix(seed: 0)
        #expect(
            [zero.next(), zero.next(), zero.next()] == [
                0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
            ])
        var random = SplitMix(seed: 1)
        #expect(random.below(0) == 0, "an empty range does not trap")
        #expect(random.below(1) == 0)
        #expect((0..<1_000).allSatisfy { _ in (0..<7).contains(random.below(7)) })
        #expect(Set((0..<1_000).map { _ in random.below(7) }) == Set(0..<7))
        #expect((0..<1_000).allSatisfy { _ in !random.chance(0) && random.chance(1) })
        let heads = (0..<10_000).filter { _ in random.chance(0.2) }.count
        #expect((1_800...2_200).contains(heads), "\(heads)")
    }

    @Test(
        "a {value} still in the text is found; braces that are not a value are not",
        arguments: [
            ("Hello {name}.", true), ("{a}", true), ("{{name}}", true), ("{first-name}", true), ("{order_id}", true),
            ("{ name }", false), ("{}", false), ("Hello {name", false), ("name}", false), ("{na me}", false),
            ("{née}", false), ("", false), ("{ {x}", true), ("{x", false), ("}{x}", true),
        ])
    func unresolvedValues(text: String, unresolved: Bool) {
        #expect(text.containsUnresolvedValue == unresolved)
    }
}
