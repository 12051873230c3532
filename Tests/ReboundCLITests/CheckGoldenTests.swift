import Foundation
import ReboundText
import Testing

@testable import ReboundCLI

/// One bad playbook per diagnostic code, with the exact rendered output beside it.
/// Set `REBOUND_UPDATE_GOLDEN=1` to rewrite the `.expected` files, then review the diff.
@Suite("check golden files")
struct CheckGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/check")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".playbook") }.sorted()
    }

    static func render(_ name: String) throws -> String {
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
        return CheckRun(sources: [(name, bytes)], strict: false).render(format: .text, style: Style(enabled: false))
            .output
    }

    @Test(
        "every diagnostic code has a golden case that reports it",
        arguments: DiagnosticCode.allCases.filter { $0.rawValue.hasPrefix("RB1") })
    func everyCodeIsCovered(code: DiagnosticCode) throws {
        let name = "\(code.rawValue).playbook"
        #expect(Self.cases.contains(name), "add Golden/check/\(name)")
        guard Self.cases.contains(name) else { return }
        #expect(try Self.render(name).contains("[\(code.rawValue)]"))
    }

    @Test("rendered diagnostics match the expected output", arguments: cases)
    func matchesExpected(name: String) throws {
        let actual = try Self.render(name)
        let expectedURL = Self.directory.appendingPathComponent(
            name.replacingOccurrences(of: ".playbook", with: ".expected"))
        if ProcessInfo.processInfo.environment["REBOUND_UPDATE_GOLDEN"] != nil {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected)
    }
}
