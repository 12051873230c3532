import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `rebound` executable as a real process and captures what it prints.
struct ReboundProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable beside the test bundle in the products folder.
    static let executable = Bundle.main.bundleURL.appendingPathComponent("rebound")

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A running process with pipes to type into and read from, for tests that act
    /// while it runs (kill it, delete its files).
    struct Running {
        let process: Process
        let input: FileHandle
        let output: FileHandle
        let errors: FileHandle
    }

    /// The ledger of runs that name none, so tests never touch the user's own.
    static let sharedLedger = FileManager.default.temporaryDirectory
        .appendingPathComponent("rebound-tests-\(ProcessInfo.processInfo.processIdentifier)-ledger.sqlite").path

    /// The test process's environment, without settings that would change what a run
    /// prints, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NO_COLOR")
        environment.removeValue(forKey: "REBOUND_PLAYBOOKS")
        environment.removeValue(forKey: "REBOUND_NOW")
        environment["REBOUND_LEDGER"] = sharedLedger
        environment.merge(extra) { $1 }
        return environment
    }

    static func launch(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment(extra)
        process.currentDirectoryURL = repositoryRoot
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        return Running(
            process: process, input: input.fileHandleForWriting, output: output.fileHandleForReading,
            errors: errors.fileHandleForReading)
    }

    static func run(
        _ arguments: [String], in directory: URL = repositoryRoot, environment extra: [String: String] = [:],
        executable program: String? = nil, stdin: String? = nil
    ) throws -> Result {
        try run(arguments, in: directory, environment: extra, executable: program, input: stdin.map { Data($0.utf8) })
    }

    /// Runs with raw bytes on standard input (which need not be UTF-8).
    static func run(
        _ arguments: [String], in directory: URL = repositoryRoot, environment extra: [String: String] = [:],
        executable program: String? = nil, input stdin: Data?
    ) throws -> Result {
        // A child that exits before reading all its input must not kill the test run.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = program.map { URL(fileURLWithPath: $0) } ?? executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment(extra)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // Write from another thread, so a large input cannot block against a full output pipe.
        let writer = input.fileHandleForWriting
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            if let stdin { try? writer.write(contentsOf: stdin) }
            try? writer.close()
        }
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        nonisolated(unsafe) var errorData = Data()
        DispatchQueue.global().async(group: group) { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }
}

/// A fresh directory for a test's files, removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ contents: String) throws -> URL {
        try write(name, Data(contents.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
