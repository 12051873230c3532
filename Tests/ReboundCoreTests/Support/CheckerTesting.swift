import ReboundChecker
import ReboundText

/// One phrase-layer checker for the rule tests, from the precompiled phrases. The
/// learned layer is left out so that each rule's findings are its own; the model has
/// tests of its own (`ReplyModelTests`) and so does the whole checker.
let sharedChecker = ReplyChecker(model: nil)

/// The checker as shipped: phrase layer and learned layer.
let shippedChecker = ReplyChecker()

/// The starts of the findings of `rule` in a marked reply, and the marker positions
/// they should land on, for `#expect(found == expected)`.
func findingStarts(
    _ marked: String, rule: String, options: CheckOptions = CheckOptions(), checker: ReplyChecker = sharedChecker
) -> (found: [ReboundText.SourceLocation], expected: [ReboundText.SourceLocation]) {
    let source = MarkedSource(marked)
    let found = checker.check(source.text, options: options).filter { $0.rule == rule }.map(\.range.start)
    let expected = source.markers.keys.sorted().map { source[$0] }
    return (found, expected)
}

/// The codes of every finding, for texts that must come out clean or not.
func ruleCodes(_ text: String, options: CheckOptions = CheckOptions()) -> [String] {
    sharedChecker.check(text, options: options).map(\.rule)
}
