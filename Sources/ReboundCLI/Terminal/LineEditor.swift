@preconcurrency import CReadline
import Foundation
import ReboundText
import Synchronization

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// GNU readline, through its callback interface, for the interactive chat: line editing,
/// history, Tab completion, Ctrl-C that cancels the line, Ctrl-D that ends input.
///
/// readline calls back into C function pointers, which cannot capture context; the
/// little state those callbacks share lives in `ReadlineState`, and only here.
final class LineEditor {
    enum Result: Equatable {
        case line(String)
        /// Ctrl-C; `lineHadText` when something was typed on the line it cancelled.
        case interrupted(lineHadText: Bool)
        case endOfInput
    }

    private let historyPath: String?

    /// Completions for the word being typed, given the whole line so far.
    init(historyPath: String?, complete: @escaping @Sendable (_ line: String, _ word: String) -> [String]) {
        self.historyPath = historyPath
        ReadlineState.completer.withLock { $0 = complete }
        rb_set_readline_name("rebound")
        rb_set_catch_signals(0)
        rb_set_completion_function(attemptCompletion)
        if let historyPath {
            Self.createParent(of: historyPath)
            _ = read_history(historyPath)
        }
        // Ctrl-C, a resized window, Ctrl-Z and `fg` only set flags; the read loop acts on them.
        rb_set_catch_sigwinch(0)
        Self.handle(SIGINT) { _ in ReadlineState.interrupted.store(true, ordering: .relaxed) }
        Self.handle(SIGWINCH) { _ in ReadlineState.resized.store(true, ordering: .relaxed) }
        Self.handle(SIGTSTP) { _ in ReadlineState.suspended.store(true, ordering: .relaxed) }
        Self.handle(SIGCONT) { _ in ReadlineState.continued.store(true, ordering: .relaxed) }
        // A parent may have blocked these; Ctrl-C and Ctrl-Z must still reach the editor.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGINT, SIGWINCH, SIGTSTP, SIGCONT] { sigaddset(&unblock, signal) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }

    private static func handle(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
    }

    /// Ctrl-Z: give the terminal back as it was, stop, and on `fg` take it again and
    /// redraw the prompt with the line typed so far.
    private static func suspend() {
        rl_deprep_terminal()
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        handle(SIGTSTP) { _ in ReadlineState.suspended.store(true, ordering: .relaxed) }
        ReadlineState.continued.store(true, ordering: .relaxed)
    }

    /// Reads one line; a bracketed paste of several lines comes back as one string with `\n`.
    func readLine(prompt: String) -> Result {
        ReadlineState.delivered.withLock { $0 = nil }
        rl_callback_handler_install(prompt, lineHandler)
        var installed = true
        defer { if installed { rl_callback_handler_remove() } }
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while true {
            if ReadlineState.interrupted.exchange(false, ordering: .relaxed) {
                let lineHadText = rb_line_buffer().map { $0.pointee != 0 } ?? false
                rl_free_line_state()
                rl_callback_sigcleanup()
                fputs("\n", stdout)
                fflush(stdout)
                return .interrupted(lineHadText: lineHadText)
            }
            if ReadlineState.resized.exchange(false, ordering: .relaxed) { rl_resize_terminal() }
            if ReadlineState.suspended.exchange(false, ordering: .relaxed) { Self.suspend() }
            if ReadlineState.continued.exchange(false, ordering: .relaxed) {
                // The shell may have changed the terminal's modes while we were stopped.
                rl_deprep_terminal()
                rl_prep_terminal(1)
                rl_forced_update_display()
            }
            let ready = poll(&descriptor, 1, 200)
            if ready > 0 {
                rl_callback_read_char()
                if let line = ReadlineState.delivered.withLock({ $0 }) {
                    installed = false
                    return line.map(Result.line) ?? .endOfInput
                }
            } else if ready < 0, errno != EINTR {
                return .endOfInput
            }
        }
    }

    /// Asks a yes-or-no question answered by one key: `true` for y, `false` for anything
    /// else (Enter, n, Ctrl-C, the end of input).
    func readYes(prompt: String) -> Bool {
        fputs(prompt, stdout)
        fflush(stdout)
        // readline's own terminal mode: no echo, a key at a time, signals still delivered.
        rl_prep_terminal(1)
        defer { rl_deprep_terminal() }
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        var answer = false
        while true {
            if ReadlineState.interrupted.exchange(false, ordering: .relaxed) { break }
            let ready = poll(&descriptor, 1, 200)
            if ready > 0 {
                var byte: UInt8 = 0
                if read(STDIN_FILENO, &byte, 1) == 1 { answer = byte == UInt8(ascii: "y") || byte == UInt8(ascii: "Y") }
                break
            } else if ready < 0, errno != EINTR {
                break
            }
        }
        fputs(answer ? "y\n" : "n\n", stdout)
        fflush(stdout)
        return answer
    }

    /// Adds a line to the history (already redacted by the caller) and saves it.
    func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(line)
        if let historyPath { _ = write_history(historyPath) }
    }

    /// `$REBOUND_HISTORY`, else `$XDG_STATE_HOME/rebound/history`, else
    /// `~/.local/state/rebound/history`; `nil` (no history kept) for `REBOUND_HISTORY=off`.
    static func historyPath(environment: [String: String]) -> String? {
        if let path = environment["REBOUND_HISTORY"], !path.isEmpty { return path == "off" ? nil : path }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/rebound/history" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/rebound/history"
    }

    private static func createParent(of path: String) {
        let parent = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}

/// The state readline's C callbacks share with `LineEditor`.
enum ReadlineState {
    static let interrupted = Atomic<Bool>(false)
    static let resized = Atomic<Bool>(false)
    static let suspended = Atomic<Bool>(false)
    static let continued = Atomic<Bool>(false)
    /// The line the handler received: `.some(nil)` for end of input.
    static let delivered = Mutex<String??>(nil)
    static let completer = Mutex<@Sendable (String, String) -> [String]>({ _, _ in [] })
    static let matches = Mutex<[String]>([])
}

private func lineHandler(_ line: UnsafeMutablePointer<CChar>?) {
    // Removing the handler here stops readline from showing the prompt again before the
    // line has been dealt with.
    rl_callback_handler_remove()
    guard let line else {
        ReadlineState.delivered.withLock { $0 = .some(nil) }
        return
    }
    let text = String(cString: line)
    free(line)
    ReadlineState.delivered.withLock { $0 = .some(text) }
}

private func attemptCompletion(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rb_set_completion_over(1)
    let word = text.map { String(cString: $0) } ?? ""
    let buffer = rb_line_buffer().map { String(cString: $0) } ?? ""
    let prefix = String(buffer.utf8.prefix(Int(start))) ?? ""
    let candidates = ReadlineState.completer.withLock { $0 }(prefix, word)
    ReadlineState.matches.withLock { $0 = candidates.filter { $0.hasPrefix(word) } }
    return rl_completion_matches(text, completionGenerator)
}

private func completionGenerator(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    ReadlineState.matches.withLock { matches in
        guard Int(state) < matches.count else { return nil }
        return strdup(matches[Int(state)])
    }
}
