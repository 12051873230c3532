import ReboundChecker
import ReboundLanguage
import ReboundSession
import Testing

/// Answers and drafts have a size limit, refused with a clear message; nothing is recorded
/// and the same prompt stands.
@Suite("input limits")
struct InputLimitTests {
    static let playbook: Playbook = {
        let (playbook, diagnostics) = Playbook.check(
            demoHeader + """
                step own "Own it"
                  ask name "Name?"
                  draft "Write."
                  done resolved
                """)
        precondition(!diagnostics.hasErrors, "\(diagnostics)")
        return playbook
    }()

    func rejection(_ actions: [SessionAction]) -> String? {
        actions.lazy.compactMap { if case .rejected(let message) = $0 { message } else { nil } }.first
    }

    @Test("a 30 MB answer and a 100,000-line draft are refused; one just under each limit is taken")
    func limits() {
        var (session, _) = Session.start(Self.playbook, checker: SharedChecker(sharedChecker))
        let huge = String(repeating: "a", count: 30_000_000)
        #expect(rejection(session.handle(.answer(huge)))?.contains("longer than 2000 bytes") == true)
        #expect(rejection(session.handle(.answer(String(repeating: "a", count: Session.answerLimit)))) == nil)
        let lines = (0..<100_000).map { "Line \($0) of a pasted log." }.joined(separator: "\n")
        let refused = session.handle(.draft(lines))
        #expect(rejection(refused)?.contains("The draft is longer than 50000 bytes") == true)
        #expect(!refused.contains { if case .record = $0 { true } else { false } })
        #expect(rejection(session.handle(.draft("Maria, your refund went out today."))) == nil)
    }
}
