/// Why the session refused an input, each message written once: the front end shows it
/// and the same prompt stands.
enum Rejection: Equatable {
    case noSteps
    case sessionEnded
    case nothingWaiting
    case atFirstStep
    case typeAnswer
    case answerNeeded
    case answerDoesNotMatch(answer: String, pattern: String, example: String?)
    case patternDoesNotCompile(pattern: String, problem: String)
    case answerNotAllowed(allowed: [String])
    case invalidAmount(problem: String)
    case confirmOrSkip
    case skipWithoutReason
    case pickOption
    case noSuchOption(options: [String])
    case choiceWithoutOptions
    case workOnDraft
    case emptyDraft
    case noDraft
    case nothingToAccept(rule: String, excerpt: String?, found: [String])
    case alreadyAccepted(rule: String)
    case replySent
    case emptyCustomerMessage
    case customerMessageTooLong(limit: Int)
    case acceptWithoutReason(rule: String)
    case blockingFindings(rules: [String])
    case cardIdentifiesCustomer
    case answerTooLong(limit: Int)
    case draftTooLong(limit: Int)

    var message: String {
        switch self {
        case .noSteps: "The playbook has no steps, so there is nothing to do; run 'rebound check' on the playbook."
        case .sessionEnded: "The session has ended."
        case .nothingWaiting: "Nothing is waiting for input."
        case .atFirstStep: "This is the first question; there is nothing to go back to."
        case .typeAnswer: "Type the answer."
        case .answerNeeded: "An answer is needed."
        case .answerDoesNotMatch(let answer, let pattern, let example):
            example.map { "'\(answer)' does not look right: give it like this: \($0)." }
                ?? "'\(answer)' does not look right: the answer must match /\(pattern)/."
        case .patternDoesNotCompile(let pattern, let problem):
            "No answer can be accepted: the playbook's pattern /\(pattern)/ is invalid (\(problem)); run 'rebound check' on the playbook."
        case .answerNotAllowed(let allowed): "Answer one of: \(allowed.joined(separator: ", "))."
        case .invalidAmount(let problem): problem + "."
        case .confirmOrSkip: "Confirm with y, or skip it with a reason."
        case .skipWithoutReason: "Say why you skip it: a skip needs a reason."
        case .pickOption: "Pick one of the options."
        case .noSuchOption(let options):
            "Pick an option by number or id: "
                + options.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", ") + "."
        case .choiceWithoutOptions:
            "This choice has no options, so nothing can be picked; run 'rebound check' on the playbook."
        case .workOnDraft: "Write the draft, revise it, then send it."
        case .emptyDraft: "The draft is empty."
        case .noDraft: "Write a draft first."
        case .nothingToAccept(let rule, let excerpt, let found):
            "The draft has no \(rule) finding" + (excerpt.map { " on \"\($0)\"" } ?? "") + " to accept"
                + (found.isEmpty ? "" : "; it has \(found.joined(separator: ", "))") + "."
        case .alreadyAccepted(let rule): "That \(rule) finding is accepted already."
        case .replySent: "The reply before this was sent to the customer; /back cannot take it back."
        case .emptyCustomerMessage: "Paste what the customer wrote."
        case .customerMessageTooLong(let limit):
            "The customer's message is longer than \(limit) bytes; paste the part this conversation is about."
        case .acceptWithoutReason(let rule): "Say why you accept the \(rule) finding: an acceptance needs a reason."
        case .answerTooLong(let limit):
            "That answer is longer than \(limit) bytes; an answer is a name, a number or a few words."
        case .draftTooLong(let limit):
            "The draft is longer than \(limit) bytes (about \(limit / 6) words); a reply to an upset customer should be much shorter."
        case .cardIdentifiesCustomer:
            "That looks like a payment card number: a card is never stored, so it cannot identify the customer. Use their phone, email or account number."
        case .blockingFindings(let rules):
            "Findings at error level must be revised away or accepted with a reason before sending: \(rules.joined(separator: ", "))."
        }
    }
}

extension SessionAction {
    /// The action that refuses an input.
    static func rejected(_ rejection: Rejection) -> SessionAction {
        .rejected(rejection.message)
    }
}
