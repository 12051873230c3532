import Foundation
import Testing

/// The README's target graph is the architecture: these tests fail when a target's
/// dependency list in Package.swift, or an `import` in its sources, goes beyond it.
@Suite("Architecture")
struct ArchitectureTests {
    static let root = ReboundProcess.repositoryRoot

    /// `target → allowed direct dependencies`, from the README's table under "Layout".
    static func documentedGraph() throws -> [String: Set<String>] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "| target | may depend on |") else {
            Issue.record("README.md has no '| target | may depend on |' table")
            return [:]
        }
        var graph: [String: Set<String>] = [:]
        for line in readme[start.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            let names = { (cell: String) in
                Set(cell.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) })
                    .subtracting(["—", ""])
            }
            guard let target = names(cells[0]).first else { continue }
            graph[target] = names(cells[1])
        }
        return graph
    }

    /// Each target's declared dependencies (targets and products), read from
    /// `swift package dump-package`.
    static func declaredGraph() throws -> [String: (type: String, dependencies: Set<String>)] {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("rebound-dump-package-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // A scratch path of its own, so the running `swift test` does not hold the lock.
        process.arguments = ["swift", "package", "--scratch-path", scratch.path, "dump-package"]
        process.currentDirectoryURL = root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "swift package dump-package failed")
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let targets = try #require(manifest["targets"] as? [[String: Any]])
        var graph: [String: (type: String, dependencies: Set<String>)] = [:]
        for target in targets {
            let name = try #require(target["name"] as? String)
            let type = try #require(target["type"] as? String)
            var dependencies: Set<String> = []
            for dependency in target["dependencies"] as? [[String: Any]] ?? [] {
                // {"byName": [NAME, …]}, {"target": [NAME, …]} or {"product": [NAME, PACKAGE, …]}.
                for case let values as [Any] in dependency.values {
                    if let first = values.first as? String { dependencies.insert(first) }
                }
            }
            graph[name] = (type, dependencies)
        }
        return graph
    }

    @Test("every library and executable target depends on exactly what the README's graph says")
    func manifestMatchesReadme() throws {
        let documented = try Self.documentedGraph()
        let declared = try Self.declaredGraph()
        #expect(!documented.isEmpty)
        for (target, entry) in declared.sorted(by: { $0.key < $1.key }) where entry.type != "test" {
            guard let allowed = documented[target] else {
                Issue.record("target \(target) is missing from the README's graph")
                continue
            }
            let extra = entry.dependencies.subtracting(allowed)
            #expect(extra.isEmpty, "\(target) depends on \(extra.sorted()), which the README's graph does not allow")
            let missing = allowed.subtracting(entry.dependencies)
            #expect(missing.isEmpty, "the README says \(target) depends on \(missing.sorted()), Package.swift does not")
        }
        for target in documented.keys where declared[target] == nil {
            Issue.record("the README's graph names \(target), which Package.swift does not have")
        }
    }

    @Test("a source file imports only its own target's declared dependencies")
    func importsStayInsideTheGraph() throws {
        let declared = try Self.declaredGraph()
        let sources = Self.root.appendingPathComponent("Sources")
        let ownModules = Set(declared.keys)
        for (target, entry) in declared where entry.type != "test" {
            let folder = sources.appendingPathComponent(target)
            guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let file as URL in files where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ").map(String.init)
                    guard let importIndex = words.firstIndex(of: "import"), importIndex + 1 < words.count,
                        words[..<importIndex].allSatisfy({ $0.hasPrefix("@") })
                    else { continue }
                    let module = words[importIndex + 1]
                    guard ownModules.contains(module) else { continue }
                    #expect(
                        entry.dependencies.contains(module),
                        "\(target)/\(file.lastPathComponent) imports \(module), which \(target) may not depend on")
                }
            }
        }
    }
}
