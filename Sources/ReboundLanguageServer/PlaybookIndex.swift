import ReboundLanguage
import ReboundText

/// A name a playbook defines and refers to.
enum Symbol: Hashable, Sendable {
    /// A step id: defined by its `step` line, named by `next` and options' `->`.
    case step(String)
    /// A value id: defined by an `ask` or `choose`, named as `{id}` and by `expect mention`.
    case value(String)
}

/// One place a symbol's name is written.
struct Occurrence: Sendable {
    let symbol: Symbol
    let range: SourceRange
    let isDefinition: Bool
}

/// Every step and value name in a playbook with where it is written, for definition,
/// references, rename and hover.
struct PlaybookIndex: Sendable {
    /// In source order.
    let occurrences: [Occurrence]

    init(_ playbook: Playbook) {
        var occurrences: [Occurrence] = []
        func uses(_ text: Located<Text>?) {
            for name in text?.value.references ?? [] {
                occurrences.append(Occurrence(symbol: .value(name.value), range: name.range, isDefinition: false))
            }
        }
        func define(_ symbol: Symbol, _ range: SourceRange) {
            occurrences.append(Occurrence(symbol: symbol, range: range, isDefinition: true))
        }
        func jump(_ target: Located<String>?) {
            if let target {
                occurrences.append(Occurrence(symbol: .step(target.value), range: target.range, isDefinition: false))
            }
        }
        uses(playbook.title)
        uses(playbook.summary)
        for step in playbook.steps {
            define(.step(step.id.value), step.id.range)
            uses(step.title)
            for item in step.items {
                switch item {
                case .say(let say): uses(say.text)
                case .ask(let ask):
                    define(.value(ask.id.value), ask.id.range)
                    uses(ask.question)
                case .confirm(let confirm): uses(confirm.text)
                case .choose(let choice):
                    define(.value(choice.id.value), choice.id.range)
                    uses(choice.question)
                    for option in choice.options {
                        uses(option.label)
                        uses(option.phrase)
                        jump(option.target)
                    }
                case .draft(let draft):
                    uses(draft.instruction)
                    uses(draft.failure)
                    for case .mention(let name) in draft.expectations.map(\.value) {
                        occurrences.append(
                            Occurrence(symbol: .value(name.value), range: name.range, isDefinition: false))
                    }
                case .followUp(let followUp): uses(followUp.text)
                case .redCarpet(let redCarpet): uses(redCarpet.gesture)
                case .cause(let cause): uses(cause.label)
                }
            }
            if case .next(let target) = step.exit?.value { jump(target) }
        }
        self.occurrences = occurrences.sorted { $0.range.start.offset < $1.range.start.offset }
    }

    /// The occurrence under a byte offset: the cursor may sit just after the name, as it
    /// does at the end of a word being typed.
    func occurrence(at offset: Int) -> Occurrence? {
        occurrences.first { $0.range.start.offset <= offset && offset <= $0.range.end.offset }
    }

    func occurrences(of symbol: Symbol) -> [Occurrence] {
        occurrences.filter { $0.symbol == symbol }
    }

    /// Where a symbol is defined: the first definition when the playbook has several
    /// (which `check` reports as RB110).
    func definition(of symbol: Symbol) -> Occurrence? {
        occurrences.first { $0.symbol == symbol && $0.isDefinition }
    }
}
