import ReboundText

/// A parsed recovery playbook. Every node keeps the source range it came from.
///
/// A playbook produced from text with errors holds as much as could be understood;
/// fields the text did not supply are `nil` or empty.
public struct Playbook: Sendable {
    public var id: Located<String>?
    public var title: Located<Text>?
    public var version: Located<Int>?
    public var summary: Located<Text>?
    public var tags: [Located<String>] = []
    public var steps: [Step] = []
    /// How much each kind of scorecard item weighs for this playbook (`score KIND N`);
    /// kinds not given weigh 1.
    public var scoreWeights: [ScoreKind: Located<Int>] = [:]
    /// Comment lines, without the `#`, in source order.
    public var comments: [Located<String>] = []

    public init() {}

    /// The step with this id, if any.
    public func step(_ id: String) -> Step? {
        steps.first { $0.id.value == id }
    }
}

/// The kinds of scorecard items a playbook can weigh.
public enum ScoreKind: String, CaseIterable, Hashable, Sendable {
    /// A checklist item ticked rather than skipped.
    case checklist
    /// An `expect` met by the sent reply.
    case expectation
    /// No error-level finding sent without an override.
    case errors
    /// The apology limit kept.
    case apologies
    /// An outcome reached.
    case outcome
    /// A follow-up scheduled.
    case followUp = "follow-up"
}

/// Text that may refer to captured values as `{name}`.
public struct Text: Hashable, Sendable, CustomStringConvertible {
    public enum Segment: Hashable, Sendable {
        case literal(String)
        case value(Located<String>)
    }

    public var segments: [Segment]

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Every `{name}` in the text, in order.
    public var references: [Located<String>] {
        segments.compactMap {
            if case .value(let name) = $0 { name } else { nil }
        }
    }

    public var isBlank: Bool {
        segments.allSatisfy {
            if case .literal(let text) = $0 { text.allSatisfy(\.isWhitespace) } else { false }
        }
    }

    /// The text as written, with `{name}` references in place.
    public var description: String {
        segments.map {
            switch $0 {
            case .literal(let text): text
            case .value(let name): "{\(name.value)}"
            }
        }.joined()
    }
}

public struct Step: Sendable {
    public var id: Located<String>
    public var title: Located<Text>
    public var items: [StepItem] = []
    /// `next` or `done`, if the step has one; when it has both, the first.
    public var exit: Located<StepExit>?
    /// Whether a `next` or `done` line was there but could not be read; flow checks
    /// then give the step the benefit of the doubt instead of piling up errors.
    public var hasUnreadableExit = false
    /// The `step` line.
    public var range: SourceRange

    public init(id: Located<String>, title: Located<Text>, range: SourceRange) {
        self.id = id
        self.title = title
        self.range = range
    }

    /// The step's `choose` whose options jump to other steps, if any.
    public var branch: Choice? {
        for case .choose(let choice) in items where choice.options.contains(where: { $0.target != nil }) {
            return choice
        }
        return nil
    }
}

public enum StepExit: Hashable, Sendable {
    case next(Located<String>)
    case done(Outcome)
}

/// How a session ends.
public enum Outcome: String, CaseIterable, Hashable, Sendable {
    case resolved, escalated, pending, lost
}

public enum StepItem: Sendable {
    case say(Say)
    case ask(Ask)
    case confirm(Confirm)
    case choose(Choice)
    case draft(Draft)
    case followUp(FollowUp)
    case redCarpet(RedCarpet)
    case cause(Cause)

    /// The item's first line.
    public var range: SourceRange {
        switch self {
        case .say(let item): item.range
        case .ask(let item): item.range
        case .confirm(let item): item.range
        case .choose(let item): item.range
        case .draft(let item): item.range
        case .followUp(let item): item.range
        case .redCarpet(let item): item.range
        case .cause(let item): item.range
        }
    }
}

/// `say TEXT`: guidance shown to the agent.
public struct Say: Sendable {
    public var text: Located<Text>
    public var range: SourceRange
}

/// `ask ID "Question" [matching /re/ | one of a, b | amount] [identifies customer]`:
/// captures a value.
public struct Ask: Sendable {
    public enum Validation: Sendable {
        /// The whole answer must match this regular expression.
        case pattern(Located<String>)
        /// The answer must be one of these words.
        case oneOf([Located<String>])
        /// The answer is money at risk: a number with an optional currency.
        case amount
    }

    public var id: Located<String>
    public var question: Located<Text>
    public var validation: Validation?
    /// Where `identifies customer` was written: the answer is how the ledger knows
    /// the customer again.
    public var identifiesCustomer: SourceRange?
    public var range: SourceRange

    /// Whether the answer is the money at risk.
    public var isAmount: Bool {
        if case .amount = validation { true } else { false }
    }
}

/// `confirm "…"`: a checklist item the agent ticks, or skips with a reason.
public struct Confirm: Sendable {
    public var text: Located<Text>
    public var range: SourceRange
}

/// `choose ID "…"` followed by `option` lines: captures the chosen option's id.
public struct Choice: Sendable {
    public var id: Located<String>
    public var question: Located<Text>
    public var options: [ChoiceOption] = []
    public var range: SourceRange
}

/// `option ID "Label" [-> STEP]`.
public struct ChoiceOption: Sendable {
    public var id: Located<String>
    public var label: Located<Text>
    public var target: Located<String>?
    public var range: SourceRange
}

/// `draft "Instruction"` followed by the checks its reply must pass.
public struct Draft: Sendable {
    public var instruction: Located<Text>
    public var expectations: [Located<Expectation>] = []
    public var apologyLimit: Located<Int>?
    public var avoids: [Avoid] = []
    public var allows: [Located<String>] = []
    public var range: SourceRange
}

/// What a reply must contain: `expect mention {value} | timeframe | next-step | name`.
public enum Expectation: Hashable, Sendable {
    case mention(Located<String>)
    case timeframe
    case nextStep
    case name

    /// The word used in the language.
    public var keyword: String {
        switch self {
        case .mention: "mention"
        case .timeframe: "timeframe"
        case .nextStep: "next-step"
        case .name: "name"
        }
    }
}

/// `avoid "phrase" because "reason"`.
public struct Avoid: Sendable {
    public var phrase: Located<String>
    public var reason: Located<String>
    public var range: SourceRange
}

/// `follow-up in N days "…"`: a reminder scheduled when the session ends.
public struct FollowUp: Sendable {
    public enum Unit: String, Sendable, CaseIterable {
        case hours, days, weeks
    }

    public var amount: Located<Int>
    public var unit: Unit
    public var text: Located<Text>
    public var range: SourceRange

    /// The delay in hours.
    public var hours: Int {
        switch unit {
        case .hours: amount.value
        case .days: amount.value * 24
        case .weeks: amount.value * 24 * 7
        }
    }
}

/// `red-carpet N "gesture"`: the customer's next N contacts get special care, and the
/// agent who takes each one is told what was promised.
public struct RedCarpet: Sendable {
    public var contacts: Located<Int>
    public var gesture: Located<Text>
    public var range: SourceRange
}

/// `cause "label"`: the root cause of the failure, for the prevention report.
public struct Cause: Sendable {
    public var label: Located<Text>
    public var range: SourceRange
}
