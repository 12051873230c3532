import Dispatch
import ReboundChecker
import ReboundLanguage
import Synchronization

/// A chat's playbooks: every file read and its id found at once, each file checked in full
/// only when it is needed (started or resumed, listed, ranked for a customer's message), so
/// the first prompt waits for one playbook's check rather than the whole library's.
final class PlaybookCatalog: Sendable {
    typealias Entry = PlaybookLibrary.Entry

    /// Every playbook file, in the library's order.
    let paths: [String]
    private let sources: [[UInt8]]
    /// Each file's playbook id, as its full parse gives it.
    private let ids: [String?]
    /// Each file once checked.
    private let checked: Mutex<[Entry?]>

    /// The files `paths` with their contents, `sources`.
    init(paths: [String], sources: [[UInt8]]) {
        precondition(paths.count == sources.count, "one source per path")
        self.paths = paths
        self.sources = sources
        self.ids = sources.map { PlaybookParser.id(of: $0) }
        self.checked = Mutex([Entry?](repeating: nil, count: paths.count))
    }

    /// Reads every playbook file of `library`.
    convenience init(_ library: PlaybookLibrary) throws(InputError) {
        let paths = try FileSystem.expand([library.directory], suffix: PlaybookLibrary.fileSuffix)
        let sources = try paths.map { path throws(InputError) in try FileSystem.read(path) }
        self.init(paths: paths, sources: sources)
    }

    /// Every playbook, checked; those not checked yet are checked on every core at once.
    var entries: [Entry] {
        let unchecked = checked.withLock { entries in entries.indices.filter { entries[$0] == nil } }
        if unchecked.count > 1 {
            DispatchQueue.concurrentPerform(iterations: unchecked.count) { _ = entry(at: unchecked[$0]) }
        }
        return paths.indices.map(entry(at:))
    }

    /// The playbooks without errors, which an agent can start.
    var available: [Entry] { entries.filter { $0.errorCount == 0 } }

    /// The playbook `id` names: the first file with that id and no errors, else the first
    /// with that id (its errors keep it from being started); `nil` when no file has it.
    /// Only the files with that id are checked.
    func playbook(id: String) -> Entry? {
        var broken: Entry?
        for index in ids.indices where ids[index] == id {
            let entry = entry(at: index)
            if entry.errorCount == 0 { return entry }
            if broken == nil { broken = entry }
        }
        return broken
    }

    /// File `index`, checked on first use.
    private func entry(at index: Int) -> Entry {
        if let entry = checked.withLock({ $0[index] }) { return entry }
        let entry = Entry(path: paths[index], source: sources[index])
        checked.withLock { $0[index] = entry }
        return entry
    }
}
