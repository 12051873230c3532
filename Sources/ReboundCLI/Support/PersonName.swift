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
        guard !name.unicodeScalars.contains(where: \.breaksOneLine) else {
            throw InputError(
                "\(source) '\(name.escapingControlCharacters())' holds a control character; use letters, digits and spaces"
            )
        }
        return name
    }

}
