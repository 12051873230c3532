/// Byte-level checks on UTF-8 text, done before anything is decoded.
public enum UTF8Check {
    /// The offset of the first byte in `bytes[start..<end]` that is not part of a
    /// well-formed UTF-8 sequence, or `nil` when the range is valid.
    @inlinable
    public static func firstInvalidOffset<Bytes: RandomAccessCollection<UInt8>>(
        in bytes: Bytes, _ start: Int, _ end: Int
    ) -> Int? where Bytes.Index == Int {
        var index = start
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, lower) = (3, 0xA0)
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, upper) = (3, 0x9F)
            case 0xF0: (length, lower) = (4, 0x90)
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, upper) = (4, 0x8F)
            default: return index
            }
            guard index + length <= end else { return index }
            guard (lower...upper).contains(bytes[index + 1]) else { return index }
            for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }

    /// The offset and scalar value of the first control character other than tab
    /// (C0, DEL or C1) in a valid UTF-8 range, or `nil`.
    public static func firstControlCharacter(
        in bytes: [UInt8], _ start: Int, _ end: Int
    ) -> (offset: Int, scalar: UInt32)? {
        var index = start
        while index < end {
            let byte = bytes[index]
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                return (index, UInt32(byte))
            }
            if byte == 0xC2, index + 1 < end, (0x80...0x9F).contains(bytes[index + 1]) {
                return (index, UInt32(bytes[index + 1]))
            }
            index += 1
        }
        return nil
    }
}
