import ReboundText

/// Agent and coach names, checked where they enter (`--agent`, `--coach`,
/// `$REBOUND_AGENT`, `$REBOUND_COACH`, the login name): a name is written into transcripts,
/// notes and reports, so a line break or a terminal escape in one could forge a line
/// ("Score 100/100") or a `test --record` directive there.
enum PersonName {
    static let maximumLength = 100

    /// The name, or a one-line error naming where it came from.
    static func checked(_ name: String, from source: String) throws(InputError) -> String {
        guard !name.isEmpty, name.count <= maximumLength else {
            throw InputError("\(source) must be a name of 1 to \(maximumLength) characters")
        }
        guard !name.unicodeScalars.contains(where: isForbidden) else {
            throw InputError(
                "\(source) '\(name.escapingControlCharacters())' holds a control character; use letters, digits and spaces"
            )
        }
        return name
    }

    /// Control characters (C0, DEL, C1), line and paragraph separators, and the format
    /// characters that reorder text on screen (bidirectional overrides and isolates).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
