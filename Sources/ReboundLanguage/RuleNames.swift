import ReboundText

/// The checker rules a draft's `allow` may name. The language knows nothing of the
/// checker, so whoever checks a playbook hands the names in; the reply checker's own are
/// `RuleNames.builtIn` in ReboundChecker.
public struct RuleNames: Sendable {
    /// Category names, such as `excuse`.
    public let categories: [String]
    /// Rule codes, such as `RB201`, in order.
    public let codes: [String]

    public init(categories: [String], codes: [String]) {
        self.categories = categories
        self.codes = codes
    }

    public func contains(_ name: String) -> Bool {
        categories.contains(name) || codes.contains(name)
    }

    /// The codes for a message, runs without a gap shortened: `RB201–RB208, RB210–RB213`.
    public var codeSpan: String {
        var runs: [(first: String, last: String, number: Int?)] = []
        for code in codes {
            let number = Int(code.drop { !$0.isASCIIDigit })
            if let previous = runs.last, let last = previous.number, let number, number == last + 1 {
                runs[runs.count - 1] = (previous.first, code, number)
            } else {
                runs.append((code, code, number))
            }
        }
        return runs.map { $0.first == $0.last ? $0.first : "\($0.first)–\($0.last)" }.joined(separator: ", ")
    }
}
