import ReboundChecker
import ReboundLanguage

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

    struct Entry {
        let path: String
        let source: [UInt8]
        let playbook: Playbook
        let errorCount: Int
    }

    /// Every playbook file in the library, parsed and checked.
    func entries() throws(InputError) -> [Entry] {
        try FileSystem.expand([directory], suffix: Self.fileSuffix).map { path throws(InputError) in
            let source = try FileSystem.read(path)
            let (playbook, diagnostics) = Playbook.check(source)
            return Entry(
                path: path, source: source, playbook: playbook, errorCount: diagnostics.count { $0.severity == .error })
        }
    }
}
