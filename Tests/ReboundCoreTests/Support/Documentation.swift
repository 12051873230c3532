import Foundation
import ReboundCore

/// A page of `docs/`, read once per test suite.
func documentationPage(_ name: String) -> String {
    let url = ShippedPlaybooks.directory.deletingLastPathComponent().appendingPathComponent("docs/\(name)")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
}

extension DiagnosticCode {
    /// The heading its section in `docs/` must have: `### RB104 unknown step (error)`.
    var documentationHeading: String {
        "### \(rawValue) \(title) (\(severity.rawValue))"
    }
}
