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
        // A new file in a directory of our own, read back and removed at once: it needs no
        // atomic rename and no fsync (on a busy disk an fsync alone can take milliseconds).
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .system("write", path) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard close(descriptor) == 0, written == bytes.count else { throw .system("write", path) }
        // The path is an argument, never spliced into the command: `$EDITOR` may hold
        // options ("code --wait"), the path is quoted by the shell.
        let status = try Self.run(
            ["/bin/sh", "-c", command + " \"$1\"", "rebound-edit", path], environment: environment,
            command: command)
        guard status == 0 else {
            throw InputError("the editor '\(command)' exited with status \(status); the draft is as it was")
        }
        let edited = String(decoding: try FileSystem.read(path), as: UTF8.self)
        // Editors end the file with a line break the agent did not mean as part of the reply.
        return edited.hasSuffix("\n") ? String(edited.dropLast()) : edited
    }

    /// Runs `arguments` and waits for it: its exit status, or the signal that ended it.
    /// `posix_spawn` and `waitpid` rather than Foundation's `Process`, whose wait polls
    /// every 50 ms and so made each `/edit` take 50–100 ms. As `system(3)` does, the chat
    /// ignores SIGINT and SIGQUIT while the editor runs, and the editor gets them as by default.
    static func run(
        _ arguments: [String], environment: [String: String], command: String
    ) throws(InputError)
        -> Int32
    {
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var interrupt = sigaction()
        var quit = sigaction()
        sigaction(SIGINT, &ignore, &interrupt)
        sigaction(SIGQUIT, &ignore, &quit)
        defer {
            sigaction(SIGINT, &interrupt, nil)
            sigaction(SIGQUIT, &quit, nil)
        }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, arguments[0], nil, &attributes, argv, envp)
        guard spawned == 0 else {
            throw InputError("could not run the editor '\(command)': \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            guard errno == EINTR else {
                throw InputError("could not wait for the editor '\(command)': \(String(cString: strerror(errno)))")
            }
        }
        // Exited: the status is in bits 8–15; killed: the signal is in bits 0–6.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : status & 0x7F
    }
}
