import ReboundText

/// Source text with position markers (`1️⃣` … `9️⃣`) that are removed before parsing;
/// each marker's position is kept so a test can say "the diagnostic lands here".
struct MarkedSource {
    let text: String
    let markers: [String: SourceLocation]

    init(_ marked: String) {
        var text = ""
        var markers: [String: SourceLocation] = [:]
        var line = 1
        var column = 1
        var offset = 0
        for character in marked {
            if let digit = character.unicodeScalars.first, character.unicodeScalars.count == 3,
                ("1"..."9").contains(String(digit)), character.unicodeScalars.last == "\u{20E3}"
            {
                markers[String(digit)] = SourceLocation(line: line, column: column, offset: offset)
                continue
            }
            text.append(character)
            offset += character.utf8.count
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.markers = markers
    }

    subscript(marker: String) -> SourceLocation {
        guard let location = markers[marker] else { fatalError("no marker \(marker) in the test source") }
        return location
    }
}

/// A minimal valid header, so tests can focus on steps.
let demoHeader = """
    playbook demo "Demo"
    version 1
    summary Demo.

    """
