import Dispatch
import ReboundChecker
import ReboundLanguage
import Synchronization

/// The playbooks an agent can start: `$REBOUND_PLAYBOOKS`, else `playbooks/` in the
/// current directory (the repository's shipped set when run with `swift run`).
struct PlaybookLibrary {
    static let fileSuffix = ".playbook"

    let directory: String

    static func locate(environment: [String: String], option: String? = nil) throws(InputError) -> PlaybookLibrary {
        if let option {
            guard FileSystem.isDirectory(option) else {
                throw InputError("--playbooks names '\(option)', which is not a directory")
            }
            return PlaybookLibrary(directory: option)
        }
        if let configured = environment["REBOUND_PLAYBOOKS"], !configured.isEmpty {
            guard FileSystem.isDirectory(configured) else {
                throw InputError("REBOUND_PLAYBOOKS names '\(configured)', which is not a directory")
            }
            return PlaybookLibrary(directory: configured)
        }
        guard FileSystem.isDirectory("playbooks") else {
            throw InputError(
                "no 'playbooks' directory here; run from the repository or set REBOUND_PLAYBOOKS to a directory of \(fileSuffix) files"
            )
        }
        return PlaybookLibrary(directory: "playbooks")
    }

    /// A playbook file, parsed and checked.
    struct Entry: Sendable {
        let path: String
        let source: [UInt8]
        let playbook: Playbook
        let errorCount: Int

        /// Parses and checks `source`, read from `path`.
        init(path: String, source: [UInt8]) {
            let (playbook, diagnostics) = Playbook.check(source)
            self.path = path
            self.source = source
            self.playbook = playbook
            self.errorCount = diagnostics.count { $0.severity == .error }
        }
    }

    /// Every playbook file in the library, parsed and checked, on every core at once.
    func entries() throws(InputError) -> [Entry] {
        let paths = try FileSystem.expand([directory], suffix: Self.fileSuffix)
        let sources = try paths.map { path throws(InputError) in try FileSystem.read(path) }
        let checked = Mutex([Entry?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let entry = Entry(path: paths[index], source: sources[index])
            checked.withLock { $0[index] = entry }
        }
        return checked.withLock { $0.compactMap(\.self) }
    }
}
