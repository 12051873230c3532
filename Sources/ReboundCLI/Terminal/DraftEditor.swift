import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `/edit`: the draft in the agent's own editor (`$VISUAL`, else `$EDITOR`, else `vi`), as
/// psql's `\e` and git do. The draft is written to a private file (0600, in a 0700
/// directory of its own), the editor runs on the chat's terminal, and the file is read
/// back and removed at once, since a draft may hold what a customer wrote.
struct DraftEditor {
    let environment: [String: String]

    /// The editor command, as the shell will run it.
    var command: String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        }
        return "vi"
    }

    /// The text after editing `text`; `nil` when the editor failed (the reason is thrown).
    func edit(_ text: String) throws(InputError) -> String {
        let base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/rebound-edit-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let folder = made else { throw .system("create a private directory in", base) }
        let path = folder + "/draft.txt"
        defer {
            unlink(path)
            rmdir(folder)
        }
        try FileSystem.replace(path, with: Array(text.utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The path is an argument, never spliced into the command: `$EDITOR` may hold
        // options ("code --wait"), the path is quoted by the shell.
        process.arguments = ["-c", command + " \"$1\"", "rebound-edit", path]
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw InputError("could not run the editor '\(command)': \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InputError(
                "the editor '\(command)' exited with status \(process.terminationStatus); the draft is as it was")
        }
        let edited = String(decoding: try FileSystem.read(path), as: UTF8.self)
        // Editors end the file with a line break the agent did not mean as part of the reply.
        return edited.hasSuffix("\n") ? String(edited.dropLast()) : edited
    }
}
