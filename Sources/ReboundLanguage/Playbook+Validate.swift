import ReboundText

extension Playbook {
    /// Parses and validates playbook source: every diagnostic, in reading order. An
    /// `allow` must name one of `rules`.
    public static func check(_ bytes: [UInt8], rules: RuleNames) -> (playbook: Playbook, diagnostics: [Diagnostic]) {
        let (playbook, syntax) = PlaybookParser.parse(bytes, rules: rules)
        return (playbook, (syntax + playbook.validate()).sortedBySource())
    }

    public static func check(_ text: String, rules: RuleNames) -> (playbook: Playbook, diagnostics: [Diagnostic]) {
        check(Array(text.utf8), rules: rules)
    }

    /// The semantic checks: ids, jumps, flow, and where values are defined.
    public func validate() -> [Diagnostic] {
        var validator = Validator(playbook: self)
        validator.run()
        return validator.diagnostics
    }

    /// Steps with no exit that run on into a following step other steps jump to (RB135),
    /// as step indices: a step read in order runs on into the next by design, but one that
    /// runs into a branch of its own has usually lost its `done`.
    public var runOnsIntoBranches: [(from: Int, into: Int, jumpedFrom: SourceRange)] {
        let targets = jumpTargets
        return steps.indices.dropLast().compactMap { index in
            let step = steps[index]
            let usesOwnExit = step.branch.map { $0.options.contains { $0.target == nil } } ?? true
            guard step.exit == nil, usesOwnExit, !step.hasUnreadableExit,
                let jump = targets[steps[index + 1].id.value]
            else { return nil }
            return (index, index + 1, jump)
        }
    }

    /// Steps that some `next` or option names, with the first place that names each.
    private var jumpTargets: [String: SourceRange] {
        var targets: [String: SourceRange] = [:]
        for step in steps {
            if case .next(let target) = step.exit?.value, targets[target.value] == nil {
                targets[target.value] = target.range
            }
            for case .choose(let choice) in step.items {
                for option in choice.options {
                    if let target = option.target, targets[target.value] == nil { targets[target.value] = target.range }
                }
            }
        }
        return targets
    }
}

/// How control leaves each step, derived once and shared by the flow checks.
struct StepGraph {
    let successors: [[Int]]
    /// Steps whose `done` can be reached directly.
    let finishes: [Bool]
    let reachable: [Bool]
    let canFinish: [Bool]
    let predecessors: [[Int]]

    init(successors: [[Int]], finishes: [Bool]) {
        self.successors = successors
        self.finishes = finishes
        let count = successors.count
        var predecessors = [[Int]](repeating: [], count: count)
        for (step, targets) in successors.enumerated() {
            for target in targets { predecessors[target].append(step) }
        }
        self.predecessors = predecessors
        reachable = Self.search(from: count > 0 ? [0] : [], edges: successors)
        canFinish = Self.search(from: finishes.indices.filter { finishes[$0] }, edges: predecessors)
    }

    /// Whether a session at step `from` can go on to step `to` (a step leads to itself).
    func leadsTo(from: Int, to: Int) -> Bool {
        from == to || Self.search(from: [from], edges: successors)[to]
    }

    private static func search(from starts: [Int], edges: [[Int]]) -> [Bool] {
        var seen = [Bool](repeating: false, count: edges.count)
        var stack = starts
        for start in starts { seen[start] = true }
        while let step = stack.popLast() {
            for next in edges[step] where !seen[next] {
                seen[next] = true
                stack.append(next)
            }
        }
        return seen
    }
}

struct Validator {
    let playbook: Playbook
    var diagnostics: [Diagnostic] = []
    /// First step with each id.
    var stepIndex: [String: Int] = [:]
    /// Each value's index and which values are asked when each step starts, once
    /// `checkValues` has run: what `valueScope(at:)` reads.
    var valueFlow: (index: [String: Int], flow: ValueFlow)?

    init(playbook: Playbook) {
        self.playbook = playbook
    }

    mutating func run() {
        checkStepIDs()
        checkChoices()
        let graph = buildGraph()
        checkFlow(graph)
        checkRunOns()
        checkValues(graph)
        checkSpecialAsks(graph)
    }

