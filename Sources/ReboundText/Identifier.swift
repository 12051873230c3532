/// Letters, digits, `-` and `_`, starting with a letter or digit.
public func isIdentifier(_ text: String) -> Bool {
    guard let first = text.utf8.first, isIdentifierByte(first), first != UInt8(ascii: "-"), first != UInt8(ascii: "_")
    else { return false }
    return text.utf8.allSatisfy(isIdentifierByte)
}

/// Whether a byte may appear in an identifier (see `isIdentifier`).
@inline(__always)
public func isIdentifierByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
        true
    default: false
    }
}

extension Character {
    /// `0` to `9` only, not other scripts' digits.
    public var isASCIIDigit: Bool { isASCII && isNumber }
}
