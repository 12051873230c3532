import ReboundLanguage
import ReboundText
import Synchronization

/// A reply checker built on first use and shared: loading the model and, for a playbook's
/// `avoid`s, compiling the phrase lists take milliseconds that a session should not spend
/// before its first prompt.
public final class SharedChecker: Sendable {
    private let make: @Sendable () -> ReplyChecker
    private let built = Mutex<ReplyChecker?>(nil)
    /// Checkers with a draft's `avoid` phrases added, by those phrases: many sessions
    /// (and tests, and replays) of one playbook share them.
    private let withAvoids = Mutex<[[String]: ReplyChecker]>([:])

    public init(_ make: @escaping @Sendable () -> ReplyChecker = { ReplyChecker() }) {
        self.make = make
    }

    /// An already built checker.
    public convenience init(_ checker: ReplyChecker) {
        self.init { checker }
    }

    /// The checker with these `avoid` phrases added, built once per set of phrases.
    public func checker(adding avoids: [Avoid]) -> ReplyChecker {
        guard !avoids.isEmpty else { return checker }
        let key = avoids.flatMap { [$0.phrase.value, $0.reason.value] }
        if let cached = withAvoids.withLock({ $0[key] }) { return cached }
        let built = checker.adding(avoids: avoids)
        withAvoids.withLock { $0[key] = built }
        return built
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
