import Synchronization

/// A reply checker built on first use and shared: compiling the phrase lists takes a few
/// milliseconds that a session should not spend before its first prompt.
public final class SharedChecker: Sendable {
    private let make: @Sendable () -> ReplyChecker
    private let built = Mutex<ReplyChecker?>(nil)

    public init(_ make: @escaping @Sendable () -> ReplyChecker = { ReplyChecker() }) {
        self.make = make
    }

    /// An already built checker.
    public convenience init(_ checker: ReplyChecker) {
        self.init { checker }
    }

    public var checker: ReplyChecker {
        built.withLock { built in
            if let built { return built }
            let checker = make()
            built = checker
            return checker
        }
    }
}
