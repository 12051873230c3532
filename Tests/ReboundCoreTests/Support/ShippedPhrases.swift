import Foundation

/// The phrase files in `Sources/ReboundChecker/Phrases`, as (file name, text).
enum ShippedPhrases {
    static let directory = ShippedPlaybooks.directory.deletingLastPathComponent()
        .appendingPathComponent("Sources/ReboundChecker/Phrases")

    static var all: [(name: String, text: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".phrases") }.sorted().compactMap { name in
            (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
        }
    }
}
