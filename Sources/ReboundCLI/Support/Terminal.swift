#if canImport(Glibc)
    import Glibc
#endif

/// When to colour output.
public enum ColorMode: String, CaseIterable, Sendable {
    case auto, always, never

    /// Whether to colour what goes to `descriptor`: `auto` colours a terminal unless
    /// `NO_COLOR` is set (and not empty) or `TERM` is `dumb`.
    func enabled(for descriptor: Int32, environment: [String: String]) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto:
            isatty(descriptor) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }
}

/// ANSI styles, applied only when colour is on.
struct Style {
    let enabled: Bool

    func apply(_ codes: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(codes)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { apply("1", text) }
    func red(_ text: String) -> String { apply("1;31", text) }
    func yellow(_ text: String) -> String { apply("1;33", text) }
    func cyan(_ text: String) -> String { apply("1;36", text) }
    func green(_ text: String) -> String { apply("1;32", text) }
    func dim(_ text: String) -> String { apply("2", text) }
}
