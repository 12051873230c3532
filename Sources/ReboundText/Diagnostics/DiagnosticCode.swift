/// Every diagnostic Rebound can report, with a stable code.
///
/// `RB1xx` codes belong to the playbook language, `RB3xx` to phrase lists, `RB4xx` to
/// playbook tests. Codes are never reused or renumbered;
/// `docs/playbook-language.md`, `docs/rules.md` and `docs/playbook-testing.md` document each
/// with a bad example and its fix.
public enum DiagnosticCode: String, CaseIterable, Hashable, Sendable, Comparable {
    case invalidUTF8 = "RB100"
    case unknownKeyword = "RB101"
    case unterminatedString = "RB102"
    case unterminatedRegex = "RB103"
    case unknownStep = "RB104"
    case expectedArgument = "RB105"
    case unexpectedText = "RB106"
    case misplacedLine = "RB107"
    case duplicateHeader = "RB108"
    case missingHeader = "RB109"
    case duplicateID = "RB110"
    case invalidRegex = "RB111"
    case emptyText = "RB112"
    case undefinedValue = "RB113"
    case valueBeforeDefinition = "RB114"
    case valueMaybeUndefined = "RB115"
    case unreachableStep = "RB116"
    case noPathToDone = "RB117"
    case fallsOffEnd = "RB118"
    case conflictingExit = "RB119"
    case unknownOutcome = "RB120"
    case unknownRule = "RB121"
    case invalidNumber = "RB122"
    case chooseWithoutOptions = "RB123"
    case conflictingValidation = "RB124"
    case noSteps = "RB125"
    case controlCharacter = "RB126"
    case singleOption = "RB127"
    case repeatedSetting = "RB128"
    case redCarpetWithoutCustomer = "RB129"
    case customerMaybeUnidentified = "RB130"
    case patternWithoutExample = "RB131"
    case badExample = "RB132"
    case literalBrace = "RB133"
    case malformedReference = "RB134"
    case fallsThrough = "RB135"
    case repeatedSpecialAsk = "RB136"

    // Phrase lists (`*.phrases`, `--rules FILE`).
    case malformedPhraseLine = "RB301"
    case unknownPhraseClass = "RB302"
    case misplacedPhraseLine = "RB303"
    case unknownPhraseSetting = "RB304"
    case incompletePhraseGroup = "RB305"
    case phraseTooBroad = "RB306"

    // Playbook tests (`*.test`).
    case unknownTestCommand = "RB401"
    case malformedTestLine = "RB402"
    case unknownTestPlaybook = "RB403"
    case unknownTestReference = "RB404"
    case misplacedTestLine = "RB405"

    public var severity: Diagnostic.Severity {
        switch self {
        case .valueMaybeUndefined, .unreachableStep, .singleOption, .customerMaybeUnidentified,
            .patternWithoutExample, .literalBrace, .malformedReference, .fallsThrough, .repeatedSpecialAsk:
            .warning
        default: .error
        }
    }

    /// A short name for the problem, used as the heading of its documentation.
    public var title: String {
        switch self {
        case .invalidUTF8: "invalid UTF-8"
        case .unknownKeyword: "unknown keyword"
        case .unterminatedString: "unterminated string"
        case .unterminatedRegex: "unterminated pattern"
        case .unknownStep: "unknown step"
        case .expectedArgument: "missing or malformed argument"
        case .unexpectedText: "unexpected text at end of line"
        case .misplacedLine: "line in the wrong place"
        case .duplicateHeader: "header field given twice"
        case .missingHeader: "missing header field"
        case .duplicateID: "duplicate id"
        case .invalidRegex: "invalid pattern"
        case .emptyText: "empty text"
        case .undefinedValue: "undefined value"
        case .valueBeforeDefinition: "value used before it is asked"
        case .valueMaybeUndefined: "value not asked on every path"
        case .unreachableStep: "unreachable step"
        case .noPathToDone: "no path to an outcome"
        case .fallsOffEnd: "last step has no exit"
        case .conflictingExit: "conflicting exits"
        case .unknownOutcome: "unknown outcome"
        case .unknownRule: "unknown checker rule"
        case .invalidNumber: "invalid number"
        case .chooseWithoutOptions: "choice without options"
        case .conflictingValidation: "conflicting answer validation"
        case .noSteps: "playbook without steps"
        case .controlCharacter: "control character"
        case .singleOption: "choice with one option"
        case .repeatedSetting: "repeated setting"
        case .redCarpetWithoutCustomer: "red carpet without a customer"
        case .customerMaybeUnidentified: "customer not identified on every path"
        case .patternWithoutExample: "pattern without an example"
        case .badExample: "example that the answer check refuses"
        case .literalBrace: "repetition that is not closed"
        case .malformedReference: "braces that are not a value"
        case .fallsThrough: "step that runs on into a branch"
        case .repeatedSpecialAsk: "second amount or customer question"
        case .malformedPhraseLine: "malformed phrase"
        case .unknownPhraseClass: "unknown word class"
        case .misplacedPhraseLine: "phrase outside a group"
        case .unknownPhraseSetting: "unknown setting or value"
        case .incompletePhraseGroup: "incomplete group"
        case .phraseTooBroad: "phrase with too many variants"
        case .unknownTestCommand: "unknown test command"
        case .malformedTestLine: "malformed test line"
        case .unknownTestPlaybook: "unknown playbook"
        case .unknownTestReference: "unknown step, option, outcome, rule or value"
        case .misplacedTestLine: "line outside a test"
        }
    }

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
