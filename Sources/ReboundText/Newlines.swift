/// Where the lines of a JSON Lines file end.
public enum Newlines {
    /// The offsets of the `\n` bytes in `bytes`, in order. Eight bytes are tested at a time:
    /// a review splits 160 MB of transcripts into lines, and a byte at a time was a tenth of
    /// its time.
    public static func offsets(in bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        bytes.withUnsafeBytes { buffer in
            let ones: UInt64 = 0x0101_0101_0101_0101
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            var index = 0
            while index + 8 <= buffer.count {
                // A byte of `word` is zero where the byte was a newline; each such byte, and
                // only such a byte, gets its top bit set in `found` (no borrow between bytes).
                let word = buffer.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian ^ (ones &* 0x0A)
                var found = ~(((word & low7) &+ low7) | word | low7)
                while found != 0 {
                    offsets.append(index + found.trailingZeroBitCount / 8)
                    found &= found &- 1
                }
                index += 8
            }
            while index < buffer.count {
                if buffer[index] == UInt8(ascii: "\n") { offsets.append(index) }
                index += 1
            }
        }
        return offsets
    }
}
