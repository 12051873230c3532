import ReboundLanguage

/// The `ask … matching /re/` patterns of a playbook, compiled once when a session starts
/// rather than at every answer.
struct AnswerPatterns: Sendable {
    /// A pattern compiled, or why it does not compile.
    enum Compiled: Sendable {
        case regex(SharedRegex)
        case invalid(problem: String)

        init(_ pattern: String) {
            do {
                self = .regex(SharedRegex(regex: try PatternCompiler.compile(pattern)))
            } catch {
                self = .invalid(problem: "\(error)")
            }
        }
    }

    /// A compiled pattern. `Regex<AnyRegexOutput>` is not `Sendable` only because of its
    /// output type, which holds captures as `Any`; the compiled regex never changes, and
    /// its matches are made and dropped inside `rejection(of:for:)`.
    struct SharedRegex: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>
    }

    private var compiled: [String: Compiled] = [:]

    /// Compiles every pattern of the playbook's questions.
    init(_ playbook: Playbook) {
        for step in playbook.steps {
            for case .ask(let ask) in step.items {
                if case .pattern(let pattern) = ask.validation, compiled[pattern.value] == nil {
                    compiled[pattern.value] = Compiled(pattern.value)
                }
            }
        }
    }

    /// Why `answer` is refused for `pattern`, or `nil` when the whole answer matches. A
    /// pattern that does not compile refuses every answer.
    func rejection(of answer: String, for pattern: String, example: String? = nil) -> Rejection? {
        switch compiled[pattern] ?? Compiled(pattern) {
        case .regex(let compiled):
            (try? compiled.regex.wholeMatch(in: answer)) != nil
                ? nil : .answerDoesNotMatch(answer: answer, pattern: pattern, example: example)
        case .invalid(let problem):
            .patternDoesNotCompile(pattern: pattern, problem: problem)
        }
    }
}