    mutating func report(
        _ code: DiagnosticCode, _ range: SourceRange, _ message: String, fix: String? = nil, edits: [SourceEdit] = []
    ) {
        diagnostics.append(Diagnostic(code, at: range, message, fix: fix, edits: edits))
    }

    // MARK: Ids

    mutating func checkStepIDs() {
        for (index, step) in playbook.steps.enumerated() {
            if let first = stepIndex[step.id.value] {
                let line = playbook.steps[first].id.range.start.line
                report(
                    .duplicateID, step.id.range, "step '\(step.id.value)' is already defined at line \(line)",
                    fix: "give this step another id")
            } else {
                stepIndex[step.id.value] = index
            }
        }
    }

    mutating func checkChoices() {
        var values: [String: SourceRange] = [:]
        for step in playbook.steps {
            for item in step.items {
                let id: Located<String>
                switch item {
                case .ask(let ask):
                    id = ask.id
                    checkExample(ask)
                case .choose(let choice):
                    id = choice.id
                    checkOptions(choice)
                default: continue
                }
                if let first = values[id.value] {
                    report(
                        .duplicateID, id.range, "value '\(id.value)' is already asked at line \(first.start.line)",
                        fix: "give this question another id, or refer to the first answer as {\(id.value)}")
                } else {
                    values[id.value] = id.range
                }
            }
        }
    }

    /// An answer pattern is for the machine; the agent is shown its `example` instead, so
    /// a pattern needs one, and the example must pass the pattern.
    mutating func checkExample(_ ask: Ask) {
        guard case .pattern(let pattern) = ask.validation else {
            if let example = ask.example, !ask.hasUnreadableValidation {
                report(
                    .badExample, example.range, "'example' goes with 'matching /pattern/'; '\(ask.id.value)' has none",
                    fix: "remove the example, or add the pattern it illustrates")
            }
            return
        }
        guard let example = ask.example else {
            report(
                .patternWithoutExample, pattern.range,
                "the agent will be shown the pattern /\(pattern.value)/ when an answer is refused",
                fix: "add an answer that passes, like: example \"…\"")
            return
        }
        guard let regex = try? PatternCompiler.compile(pattern.value) else { return }
        if (try? regex.wholeMatch(in: example.value)) == nil {
            report(
                .badExample, example.range,
                "the example '\(example.value)' does not match /\(pattern.value)/: it would be refused itself",
                fix: "give an answer the pattern accepts")
        }
    }

    mutating func checkOptions(_ choice: Choice) {
        switch choice.options.count {
        case 0:
            report(
                .chooseWithoutOptions, choice.id.range, "choice '\(choice.id.value)' has no options",
                fix: "add 'option ID \"Label\" -> STEP' lines under it")
        case 1:
            report(
                .singleOption, choice.options[0].id.range,
                "choice '\(choice.id.value)' has only one option, so the agent has nothing to choose",
                fix: "add another option, or replace the choice with 'next'")
        default: break
        }
        var seen: [String: SourceRange] = [:]
        for option in choice.options {
            if let first = seen[option.id.value] {
                report(
                    .duplicateID, option.id.range,
                    "option '\(option.id.value)' is already in this choice at line \(first.start.line)",
                    fix: "give this option another id")
            } else {
                seen[option.id.value] = option.id.range
            }
        }
    }

    // MARK: Flow

    /// The step a jump leads to. An unknown target is reported, and taken to be the step
    /// its did-you-mean names, so the rest of the flow is checked as the author meant it;
    /// with no such step, the jump leads nowhere (`nil`).
    mutating func resolve(_ target: Located<String>) -> Int? {
        if let index = stepIndex[target.value] { return index }
        let suggestion = Suggestion.nearest(to: target.value, in: playbook.steps.map(\.id.value))
        report(
            .unknownStep, target.range, "unknown step '\(target.value)'",
            fix: suggestion.map { "did you mean '\($0)'?" } ?? "add a step with id '\(target.value)'",
            edits: suggestion.map { [SourceEdit(target.range, $0)] } ?? [])
        return suggestion.flatMap { stepIndex[$0] }
    }

