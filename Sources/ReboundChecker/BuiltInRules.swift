import ReboundLanguage
import ReboundText

extension RuleNames {
    /// The reply checker's categories and rule codes: what a playbook's `allow` may name.
    public static let builtIn = RuleNames(
        categories: FindingCategory.allCases.map(\.rawValue), codes: ReplyChecker.descriptors.map(\.code))
}

extension Playbook {
    /// Parses and validates playbook source against the built-in checker's rules.
    public static func check(_ bytes: [UInt8]) -> (playbook: Playbook, diagnostics: [Diagnostic]) {
        check(bytes, rules: .builtIn)
    }

    public static func check(_ text: String) -> (playbook: Playbook, diagnostics: [Diagnostic]) {
        check(text, rules: .builtIn)
    }
}

extension PlaybookParser {
    /// Parses playbook source against the built-in checker's rules.
    public static func parse(_ bytes: [UInt8]) -> (playbook: Playbook, diagnostics: [Diagnostic]) {
        parse(bytes, rules: .builtIn)
    }

    public static func parse(_ text: String) -> (playbook: Playbook, diagnostics: [Diagnostic]) {
        parse(text, rules: .builtIn)
    }

    /// The id `parse` gives the playbook, read from as few lines as that takes.
    public static func id(of bytes: [UInt8]) -> String? {
        id(of: bytes, rules: .builtIn)
    }
}
