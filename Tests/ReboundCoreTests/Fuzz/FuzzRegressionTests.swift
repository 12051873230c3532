import Foundation
import ReboundChecker
import ReboundLanguage
import ReboundReview
import ReboundScenario
import ReboundSession
import ReboundText
import ReboundTranscript
import Testing

/// Every input that ever troubled a fuzz target (scripts/fuzz.sh), run through the same
/// calls on every `swift test`: none may crash, hang or break an invariant.
@Suite("fuzz regressions")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regressions")

    static func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = root.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))))
        }
    }

    @Test("playbook parser, checks and fmt")
    func playbook() throws {
        let inputs = try Self.inputs("playbook")
        #expect(!inputs.isEmpty)
        for (name, bytes) in inputs {
            let (playbook, diagnostics) = Playbook.check(bytes)
            for diagnostic in diagnostics {
                #expect(diagnostic.range.start.offset <= bytes.count, "\(name)")
            }
            guard !diagnostics.contains(where: { $0.severity == .error }) else { continue }
            let formatted = Array(Playbook.format(bytes, playbook).utf8)
            let (again, second) = Playbook.check(formatted)
            #expect(!second.contains { $0.severity == .error }, "\(name)")
            #expect(Array(Playbook.format(formatted, again).utf8) == formatted, "\(name)")
        }
    }

    @Test("test-file parser")
    func testFile() throws {
        for (name, bytes) in try Self.inputs("test-file") {
            let (_, diagnostics) = ScenarioParser.parse(bytes)
            #expect(!diagnostics.isEmpty, "\(name) is malformed and must say so")
        }
    }

    @Test("transcript reader and what review and the ledger derive")
    func transcript() throws {
        for (name, bytes) in try Self.inputs("transcript") {
            let (header, events, problems) = TranscriptCoding.decode(bytes)
            #expect(!problems.isEmpty, "\(name) has bad lines to report")
            if let header {
                _ = SessionSummary(header: header, events: events, playbook: nil)
                _ = RecoveryRecord(header: header, events: events)
            }
        }
    }

    @Test("reply checker: findings lie inside the reply")
    func checker() throws {
        for (name, bytes) in try Self.inputs("checker") {
            for finding in sharedChecker.check(bytes) {
                #expect(finding.range.start.offset <= finding.range.end.offset, "\(name)")
                #expect(finding.range.end.offset <= bytes.count, "\(name)")
            }
        }
    }

    @Test("protocol decoder and the small readers: errors, never crashes")
    func protocolDecoder() throws {
        for (name, bytes) in try Self.inputs("protocol") {
            if case .success(let command) = ProtocolCommand.decode(bytes[...], number: 1) {
                Issue.record("\(name) decoded as \(command)")
            }
            _ = try? CSV.parse(bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            _ = MoneyAmount.parse(text)
            _ = CustomerKey(text)
        }
    }
}
