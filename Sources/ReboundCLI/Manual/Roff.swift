import Foundation

/// Lines of roff source, with text escaped so that no character of the help is taken as
/// a request, an escape or a hyphen.
struct Roff {
    private(set) var lines: [String] = []

    var text: String { lines.joined(separator: "\n") + "\n" }

    mutating func comment(_ comment: String) {
        lines.append(#".\" "# + comment)
    }

    /// A man macro such as `.SH NAME`, each argument quoted.
    mutating func macro(_ name: String, _ arguments: String...) {
        let quoted = arguments.map { "\"" + Self.escaped($0).replacingOccurrences(of: "\"", with: #"\(dq"#) + "\"" }
        lines.append((["." + name] + quoted).joined(separator: " "))
    }

    /// A roff request such as `.ad l`, whose arguments are never quoted.
    mutating func request(_ request: String) {
        lines.append("." + request)
    }

    /// Running text; roff fills it into lines.
    mutating func text(_ text: String) {
        raw(Self.escaped(text.trimmingCharacters(in: .whitespaces)))
    }

    /// Paragraphs (separated by blank lines in the help), each started with `each`;
    /// single line breaks are kept.
    mutating func paragraphs(_ text: String?, each start: String = "PP") {
        guard let text, !text.isEmpty else { return }
        for paragraph in text.components(separatedBy: "\n\n") {
            macro(start)
            for (position, line) in paragraph.split(separator: "\n").enumerated() {
                if position > 0 { request("br") }
                self.text(String(line))
            }
        }
    }

    /// A line already in roff, such as one built with `bold` and `italic`. A line that
    /// starts with `.` or `'` would be a request, so it is guarded with `\&`.
    mutating func raw(_ line: String) {
        lines.append(line.hasPrefix(".") || line.hasPrefix("'") ? #"\&"# + line : line)
    }

    /// A space roff neither breaks a line at nor stretches.
    static let unbreakableSpace = #"\ "#

    static func bold(_ text: String) -> String { #"\fB"# + escaped(text) + #"\fR"# }

    static func italic(_ text: String) -> String { #"\fI"# + escaped(text) + #"\fR"# }

    /// Backslashes and hyphens escaped (so options can be copied from the page), and
    /// anything outside ASCII as a Unicode escape, which every roff reads.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += #"\e"#
            case "-": result += #"\-"#
            case _ where scalar.isASCII: result.unicodeScalars.append(scalar)
            default: result += #"\[u"# + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + "]"
            }
        }
        return result
    }
}
