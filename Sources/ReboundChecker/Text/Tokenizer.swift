/// Splits reply text into word tokens, on UTF-8 bytes, the same way for replies and
/// for phrase lists so that both agree on what a word is.
///
/// A word is a run of letters and digits; an apostrophe (`'` or `’`) between letters
/// stays inside it (`didn’t` → `didn't`), except before a final `s`, `ve`, `ll`, `re`, `m`
/// or `d`, which becomes a token of its own (`courier's` → `courier`, `s`; `I've` → `i`, `ve`). Hyphens split words (`short-staffed` →
/// `short`, `staffed`). Words are lower-cased; a word of ASCII digits becomes `#`.
enum Tokenizer {
    /// The normalised form every run of digits takes.
    static let number: [UInt8] = [UInt8(ascii: "#")]

    /// What lies between two tokens, for sentence and clause boundaries.
    struct Gap: OptionSet {
        let rawValue: UInt8
        static let clause = Gap(rawValue: 1)
        static let sentence = Gap(rawValue: 2)
        static let line = Gap(rawValue: 4)
    }

    /// Calls `body(start, end, normalised, gapBefore)` for each token in order.
    /// `normalised` is only valid during the call.
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, UnsafeBufferPointer<UInt8>, Gap) -> Void
    ) {
        var buffer = [UInt8](repeating: 0, count: 64)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { scratch in
            var gap: Gap = [.sentence, .clause, .line]
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if isASCIIWord(byte) {
                        if let end = plainWord(bytes, from: index, scratch: scratch, gap: gap, body) {
                            index = end
                        } else {
                            index = word(bytes, from: index, buffer: &buffer, gap: gap, body)
                        }
                        gap = []
                        continue
                    }
                    if byte == 0x1B {
                        // A terminal escape sequence is not text: skip it whole.
                        index = endOfEscape(bytes, from: index)
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: "\n"):
                        gap.formUnion([.sentence, .clause, .line])
                    case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"):
                        // "3.5" and "a.m" keep going; a stop before a blank ends the sentence.
                        let next = index + 1 < count ? bytes[index + 1] : UInt8(ascii: " ")
                        if !isASCIIWord(next) { gap.formUnion([.sentence, .clause]) }
                    case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("),
                        UInt8(ascii: ")"), UInt8(ascii: "\""):
                        gap.insert(.clause)
                    case UInt8(ascii: "-"):
                        let spaced = index + 1 >= count || bytes[index + 1] == UInt8(ascii: " ")
                        if spaced { gap.insert(.clause) }
                    default: break
                    }
                    index += 1
                    continue
                }
                let (scalar, length) = decode(bytes, at: index)
                if isWordScalar(scalar) {
                    index = word(bytes, from: index, buffer: &buffer, gap: gap, body)
                    gap = []
                    continue
                }
                switch scalar.value {
                case 0x2026: gap.formUnion([.sentence, .clause])  // …
                case 0x2013, 0x2014, 0x201C, 0x201D: gap.insert(.clause)  // – — “ ”
                case 0x2028, 0x2029: gap.formUnion([.sentence, .clause, .line])
                default: break
                }
                index += length
            }
        }
    }

    /// The common case, fast: an ASCII word that ends in ASCII and has no apostrophe,
    /// lower-cased into `scratch`. Returns `nil` to leave any other word to `word`.
    @inline(__always)
    private static func plainWord(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, scratch: UnsafeMutableBufferPointer<UInt8>, gap: Gap,
        _ body: (Int, Int, UnsafeBufferPointer<UInt8>, Gap) -> Void
    ) -> Int? {
        var end = start
        var allDigits = true
        let count = bytes.count
        while end < count {
            let byte = bytes[end]
            guard isASCIIWord(byte) else { break }
            if end - start == scratch.count { return nil }
            scratch[end - start] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            if byte > UInt8(ascii: "9") { allDigits = false }
            end += 1
        }
        if end < count, bytes[end] >= 0x80 || bytes[end] == UInt8(ascii: "'") { return nil }
        if allDigits {
            number.withUnsafeBufferPointer { body(start, end, $0, gap) }
        } else {
            body(start, end, UnsafeBufferPointer(rebasing: scratch[0..<(end - start)]), gap)
        }
        return end
    }

    /// The index after an escape sequence starting at `start`: CSI (`ESC [ … final`),
    /// OSC (`ESC ] … BEL` or `ESC ] … ESC \`), or ESC and one character.
    private static func endOfEscape(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start + 1
        guard index < bytes.count else { return index }
        switch bytes[index] {
        case UInt8(ascii: "["):
            index += 1
            while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
            return min(index + 1, bytes.count)
        case UInt8(ascii: "]"):
            while index < bytes.count {
                if bytes[index] == 0x07 { return index + 1 }
                if bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") {
                    return index + 2
                }
                index += 1
            }
            return index
        default:
            return index + 1
        }
    }

    /// Reads one word starting at `start`; returns the index after it.
    private static func word(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, buffer: inout [UInt8], gap: Gap,
        _ body: (Int, Int, UnsafeBufferPointer<UInt8>, Gap) -> Void
    ) -> Int {
        var index = start
        var length = 0
        var allDigits = true
        var ascii = true
        let count = bytes.count
        func append(_ byte: UInt8, _ buffer: inout [UInt8]) {
            if length == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            buffer[length] = byte
            length += 1
        }
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if isASCIIWord(byte) {
                    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                        append(byte | 0x20, &buffer)
                    } else {
                        append(byte, &buffer)
                    }
                    if byte > UInt8(ascii: "9") { allDigits = false }
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "'"), length > 0, index + 1 < count, startsWord(bytes, at: index + 1) {
                    append(byte, &buffer)
                    allDigits = false
                    index += 1
                    continue
                }
                break
            }
            let (scalar, scalarLength) = decode(bytes, at: index)
            if scalar.value == 0x2019, length > 0, index + scalarLength < count,
                startsWord(bytes, at: index + scalarLength)
            {
                append(UInt8(ascii: "'"), &buffer)
                allDigits = false
                index += scalarLength
                continue
            }
            guard isWordScalar(scalar) else { break }
            ascii = false
            allDigits = false
            for offset in 0..<scalarLength { append(bytes[index + offset], &buffer) }
            index += scalarLength
        }
        if allDigits {
            Tokenizer.number.withUnsafeBufferPointer { body(start, index, $0, gap) }
            return index
        }
        if !ascii {
            let lowered = Array(String(decoding: buffer[0..<length], as: UTF8.self).lowercased().utf8)
            buffer = lowered + [UInt8](repeating: 0, count: max(0, buffer.count - lowered.count))
            length = lowered.count
        }
        // A final 's, 've, 'll, 're, 'm or 'd is a token of its own, without the apostrophe,
        // so "I've sent" matches "I 've sent" and "courier's fault" matches "courier 's fault".
        if let clitic = cliticLength(buffer, length), length > clitic + 1 {
            let apostrophe = length - clitic - 1
            let curly = bytes[index - clitic - 1] != UInt8(ascii: "'")
            let split = index - clitic - (curly ? 3 : 1)
            buffer.withUnsafeBufferPointer { all in
                body(start, split, UnsafeBufferPointer(rebasing: all[0..<apostrophe]), gap)
                body(split, index, UnsafeBufferPointer(rebasing: all[(apostrophe + 1)..<length]), [])
            }
            return index
        }
        buffer.withUnsafeBufferPointer { body(start, index, UnsafeBufferPointer(rebasing: $0[0..<length]), gap) }
        return index
    }

    /// The length of a contraction ending the word (`s`, `ve`, `ll`, `re`, `m`, `d` after an
    /// apostrophe), or `nil`.
    private static func cliticLength(_ buffer: [UInt8], _ length: Int) -> Int? {
        for clitic in [1, 2] where length > clitic && buffer[length - clitic - 1] == UInt8(ascii: "'") {
            let tail = buffer[(length - clitic)..<length]
            switch clitic {
            case 1
            where tail.first == UInt8(ascii: "s") || tail.first == UInt8(ascii: "m")
                || tail.first == UInt8(ascii: "d"):
                return 1
            case 2
            where tail.elementsEqual("ve".utf8) || tail.elementsEqual("ll".utf8) || tail.elementsEqual("re".utf8):
                return 2
            default: continue
            }
        }
        return nil
    }

    @inline(__always)
    static func isASCIIWord(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        if byte < 0x80 { return isASCIIWord(byte) }
        return isWordScalar(decode(bytes, at: index).scalar)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The scalar at `index`; an invalid byte decodes as U+FFFD of length 1.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = bytes[index]
        let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard lead >= 0xC2, lead <= 0xF4, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(next & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", 1) }
        return (scalar, length)
    }

    /// The normalised tokens of a phrase, for building the matcher.
    static func normalisedTokens(of text: String) -> [String] {
        var tokens: [String] = []
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            scan(UnsafeBufferPointer(buffer)) { _, _, token, _ in tokens.append(String(decoding: token, as: UTF8.self))
            }
        }
        return tokens
    }
}
