import ReboundChecker
import ReboundLanguage
import ReboundSession
import ReboundText
import Testing

/// A card number never identifies a customer: it would be stored in clear in the ledger,
/// or, redacted, join every card with the same last four digits.
@Suite("card answers")
struct CardAnswerTests {
    static let playbook: Playbook = {
        let (playbook, diagnostics) = Playbook.check(
            demoHeader + """
                step own "Own it"
                  ask phone "Customer phone or card?" identifies customer
                  ask note "Anything else?"
                  done resolved
                """)
        precondition(!diagnostics.hasErrors, "\(diagnostics)")
        return playbook
    }()

    @Test("a card as the answer that identifies the customer is refused, with nothing recorded")
    func refused() {
        var (session, _) = Session.start(Self.playbook, checker: SharedChecker(sharedChecker))
        for card in ["4111 1111 1111 1111", "４１１１-１１１１-１１１１-１１１１", "card 4111.1111.1111.1111"] {
            let actions = session.handle(.answer(card))
            let rejection = actions.lazy.compactMap { if case .rejected(let message) = $0 { message } else { nil } }
                .first
            #expect(rejection?.contains("a card is never stored, so it cannot identify the customer") == true)
            #expect(!actions.contains { if case .record = $0 { true } else { false } })
            #expect(!actions.contains { if case .identified = $0 { true } else { false } })
        }
        let phone = session.handle(.answer("+44 7911 123456"))
        #expect(phone.contains { if case .identified(let key) = $0 { key == "+44 7911 123456" } else { false } })
    }

    @Test("a card number in the reply is an error, RB214, whose fix names only its last four digits")
    func cardInReply() throws {
        let reply = "Hi Jo, we've refunded your card 4111 1111 1111 1111 today."
        let finding = try #require(sharedChecker.check(reply).first { $0.rule == "RB214" })
        #expect(finding.category == .privacy)
        #expect(finding.severity == .error)
        #expect(finding.excerpt == "[card ending 1111]")
        let fixed = [try #require(finding.fix)].applied(to: Array(reply.utf8)).bytes
        #expect(String(decoding: fixed, as: UTF8.self) == "Hi Jo, we've refunded your card ending 1111 today.")
        let bare = try #require(sharedChecker.check("Refunded to 4111111111111111.").first { $0.rule == "RB214" })
        #expect(bare.fix?.replacement == "the card ending 1111")
        #expect(sharedChecker.check("Order 100000000008 ships today.").allSatisfy { $0.rule != "RB214" })
    }
}
