import Foundation

/// The one place where tests reach into a running `rebound`: crash-safety tests
/// (Tests/ReboundCLITests/CrashSafetyTests.swift) set `REBOUND_FAULT_KILL_AFTER_EVENT=N`
/// to have the chat kill itself with SIGKILL right after transcript event N is on disk,
/// the worst moment a real crash could pick. Unset, as in every real use, it does nothing.
enum TestSeam {
    static let killAfterEvent = ProcessInfo.processInfo.environment["REBOUND_FAULT_KILL_AFTER_EVENT"].flatMap {
        Int($0)
    }

    /// Called by the transcript recorder once event `seq` is written and synced.
    static func eventWritten(_ seq: Int) {
        if seq == killAfterEvent { kill(getpid(), SIGKILL) }
    }
}
