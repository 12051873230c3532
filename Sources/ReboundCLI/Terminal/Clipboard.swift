import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Puts a sent reply on the agent's clipboard, so it can be pasted into the helpdesk as
/// it was checked: through `wl-copy` (Wayland) or `xclip`/`xsel` (X11) when the session
/// has a display and the tool is installed, else with an OSC 52 sequence to the agent's
/// own terminal (xterm, kitty, WezTerm, iTerm2, Windows Terminal, tmux with
/// `set-clipboard on`), which copies even over ssh.
struct Clipboard {
    /// How the text is copied, as the chat names it.
    enum Method: Equatable {
        case command(name: String, arguments: [String])
        case terminal
    }

    let environment: [String: String]
    /// Whether standard output is a terminal that can be sent OSC 52.
    let onTerminal: Bool

    /// The first way that can work here, or `nil` when none can.
    var method: Method? {
        if !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty, executable("wl-copy") != nil {
            return .command(name: "wl-copy", arguments: [])
        }
        if !(environment["DISPLAY"] ?? "").isEmpty {
            if executable("xclip") != nil { return .command(name: "xclip", arguments: ["-selection", "clipboard"]) }
            if executable("xsel") != nil { return .command(name: "xsel", arguments: ["--clipboard", "--input"]) }
        }
        return onTerminal ? .terminal : nil
    }

    /// Copies `text`; says how, or why it could not.
    func copy(_ text: String) -> Result<String, InputError> {
        guard let method else {
            return .failure(
                InputError(
                    "no clipboard here (no display with wl-copy, xclip or xsel, and not a terminal); "
                        + "start the chat with --sent-to FILE to have each sent reply written to a file"))
        }
        switch method {
        case .terminal:
            // Base64 holds no control character, so nothing of the reply can act on the terminal.
            let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
            if let code = writeFully(STDOUT_FILENO, Array(sequence.utf8)) {
                return .failure(.system("write to", "the terminal", errno: code))
            }
            return .success("sent to your terminal's clipboard (OSC 52; a terminal that does not allow it ignores it)")
        case .command(let name, let arguments):
            guard let path = executable(name) else { return .failure(InputError("\(name) is no longer installed")) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
                try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
                try input.fileHandleForWriting.close()
            } catch {
                return .failure(InputError("\(name) could not be run: \(error.localizedDescription)"))
            }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                return .failure(InputError("\(name) failed (exit status \(process.terminationStatus))"))
            }
            return .success("copied with \(name)")
        }
    }

    /// The path of an executable file named `name` in `$PATH`.
    private func executable(_ name: String) -> String? {
        for directory in (environment["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            let path = directory + "/" + name
            if access(path, X_OK) == 0, !FileSystem.isDirectory(path) { return path }
        }
        return nil
    }
}
