import ArgumentParser
import Foundation
import ReboundLanguageServer

/// `rebound lsp`: the language server an editor starts for playbooks and playbook tests.
struct LanguageServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Serve the Language Server Protocol for playbooks and tests to an editor.",
        discussion: """
            Speaks JSON-RPC with Content-Length headers on standard input and output, as editors \
            expect (docs/editors.md): the diagnostics of 'rebound check' as you type, quick fixes, \
            hover help, go to definition and references for steps and values, completion, an \
            outline, 'rebound fmt' as formatting, and rename of a step across its tests. Exit \
            status: 0 after the editor's shutdown and exit, 1 when exit comes (or the input ends) \
            without shutdown.
            """)

    func run() throws {
        // An editor that goes away closes the pipe; the write fails and the server stops.
        signal(SIGPIPE, SIG_IGN)
        var server = LanguageServer(host: FileHost(), version: ReboundVersion.current)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            let output = server.receive(buffer[..<count])
            for message in output.messages where writeFully(STDOUT_FILENO, message) != nil {
                throw ExitCode(1)
            }
            if let status = output.exitStatus { throw ExitCode(status) }
        }
        throw ExitCode(server.exitStatusAtEndOfInput)
    }
}

/// The language server's view of the file system: the `.playbook` and `.test` files under
/// a folder, for completing a test's playbook and renaming a step in its tests.
struct FileHost: LanguageServerHost {
    func files(endingIn suffix: String, in folders: [String]) -> [WorkspaceFile] {
        folders.flatMap { folder -> [WorkspaceFile] in
            guard let url = URL(string: folder), url.isFileURL,
                let paths = try? FileSystem.expand([url.path], suffix: suffix)
            else { return [] }
            return paths.compactMap { path in
                guard let bytes = try? FileSystem.read(path) else { return nil }
                return WorkspaceFile(uri: URL(fileURLWithPath: path).absoluteString, bytes: bytes)
            }
        }
    }
}
