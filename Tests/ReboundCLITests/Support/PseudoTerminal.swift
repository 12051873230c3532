import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `rebound` in a real pseudo-terminal, so readline is active, and lets a
/// test type keys and wait for output.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    private(set) var output = ""

    init(arguments: [String], environment: [String: String], directory: String) throws {
        let argv = ([ReboundProcess.executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1
        let pid = forkpty(&master, nil, nil, &size)
        if pid == 0 {
            _ = chdir(directory)
            execve(argv[0]!, argv, envp)
            _exit(127)
        }
        guard pid > 0 else { throw CocoaError(.featureUnsupported) }
        self.master = master
        self.pid = pid
    }

    /// Changes the window size, as dragging the terminal's corner does.
    func resize(rows: UInt16, columns: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        kill(pid, SIGWINCH)
    }

    func type(_ keys: String) {
        var bytes = Array(keys.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Reads until `text` has appeared (counting from `after`), or the deadline passes.
    @discardableResult
    func waitFor(_ text: String, after start: String.Index? = nil, seconds: Double = 15) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if output[(start ?? output.startIndex)...].contains(text) { return true }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) >= 0 else { return false }
            if descriptor.revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { return output[(start ?? output.startIndex)...].contains(text) }
                output += String(decoding: buffer[0..<count], as: UTF8.self)
            } else if descriptor.revents & Int16(POLLHUP) != 0 {
                return output[(start ?? output.startIndex)...].contains(text)
            }
        }
        return false
    }

    /// Waits for the process to end and returns its exit status.
    func exitStatus(seconds: Double = 15) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            waitFor("\u{0}", seconds: 0.05)
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
        }
        kill(pid, SIGKILL)
        return nil
    }

    deinit {
        close(master)
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
    }
}