    mutating func buildGraph() -> StepGraph {
        var successors: [[Int]] = []
        var finishes: [Bool] = []
        for (index, step) in playbook.steps.enumerated() {
            var targets: [Int] = []
            let branches = step.items.compactMap { item -> Choice? in
                if case .choose(let choice) = item, choice.options.contains(where: { $0.target != nil }) {
                    return choice
                }
                return nil
            }
            for extra in branches.dropFirst() {
                report(
                    .conflictingExit, extra.id.range,
                    "step '\(step.id.value)' already branches on '\(branches[0].id.value)' at line \(branches[0].range.start.line)",
                    fix: "branch once per step: move this choice into a step of its own")
            }
            let branch = branches.first
            // A step whose exit could not be read, that jumps to an unknown step, or that
            // runs off the end is already reported; counting it as finishing keeps its
            // neighbours from piling up errors.
            var finishesHere = step.hasUnreadableExit
            func follow(_ target: Located<String>) {
                if let next = resolve(target) { targets.append(next) } else { finishesHere = true }
            }
            for option in branch?.options ?? [] {
                if let target = option.target { follow(target) }
            }
            let usesDefaultExit = branch.map { $0.options.contains { $0.target == nil } } ?? true
            switch step.exit?.value {
            case .next(let target):
                follow(target)
            case .done:
                finishesHere = finishesHere || usesDefaultExit
            case nil:
                // An unreadable 'next' or 'done' was meant as the exit, so no fall-through.
                if usesDefaultExit, !step.hasUnreadableExit {
                    if index + 1 < playbook.steps.count {
                        targets.append(index + 1)
                    } else {
                        finishesHere = true
                        report(
                            .fallsOffEnd, step.id.range,
                            "step '\(step.id.value)' is the last step but does not end the session",
                            fix: "end it with 'done resolved' (or another outcome), or jump with 'next STEP'")
                    }
                }
            }
            if let exit = step.exit, !usesDefaultExit, let branch {
                report(
                    .conflictingExit, exit.range,
                    "'\(exit.value.keyword)' is never used: every option of '\(branch.id.value)' jumps to a step",
                    fix: "remove this line, or drop the '->' of the option that should lead here")
            }
            successors.append(targets)
            finishes.append(finishesHere)
        }
        return StepGraph(successors: successors, finishes: finishes)
    }

    /// A step that runs on into a branch of its own (a 'reply' step into 'escalate');
    /// written down with `next`, it is meant.
    mutating func checkRunOns() {
        for (from, into, jump) in playbook.runOnsIntoBranches {
            let step = playbook.steps[from]
            let id = playbook.steps[into].id.value
            report(
                .fallsThrough, step.id.range,
                "step '\(step.id.value)' has no 'next' or 'done', so it runs on into step '\(id)', which line \(jump.start.line) jumps to",
                fix: "add 'next \(id)' if that is meant, or 'done OUTCOME'",
                edits: [SourceEdit(SourceRange(at: step.lastLineEnd), "\n  next \(id)")])
        }
    }

    mutating func checkFlow(_ graph: StepGraph) {
        for (index, step) in playbook.steps.enumerated() where stepIndex[step.id.value] == index {
            if !graph.reachable[index] {
                if step.hasUnreadableExit { continue }
                report(
                    .unreachableStep, step.id.range, "step '\(step.id.value)' cannot be reached from the first step",
                    fix: "jump to it with 'next \(step.id.value)' or an option '-> \(step.id.value)', or delete it")
            } else if !graph.canFinish[index] {
                report(
                    .noPathToDone, step.id.range, "no path from step '\(step.id.value)' reaches a 'done' line",
                    fix: "end this step (or a step it leads to) with 'done OUTCOME'")
            }
        }
    }

    // MARK: Values

    enum ValueEvent {
        case use(Located<String>)
        case define(Int)
        /// A `red-carpet` line, which needs the customer to be known.
        case needCustomer(SourceRange)
    }

