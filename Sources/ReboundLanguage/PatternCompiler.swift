/// Compiles the `matching /…/` patterns of `ask` lines.
///
/// A pattern must match the whole answer, and `\d` means the ASCII digits 0–9 only,
/// so `٣٤٥` is not an order number.
public enum PatternCompiler {
    public static func compile(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        try Regex(pattern).asciiOnlyDigits()
    }

    /// Why the pattern does not compile, or `nil` when it does.
    public static func problem(in pattern: String) -> String? {
        do {
            _ = try compile(pattern)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
