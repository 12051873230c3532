import Foundation
import ReboundChecker

/// Labelled replies in the corpus format (`Training/corpus/GUIDELINES.md`): a header line
/// `=== clean` or `=== excuse, blame`, then the reply's lines.
enum LabelledCorpus {
    struct Entry {
        /// `file.txt:LINE` of the header, matching `Training/report.json`'s origins.
        let origin: String
        let labels: Set<FindingCategory>
        let text: String
    }

    /// Every reply of the `.txt` files in `directory`, files in name order.
    static func read(_ directory: URL) -> [Entry] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        var entries: [Entry] = []
        for name in names where name.hasSuffix(".txt") {
            let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
            var labels: Set<FindingCategory>?
            var lines: [String] = []
            var start = 0
            func finish() {
                guard let current = labels else { return }
                let body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                if !body.isEmpty { entries.append(Entry(origin: "\(name):\(start)", labels: current, text: body)) }
            }
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                if line.hasPrefix("=== ") {
                    finish()
                    let words = line.dropFirst(4).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    let parsed = Set(words.compactMap { FindingCategory(rawValue: $0) })
                    precondition(
                        words == ["clean"] || parsed.count == words.count, "bad label in \(name):\(number + 1)")
                    labels = parsed
                    lines = []
                    start = number + 1
                } else if labels != nil {
                    lines.append(line)
                }
            }
            finish()
        }
        return entries
    }

    /// The repository's `Training/` folder.
    static let training = ShippedPlaybooks.directory.deletingLastPathComponent().appendingPathComponent("Training")
}