    mutating func checkValues(_ graph: StepGraph) {
        var valueIndex: [String: Int] = [:]
        // Index 0 is the customer (`customerIndex`), which has no line of its own.
        var definitionLine: [Int] = [0]
        var events: [[ValueEvent]] = []
        for step in playbook.steps {
            var stepEvents = step.title.value.references.map(ValueEvent.use)
            for item in step.items {
                stepEvents += Self.uses(in: item).map(ValueEvent.use)
                if let defined = Self.definition(in: item) {
                    let index = valueIndex[defined.value] ?? definitionLine.count
                    if index == definitionLine.count {
                        valueIndex[defined.value] = index
                        definitionLine.append(defined.range.start.line)
                    }
                    stepEvents.append(.define(index))
                    if case .ask(let ask) = item, ask.identifiesCustomer != nil {
                        stepEvents.append(.define(Self.customerIndex))
                    }
                }
                if case .redCarpet(let redCarpet) = item { stepEvents.append(.needCustomer(redCarpet.range)) }
            }
            events.append(stepEvents)
        }

        let headerUses = [playbook.title, playbook.summary].compactMap { $0?.value.references }.joined()
        for use in headerUses {
            reportUndefined(use, known: valueIndex, fix: "the header is shown before any question is asked")
        }

        let flow = ValueFlow(graph: graph, events: events, valueCount: definitionLine.count)
        valueFlow = (valueIndex, flow)
        // A step nothing reaches is reported as such; a value no question asks for is wrong
        // whether or not the step is reached.
        for (stepNumber, stepEvents) in events.enumerated() where !graph.reachable[stepNumber] {
            for case .use(let name) in stepEvents where valueIndex[name.value] == nil {
                reportUndefined(name, known: valueIndex, fix: nil)
            }
        }
        for (stepNumber, stepEvents) in events.enumerated() where graph.reachable[stepNumber] {
            var may = flow.mayIn[stepNumber]
            var must = flow.mustIn[stepNumber]
            for event in stepEvents {
                switch event {
                case .define(let index):
                    may.insert(index)
                    must.insert(index)
                case .needCustomer(let range):
                    if !may.contains(Self.customerIndex) {
                        report(
                            .redCarpetWithoutCustomer, range,
                            "'red-carpet' needs to know the customer, but no 'ask … identifies customer' comes before it",
                            fix:
                                "ask for the customer's email or account first: 'ask email \"Customer email?\" identifies customer'"
                        )
                    } else if !must.contains(Self.customerIndex) {
                        report(
                            .customerMaybeUnidentified, range,
                            "the customer may not be identified yet when this 'red-carpet' is reached",
                            fix: "ask the question that 'identifies customer' on every path that leads here")
                    }
                case .use(let name):
                    guard let index = valueIndex[name.value] else {
                        reportUndefined(name, known: valueIndex, fix: nil)
                        continue
                    }
                    if !may.contains(index) {
                        report(
                            .valueBeforeDefinition, name.range,
                            "'{\(name.value)}' is used before any path asks for it",
                            fix: "move 'ask \(name.value)' (line \(definitionLine[index])) before this line")
                    } else if !must.contains(index) {
                        let via = graph.predecessors[stepNumber].first {
                            graph.reachable[$0] && !flow.mustOut[$0].contains(index)
                        }
                        let path = via.map { " when it is reached from step '\(playbook.steps[$0].id.value)'" } ?? ""
                        report(
                            .valueMaybeUndefined, name.range,
                            "'{\(name.value)}' may not be asked yet\(path)",
                            fix: "ask '\(name.value)' on every path that leads here")
                    }
                }
            }
        }
    }

    /// A second `amount` question, or a second that `identifies customer`, on a path that
    /// also asks the first: a session keeps one amount (the last answered) and knows the
    /// customer under one key. On separate branches they are fine.
    mutating func checkSpecialAsks(_ graph: StepGraph) {
        var amounts: [(step: Int, ask: Ask)] = []
        var customers: [(step: Int, ask: Ask)] = []
        for (index, step) in playbook.steps.enumerated() {
            for case .ask(let ask) in step.items {
                if ask.isAmount { amounts.append((index, ask)) }
                if ask.identifiesCustomer != nil { customers.append((index, ask)) }
            }
        }
        func firstOnSamePath(_ asks: [(step: Int, ask: Ask)], before position: Int) -> Ask? {
            let (step, _) = asks[position]
            return asks[..<position].first { graph.leadsTo(from: $0.step, to: step) }?.ask
        }
        for position in amounts.indices.dropFirst() {
            guard let first = firstOnSamePath(amounts, before: position) else { continue }
            let ask = amounts[position].ask
            report(
                .repeatedSpecialAsk, ask.id.range,
                "'\(ask.id.value)' is a second 'amount' question on a path that asks '\(first.id.value)' (line \(first.range.start.line)): a session keeps one amount at risk, the last answered",
                fix: "keep 'amount' on one question; ask the other without it")
        }
        for position in customers.indices.dropFirst() {
            guard let first = firstOnSamePath(customers, before: position) else { continue }
            let ask = customers[position].ask
            report(
                .repeatedSpecialAsk, ask.identifiesCustomer ?? ask.id.range,
                "'\(ask.id.value)' identifies the customer a second time on a path that asks '\(first.id.value)' (line \(first.range.start.line)): the ledger would know one customer under two keys",
                fix: "keep 'identifies customer' on one question")
        }
    }

