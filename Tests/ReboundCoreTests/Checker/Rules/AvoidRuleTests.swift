import ReboundChecker
import ReboundLanguage
import Testing

@Suite("RB207 avoid")
struct AvoidRuleTests {
    static let playbook = Playbook.check(
        demoHeader + """
            step reply "Reply"
              draft "Write."
                avoid "please try again later" because "They already tried."
                allow policy
              done resolved
            """
    ).playbook

    var draft: Draft {
        guard case .draft(let draft) = Self.playbook.steps[0].items[0] else {
            fatalError("the test playbook has a draft")
        }
        return draft
    }

    @Test("a phrase the step avoids is an error carrying the author's reason")
    func avoided() throws {
        let checker = sharedChecker.adding(avoids: draft.avoids)
        let options = CheckOptions(draft: draft, values: [:])
        let result = findingStarts("Hi. 1️⃣Please try AGAIN later.", rule: "RB207", options: options, checker: checker)
        #expect(result.found == result.expected)
        let finding = try #require(checker.check("Please try again later.", options: options).first)
        #expect(finding.severity == .error)
        #expect(finding.message.contains("They already tried."))
    }

    @Test("allow silences a built-in rule for the step")
    func allow() {
        let checker = sharedChecker.adding(avoids: draft.avoids)
        let options = CheckOptions(draft: draft, values: [:])
        #expect(checker.check("As per our policy, you get a full refund.", options: options).isEmpty)
        #expect(!sharedChecker.check("As per our policy, you get a full refund.").isEmpty)
    }
}
