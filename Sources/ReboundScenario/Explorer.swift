import ReboundChecker
import ReboundLanguage
import ReboundSession
import ReboundText

/// Random walks through a playbook with generated answers, some of them invalid, to find
/// what tests missed: prompts showing unresolved `{values}`, loops with no exit, answers
/// a validation should refuse but accepts, drafts that cannot be sent.
public struct ExploreReport: Sendable {
    public let walks: Int
    /// How often each outcome was reached.
    public let outcomes: [Outcome: Int]
    /// Problems found, each once, in the order first seen.
    public let problems: [String]
    /// What a reader of the playbook should know that is not a problem (walks that ran on
    /// into a branch).
    public let notes: [String]

    public static func explore(
        _ playbook: Playbook, walks: Int, seed: UInt64, checker: SharedChecker, maximumInputs: Int = 300
    ) -> ExploreReport {
        var random = SplitMix(seed: seed)
        var outcomes: [Outcome: Int] = [:]
        var problems: [String] = []
        var notes: [String] = []
        func note(_ text: String, in list: inout [String]) {
            if !list.contains(text) { list.append(text) }
        }
        // Run-ons check warns about (RB135), counted when a walk takes one.
        let runOns = playbook.runOnsIntoBranches.map {
            (playbook.steps[$0.from].id.value, playbook.steps[$0.into].id.value)
        }
        var runOnCounts = [Int](repeating: 0, count: runOns.count)
        for _ in 0..<walks {
            var (session, actions) = Session.start(playbook, checker: checker)
            var inputs = 0
            var trail: [String] = []
            walk: while !session.isFinished {
                for case .say(let step, let text) in actions where text.containsUnresolvedValue {
                    note("step '\(step)' shows \"\(text)\" with a value not asked on this path", in: &problems)
                }
                for case .record(let event) in actions where event.kind == .step { trail.append(event.step) }
                guard let prompt = session.currentPrompt else { break }
                if prompt.text.containsUnresolvedValue {
                    note(
                        "the prompt of step '\(prompt.step)' shows \"\(prompt.text)\" with a value not asked on this path",
                        in: &problems)
                }
                inputs += 1
                if inputs > maximumInputs {
                    let recent = trail.suffix(8).joined(separator: " → ")
                    note("no way out after \(maximumInputs) inputs; the last steps were \(recent)", in: &problems)
                    break
                }
                switch prompt.kind {
                case .ask:
                    if !prompt.allowed.isEmpty || prompt.expectsAmount, random.chance(0.2) {
                        let nonsense = prompt.expectsAmount ? "a lot" : "not-one-of-these"
                        let wrong = session.handle(.answer(nonsense))
                        if !wrong.contains(where: { if case .rejected = $0 { true } else { false } }) {
                            note(
                                "step '\(prompt.step)' accepted '\(nonsense)' for {\(prompt.id ?? "")}",
                                in: &problems)
                        }
                        actions = wrong
                        continue walk
                    }
                    guard let answer = generateAnswer(for: prompt, random: &random) else {
                        note(
                            "walks stall at step '\(prompt.step)': no answer could be made for /\(prompt.pattern ?? "")/; give the question an example \"…\"",
                            in: &problems)
                        break walk
                    }
                    actions = session.handle(.answer(answer))
                case .confirm:
                    actions =
                        random.chance(0.9) ? session.handle(.answer("y")) : session.handle(.skip(reason: "explored"))
                case .choose:
                    if random.chance(0.05) {
                        actions = session.handle(.back)
                        continue walk
                    }
                    let option = prompt.options[random.below(prompt.options.count)]
                    actions = session.handle(.answer(option.id))
                case .draft:
                    let name = session.values["name"] ?? "there"
                    let draft = session.handle(
                        .draft("Hi \(name), your order ships today and arrives by Friday; I'll update you tomorrow."))
                    for case .findings(let findings) in draft {
                        for rule in Set(findings.filter { $0.severity == .error }.map(\.rule)) {
                            _ = session.handle(.accept(rule: rule, reason: "explored"))
                        }
                    }
                    actions = session.handle(.send)
                    if let message = actions.lazy.compactMap({
                        if case .rejected(let message) = $0 { message } else { nil }
                    }).first {
                        note("the draft at step '\(prompt.step)' cannot be sent: \(message)", in: &problems)
                        break walk
                    }
                }
            }
            if session.isFinished {
                for case .record(let event) in actions where event.kind == .step { trail.append(event.step) }
            }
            if let outcome = session.outcome { outcomes[outcome, default: 0] += 1 }
            for (index, runOn) in runOns.enumerated()
            where zip(trail, trail.dropFirst()).contains(where: { $0 == runOn.0 && $1 == runOn.1 }) {
                runOnCounts[index] += 1
            }
        }
        for (index, (from, into)) in runOns.enumerated() where runOnCounts[index] > 0 {
            note(
                "\(runOnCounts[index]) of \(walks) walks ran on from step '\(from)' into '\(into)' (no 'next' or 'done'; RB135)",
                in: &notes)
        }
        return ExploreReport(walks: walks, outcomes: outcomes, problems: problems, notes: notes)
    }

    /// An answer for an `ask`: an amount, an allowed word, the playbook's example or a
    /// string made from the pattern (a few stock candidates when the pattern's syntax is
    /// beyond the sampler), or a name.
    static func generateAnswer(for prompt: Prompt, random: inout SplitMix) -> String? {
        if prompt.expectsAmount {
            let amounts = ["129.99", "$1,250", "€ 80", "1.250,00 EUR", "45", "£12.50"]
            return amounts[random.below(amounts.count)]
        }
        if !prompt.allowed.isEmpty {
            let answer = prompt.allowed[random.below(prompt.allowed.count)]
            return random.chance(0.3) ? answer.uppercased() : answer
        }
        // The playbook's own example passes its pattern (`check` makes sure of it).
        if let example = prompt.example, random.chance(0.5) || prompt.pattern != nil { return example }
        guard let pattern = prompt.pattern, let regex = try? PatternCompiler.compile(pattern) else {
            return ["Maria", "Sam Lee", "order tool", "45 minutes", "Tue 14:30"][random.below(5)]
        }
        if let sampler = PatternSampler(pattern) {
            for _ in 0..<20 {
                let sample = sampler.sample(&random)
                if !sample.isEmpty, (try? regex.wholeMatch(in: sample)) != nil { return sample }
            }
        }
        var candidates = [
            "123456", "1234567", "482913", "AB12345", "AC1234", "Tue 14:30", "Mon 9-12", "+44 20 7946 0018",
            "020 7946 0018", "19:40", "7:05", "12", "4", "30", "Maria", "yes", "2026-11-23",
        ]
        for length in 1...12 {
            candidates.append(String((0..<length).map { _ in Character(String(random.below(10))) }))
        }
        for _ in candidates.indices {
            candidates.swapAt(random.below(candidates.count), random.below(candidates.count))
        }
        return candidates.first { (try? regex.wholeMatch(in: $0)) != nil }
    }
}

extension String {
    /// Whether the text still shows a `{value}` reference.
    var containsUnresolvedValue: Bool {
        var rest = Substring(self)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), close > after.startIndex,
                after[..<close].utf8.allSatisfy(isIdentifierByte)
            {
                return true
            }
            rest = after
        }
        return false
    }
}
