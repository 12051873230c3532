import ReboundSession
import ReboundText
import ReboundTranscript

/// A playbook test file: which playbook, and scripted sessions with expectations.
/// `docs/playbook-testing.md` documents the format.
public struct ScenarioFile: Sendable {
    public var playbook: Located<String>?
    public var scenarios: [Scenario] = []

    public init() {}
}

/// One test: a name and its lines in order.
public struct Scenario: Sendable {
    public var name: Located<String>
    public var lines: [ScenarioLine] = []
}

/// One scripted action or expectation, with the line it came from.
public struct ScenarioLine: Sendable {
    public enum Kind: Sendable, Equatable {
        case input(SessionInput)
        /// `confirm`: ticks the checklist item that waits (answers it "y").
        case confirm
        /// `choose OPTION`: an option id, number or unique prefix.
        case choose(Located<String>)
        case expectStep(Located<String>)
        case expectOutcome(Located<String>)
        case expectValue(id: Located<String>, text: String)
        case expectPrompt(String)
        case expectRejected
        case expectFinding(Located<String>, at: (line: Int, column: Int)?)
        case expectNoFinding(Located<String>)
        case expectNoFindings
        /// `expect follow-up|red-carpet|cause "text"`: the session recorded that event with
        /// that text.
        case expectRecorded(SessionEvent.Kind, String)

        public static func == (lhs: Kind, rhs: Kind) -> Bool {
            switch (lhs, rhs) {
            case (.input(let a), .input(let b)): a == b
            case (.choose(let a), .choose(let b)): a == b
            case (.expectStep(let a), .expectStep(let b)), (.expectOutcome(let a), .expectOutcome(let b)),
                (.expectNoFinding(let a), .expectNoFinding(let b)):
                a == b
            case (.expectValue(let a, let x), .expectValue(let b, let y)): a == b && x == y
            case (.expectPrompt(let a), .expectPrompt(let b)): a == b
            case (.expectRecorded(let a, let x), .expectRecorded(let b, let y)): a == b && x == y
            case (.expectRejected, .expectRejected), (.expectNoFindings, .expectNoFindings), (.confirm, .confirm): true
            case (.expectFinding(let a, let x), .expectFinding(let b, let y)):
                a == b && x?.line == y?.line && x?.column == y?.column
            default: false
            }
        }
    }

    public var kind: Kind
    public var range: SourceRange
}

extension ScenarioLine.Kind {
    /// The same line with every range it holds moved to `range`: a line of an outline is
    /// read from the template with a row's values put in, and reports point at the template.
    func relocated(to range: SourceRange) -> Self {
        func move(_ value: Located<String>) -> Located<String> { Located(value.value, range) }
        switch self {
        case .choose(let option): return .choose(move(option))
        case .expectStep(let step): return .expectStep(move(step))
        case .expectOutcome(let outcome): return .expectOutcome(move(outcome))
        case .expectValue(let id, let text): return .expectValue(id: move(id), text: text)
        case .expectFinding(let rule, let position): return .expectFinding(move(rule), at: position)
        case .expectNoFinding(let rule): return .expectNoFinding(move(rule))
        case .input, .confirm, .expectPrompt, .expectRejected, .expectNoFindings, .expectRecorded: return self
        }
    }
}