    mutating func reportUndefined(_ name: Located<String>, known: [String: Int], fix: String?) {
        if known[name.value] != nil {
            report(
                .valueBeforeDefinition, name.range, "'{\(name.value)}' is used before any path asks for it", fix: fix)
            return
        }
        let suggestion = Suggestion.nearest(to: name.value, in: known.keys.sorted())
        report(
            .undefinedValue, name.range, "no question asks for '{\(name.value)}'",
            fix: suggestion.map { "did you mean '{\($0)}'?" } ?? "add 'ask \(name.value) \"…\"' before it is used",
            edits: suggestion.map { [SourceEdit(name.range, $0)] } ?? [])
    }

    static func uses(in item: StepItem) -> [Located<String>] {
        switch item {
        case .say(let say): return say.text.value.references
        case .ask(let ask): return ask.question.value.references
        case .confirm(let confirm): return confirm.text.value.references
        case .choose(let choice):
            return choice.question.value.references + choice.options.flatMap(\.label.value.references)
        case .draft(let draft):
            return draft.instruction.value.references + (draft.failure?.value.references ?? [])
                + draft.expectations.compactMap { expectation in
                    switch expectation.value {
                    case .mention(let value): value
                    case .name: Located("name", expectation.range)
                    case .timeframe, .nextStep: nil
                    }
                }
        case .followUp(let followUp): return followUp.text.value.references
        case .redCarpet(let redCarpet): return redCarpet.gesture.value.references
        case .cause(let cause): return cause.label.value.references
        }
    }

    /// Knowing the customer counts as one more value, defined by every ask marked
    /// `identifies customer`; it takes the first index.
    static let customerIndex = 0

    static func definition(in item: StepItem) -> Located<String>? {
        switch item {
        case .ask(let ask): ask.id
        case .choose(let choice): choice.id
        default: nil
        }
    }
}

/// Which values are asked, on some path and on every path, when each step starts.
struct ValueFlow {
    var mayIn: [BitSet]
    var mustIn: [BitSet]
    var mustOut: [BitSet]

    init(graph: StepGraph, events: [[Validator.ValueEvent]], valueCount: Int) {
        let count = events.count
        let defined = events.map { stepEvents in
            var set = BitSet(capacity: valueCount)
            for case .define(let index) in stepEvents { set.insert(index) }
            return set
        }
        let empty = BitSet(capacity: valueCount)
        let everything = BitSet(capacity: valueCount, filled: true)
        var mayIn = Array(repeating: empty, count: count)
        var mustIn = Array(repeating: everything, count: count)
        if count > 0 { mustIn[0] = empty }
        var mayOut = defined
        var mustOut = zip(mustIn, defined).map { $0.union($1) }

        var pending = Array((0..<count).filter { graph.reachable[$0] }.reversed())
        var queued = graph.reachable
        while let step = pending.popLast() {
            queued[step] = false
            var may = empty
            var must = step == 0 ? empty : everything
            for predecessor in graph.predecessors[step] where graph.reachable[predecessor] {
                may.formUnion(mayOut[predecessor])
                if step != 0 { must.formIntersection(mustOut[predecessor]) }
            }
            mayIn[step] = may
            mustIn[step] = must
            let newMay = may.union(defined[step])
            let newMust = must.union(defined[step])
            guard newMay != mayOut[step] || newMust != mustOut[step] else { continue }
            mayOut[step] = newMay
            mustOut[step] = newMust
            for successor in graph.successors[step] where !queued[successor] {
                queued[successor] = true
                pending.append(successor)
            }
        }
        self.mayIn = mayIn
        self.mustIn = mustIn
        self.mustOut = mustOut
    }
}
