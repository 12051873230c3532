import ReboundText

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

    /// The text in these colour codes. The escape is written as `TerminalText.styleMarker`,
    /// which only the output boundary turns into ESC: text that is not Rebound's own can
    /// never carry colour, or any other escape, to the terminal.
    func apply(_ codes: String, _ text: String) -> String {
        let marker = String(TerminalText.styleMarker)
        return enabled ? "\(marker)\(codes)m\(text)\(marker)0m" : text
    }

    func bold(_ text: String) -> String { apply("1", text) }
    func red(_ text: String) -> String { apply("1;31", text) }
    func yellow(_ text: String) -> String { apply("1;33", text) }
    func cyan(_ text: String) -> String { apply("1;36", text) }
    func green(_ text: String) -> String { apply("1;32", text) }
    func dim(_ text: String) -> String { apply("2", text) }
}
