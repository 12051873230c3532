import ReboundChecker
import ReboundLanguage

/// A recovery session over one playbook, as a pure state machine: each input gives the
/// actions to take (what to show, what to record), and no I/O happens here.
public struct Session: Sendable {
    /// The longest answer taken, in UTF-8 bytes: answers are names, numbers, a few words.
    public static let answerLimit = 2_000
    /// The longest draft taken, in UTF-8 bytes (a long email is a tenth of it).
    public static let draftLimit = 50_000
    /// The playbook being run.
    public let playbook: Playbook
    let checker: SharedChecker
    /// The playbook's answer patterns, compiled when the session starts.
    let answerPatterns: AnswerPatterns

    /// Answers so far, by value id (a choice's option id).
    public internal(set) var values: [String: String] = [:]
    /// How each choice made so far reads inside other text: its option's `as` phrase, else
    /// its label, by value id.
    var phrases: [String: String] = [:]
    /// Checklist items ticked or skipped, in order.
    public internal(set) var checklist: [ChecklistEntry] = []
    /// Replies sent, in order.
    public internal(set) var replies: [String] = []
    /// What the customer wrote, as the agent pasted it, in order.
    public internal(set) var customerMessages: [String] = []
    /// How the session ended, once it has.
    public internal(set) var outcome: Outcome?

    /// The step being run and the item waiting for input (or about to run).
    public internal(set) var stepIndex = 0
    /// The index of that item in the step.
    public internal(set) var itemIndex = 0
    /// Steps entered before the current one, for `back`.
    var trail: [Int] = []
    /// Where each input was taken, in order: `back` returns to the last one.
    var taken: [Position] = []
    /// Drafts left by `back`, by where they were written: reaching that prompt again
    /// brings the draft back.
    var keptDrafts: [Position.Key: WorkingDraft] = [:]
    /// The option chosen at the current step's branching choice.
    var branchTarget: String?
    /// The draft being worked on at the current draft prompt, once one is written.
    var draft: WorkingDraft?

    /// Starts a session at the playbook's first step.
    public static func start(_ playbook: Playbook, checker: SharedChecker) -> (Session, [SessionAction]) {
        var session = Session(playbook: playbook, checker: checker)
        // A checked playbook has steps (RB125); an unchecked one must not crash the engine.
        guard !playbook.steps.isEmpty else { return (session, [.rejected(.noSteps)]) }
        let actions = session.enterStep(0)
        return (session, actions)
    }

    private init(playbook: Playbook, checker: SharedChecker) {
        self.playbook = playbook
        self.checker = checker
        self.answerPatterns = AnswerPatterns(playbook)
    }

    /// Whether the session reached `done`.
    public var isFinished: Bool { outcome != nil }

    /// Whether a draft has been written (and checked) at the current draft prompt.
    public var hasDraft: Bool { draft != nil }

    /// The draft at the current draft prompt, with its findings, once one is written.
    public var workingDraft: WorkingDraft? { draft }

    /// The step being run; `nil` once the session is finished.
    public var currentStep: Step? {
        isFinished || playbook.steps.isEmpty ? nil : playbook.steps[stepIndex]
    }

    /// What the session is waiting for, if anything.
    public var currentPrompt: Prompt? {
        guard let step = currentStep, itemIndex < step.items.count else { return nil }
        return prompt(for: step.items[itemIndex], in: step)
    }

    /// `{value}` references filled in with the answers so far; a choice reads as its
    /// option's phrase or label ("the express resend"), not its id.
    public func interpolate(_ text: Text) -> String {
        text.filled(with: readableValues)
    }

    /// The answers as they read in text: choices as phrases.
    public var readableValues: [String: String] {
        phrases.isEmpty ? values : values.merging(phrases) { _, phrase in phrase }
    }
}

/// A place in the playbook where the session took an input, and what `back` must restore
/// to return there.
struct Position: Sendable {
    /// A prompt's place: its step and item.
    struct Key: Hashable, Sendable {
        let step: Int
        let item: Int
    }

    let key: Key
    /// How many steps the trail held then.
    let trailCount: Int
    /// How many checklist entries there were then.
    let checklistCount: Int
    /// A sent reply: `back` cannot take it back from the customer.
    let sentReply: Bool
}
