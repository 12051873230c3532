/// A small JSON reader and writer for the lint protocol: one object per line, read and
/// written without Foundation's per-line overhead.
public enum JSON {
    // Not `indirect`: arrays and objects already hold their elements on the heap, and a
    // boxed case cost one allocation for every string and number read.
    public enum Value: Equatable, Sendable {
        case string(String)
        /// A number, kept as written so an id like `12345678901234567890` round-trips.
        case number(String)
        case bool(Bool)
        case null
        case array([Value])
        case object([(key: String, value: Value)])

        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.string(let a), .string(let b)), (.number(let a), .number(let b)): a == b
            case (.bool(let a), .bool(let b)): a == b
            case (.null, .null): true
            case (.array(let a), .array(let b)): a == b
            case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
            default: false
            }
        }

        public subscript(key: String) -> Value? {
            guard case .object(let members) = self else { return nil }
            return members.last { $0.key == key }?.value
        }
    }

    public struct ParseError: Error, Equatable {
        public let message: String
        /// 1-based byte column.
        public let column: Int
    }

    /// Parses one JSON document from UTF-8 bytes; surrounding blanks are allowed.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> Value {
        try read(bytes) { reader throws(ParseError) in
            reader.skipBlanks()
            let value = try reader.value(depth: 0)
            try reader.end()
            return value
        }
    }

    /// Calls `body` with a reader of `bytes`, valid only during the call; the reader's
    /// positions (`index`, the ranges `skipValue` returns) count from the slice's start.
    @inlinable public static func read<Result, Failure: Error>(
        _ bytes: ArraySlice<UInt8>, _ body: (inout Reader) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try bytes.withUnsafeBufferPointer { text throws(Failure) -> Result in
            var reader = Reader(text, in: 0..<text.count)
            return try body(&reader)
        }
    }

    /// A member's key packed into two integers, so that a record's decoder tells which of
    /// its keys a member has by comparing integers, not strings (a review reads ten million
    /// keys). Keys longer than 15 bytes, which no record has, all pack alike and match none.
    public struct Name: Equatable, Sendable {
        @usableFromInline let low: UInt64
        /// Bytes 8 to 14, and the length in the top byte (0xFF for a longer key).
        @usableFromInline let high: UInt64

        /// The name of a key as UTF-8 bytes.
        @inlinable public init<Bytes: Collection<UInt8>>(bytes: Bytes) {
            var low: UInt64 = 0
            var high: UInt64 = 0
            var count = 0
            for byte in bytes {
                if count < 8 {
                    low |= UInt64(byte) << (count * 8)
                } else if count < 15 {
                    high |= UInt64(byte) << ((count - 8) * 8)
                }
                count += 1
            }
            self.low = count > 15 ? 0 : low
            self.high = count > 15 ? 0xFF << 56 : high | UInt64(count) << 56
        }

        /// A key of at most 15 bytes, packed as `init(bytes:)` packs it.
        @inlinable init(low: UInt64, high: UInt64) {
            self.low = low
            self.high = high
        }

        @inlinable public init(_ key: String) {
            self.init(bytes: key.utf8)
        }

        /// Whether the key was too long to pack.
        @inlinable var isLong: Bool { high >> 56 == 0xFF }
    }

    /// A record's keys (an enum with a case per key) by their names.
    public struct Keys<Key: RawRepresentable<String> & CaseIterable & Sendable>: Sendable {
        @usableFromInline let names: [Name]
        @usableFromInline let keys: [Key]

        public init() {
            keys = Array(Key.allCases)
            names = keys.map { key in
                let name = Name(key.rawValue)
                precondition(!name.isLong, "a record's key is at most 15 bytes: \(key.rawValue)")
                return name
            }
        }

        /// The key with this name, or `nil` for a key the record does not have.
        @inlinable public subscript(name: Name) -> Key? {
            for index in names.indices where names[index] == name { return keys[index] }
            return nil
        }
    }

    /// Reads JSON text front to back. `parse` builds a whole `Value` with it; a record's
    /// decoder can instead take an object's members one at a time (`beginObject`, `name`,
    /// `value`, `nextMember`) and keep only the values of its own keys, without a tree for
    /// the line, and with the same errors for malformed text.
    ///
    /// The methods a line's decoder calls for every member are `@inlinable`, the smallest
    /// always inlined: across the module's boundary, each blank, key, colon and comma of a
    /// review's ten million members was a call.
    ///
    /// It reads bytes it does not own, in place: a reader holding a slice of a transcript
    /// retained and released the transcript's bytes for every line, string and key it was
    /// made for (a tenth of a review). Whoever makes one keeps the bytes alive while it
    /// reads, as `JSON.read(_:_:)` does.
    public struct Reader {
        /// The text the part read is in.
        @usableFromInline let text: UnsafeBufferPointer<UInt8>
        /// The part of `text` read: positions are `text`'s indices, columns count from `startIndex`.
        @usableFromInline let startIndex: Int
        @usableFromInline let endIndex: Int
        @usableFromInline var index: Int

        /// A reader of `text[range]`, at its start; `text` must stay alive while it reads.
        @inlinable public init(_ text: UnsafeBufferPointer<UInt8>, in range: Range<Int>) {
            self.text = text
            startIndex = range.lowerBound
            endIndex = range.upperBound
            index = range.lowerBound
        }

        /// Where the reader is, in `text`'s indices.
        @inlinable public var position: Int { index }

        @usableFromInline func error(_ message: String) -> ParseError {
            ParseError(message: message, column: index - startIndex + 1)
        }

        /// The bytes from `start` to where the reader is, as a string.
        @inlinable func decoded(from start: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: text[start..<index]), as: UTF8.self)
        }

        /// The eight bytes from `position`, the first lowest; the caller checks they are in `text`.
        @inlinable @inline(__always) func word(at position: Int) -> UInt64 {
            UnsafeRawBufferPointer(text).loadUnaligned(fromByteOffset: position, as: UInt64.self).littleEndian
        }

        @inlinable @inline(__always) public mutating func skipBlanks() {
            while index < endIndex {
                switch text[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        /// After the document: blanks, then nothing.
        public mutating func end() throws(ParseError) {
            skipBlanks()
            guard index == endIndex else { throw error("unexpected text after the JSON value") }
        }

        /// Whether an object starts here.
        @inlinable public var atObject: Bool { index < endIndex && text[index] == UInt8(ascii: "{") }

        /// The value here, whole; `depth` is how many arrays and objects it is inside.
        public mutating func value(depth: Int) throws(ParseError) -> Value {
            guard index < endIndex else { throw error("unexpected end of line") }
            switch text[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error("unexpected character")
            }
        }

        /// Reads past the value here, refusing what `value(depth:)` refuses, without making
        /// it, and returns where it is in the bytes: a decoder that needs a few of a line's
        /// values still checks the whole line, and pays for no string it does not read.
        @inlinable @discardableResult
        public mutating func skipValue(depth: Int) throws(ParseError) -> Range<Int> {
            let start = index
            guard index < endIndex else { throw error("unexpected end of line") }
            switch text[index] {
            case UInt8(ascii: "{"):
                if try beginObject(depth: depth) {
                    repeat {
                        try keyQuote()
                        try skipString()
                        try colon()
                        try skipValue(depth: depth + 1)
                    } while try nextMember()
                }
            case UInt8(ascii: "["):
                if try beginArray(depth: depth) {
                    repeat {
                        try skipValue(depth: depth + 1)
                    } while try nextElement()
                }
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "t"): _ = try literal("true", .bool(true))
            case UInt8(ascii: "f"): _ = try literal("false", .bool(false))
            case UInt8(ascii: "n"): _ = try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
            default: throw error("unexpected character")
            }
            return start..<index
        }

        /// Whether the value read at `range` (`skipValue`) is a string.
        @inlinable public func isString(at range: Range<Int>) -> Bool {
            text[range.lowerBound] == UInt8(ascii: "\"")
        }

        /// Whether the value read at `range` (`skipValue`) is `null`.
        @inlinable public func isNull(at range: Range<Int>) -> Bool {
            text[range.lowerBound] == UInt8(ascii: "n")
        }

        /// The string read at `range` (`skipValue`); `nil` when that value is not a string.
        @inlinable public func string(at range: Range<Int>) -> String? {
            guard isString(at: range) else { return nil }
            var reader = self
            reader.index = range.lowerBound
            return try? reader.string()
        }

        /// The value read at `range` (`skipValue`), made.
        @inlinable public func value(at range: Range<Int>) -> Value? {
            var reader = self
            reader.index = range.lowerBound
            return try? reader.value(depth: 0)
        }

        /// The integer read at `range` (`skipValue`), as `JSON.Value?.int` reads it (`Int` of
        /// the number's text), without making the text: `nil` for a value that is not a number,
        /// a number with a fraction or an exponent, or one too large for an `Int`.
        @inlinable public func integer(at range: Range<Int>) -> Int? {
            var position = range.lowerBound
            let negative = position < range.upperBound && text[position] == UInt8(ascii: "-")
            if negative { position += 1 }
            guard position < range.upperBound else { return nil }
            // Summed below zero, where `Int.min` fits.
            var value = 0
            while position < range.upperBound {
                let digit = text[position] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                let (tens, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, borrow) = tens.subtractingReportingOverflow(Int(digit))
                guard !overflow, !borrow else { return nil }
                value = sum
                position += 1
            }
            if negative { return value }
            return value == .min ? nil : -value
        }

        /// Reads past the string here as `string()` reads it; only a string with an escape
        /// is made, to check its escapes as `string()` does.
        @inlinable mutating func skipString() throws(ParseError) {
            let start = index
            index = plainRun(from: index + 1)
            while index < endIndex {
                let byte = text[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return
                }
                if byte == UInt8(ascii: "\\") {
                    index = start
                    _ = try string()
                    return
                }
                if byte < 0x20 { throw error("control character in a string") }
                index += 1
            }
            throw error("unterminated string")
        }

        /// Where the run of bytes from `start` that are neither a quote, a backslash nor a
        /// control character ends, to within eight bytes: a string's bytes are tested eight at a
        /// time (most of a transcript is strings, and a byte at a time was 7% of a review);
        /// the caller reads the rest of the string byte by byte from there.
        @inlinable func plainRun(from start: Int) -> Int {
            var position = start
            while position + 8 <= endIndex, Self.specials(word(at: position)) == 0 {
                position += 8
            }
            return position
        }

        /// The top bit of each byte of `word` (eight bytes, the first lowest) that is a quote, a
        /// backslash or a control character, and maybe of bytes after such a byte (a borrow
        /// carries upward), never before: the lowest bit set is the first such byte.
        @inlinable static func specials(_ word: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // A byte's top bit ends up set where its xor is zero, or where it is below 0x20.
            let found =
                ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            return found & (ones &* 0x80)
        }

        /// The key whose opening quote is here, when it has at most 15 bytes and no escape or
        /// control character, and where its closing quote is: its sixteen bytes are loaded as two
        /// words, which are its name (`Name`) once the bytes after the key are cleared.
        @inlinable func shortName() -> (name: Name, quote: Int)? {
            let first = index + 1
            guard first + 16 <= endIndex else { return nil }
            let low = word(at: first)
            let high = word(at: first + 8)
            let count: Int
            if case let found = Self.specials(low), found != 0 {
                count = found.trailingZeroBitCount / 8
            } else if case let found = Self.specials(high), found != 0 {
                count = 8 + found.trailingZeroBitCount / 8
            } else {
                return nil
            }
            guard text[first + count] == UInt8(ascii: "\"") else { return nil }
            let lowBytes = count >= 8 ? low : low & ((1 << (UInt64(count) * 8)) &- 1)
            let highBytes = count <= 8 ? 0 : high & ((1 << (UInt64(count - 8) * 8)) &- 1)
            return (Name(low: lowBytes, high: highBytes | UInt64(count) << 56), first + count)
        }

        @inlinable mutating func literal(_ word: StaticString, _ value: Value) throws(ParseError) -> Value {
            let matches = word.withUTF8Buffer { text[index..<endIndex].starts(with: $0) }
            guard matches else { throw error("unexpected character") }
            index += word.utf8CodeUnitCount
            return value
        }

        public mutating func number() throws(ParseError) -> Value {
            let start = index
            try skipNumber()
            return .number(decoded(from: start))
        }

        /// Reads past the number here, refusing what JSON does not allow.
        @inlinable mutating func skipNumber() throws(ParseError) {
            if text[index] == UInt8(ascii: "-") { index += 1 }
            func digits(_ reader: inout Reader) -> Int {
                let from = reader.index
                while reader.index < reader.endIndex, (0x30...0x39).contains(reader.text[reader.index]) {
                    reader.index += 1
                }
                return reader.index - from
            }
            let integerStart = index
            guard digits(&self) > 0 else { throw error("expected a digit") }
            // RFC 8259: no leading zeros (`0`, `-0` and `0.5` are fine, `01` and `-01` are not).
            if text[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 {
                index = integerStart + 1
                throw error("a number cannot have a leading zero")
            }
            if index < endIndex, text[index] == UInt8(ascii: ".") {
                index += 1
                guard digits(&self) > 0 else { throw error("expected a digit after '.'") }
            }
            if index < endIndex, text[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < endIndex, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard digits(&self) > 0 else { throw error("expected a digit in the exponent") }
            }
        }

        /// Arrays and objects may nest `maximumDepth` deep, so a hostile line cannot
        /// exhaust the stack.
        @inlinable static var maximumDepth: Int { 64 }

        mutating func array(depth: Int) throws(ParseError) -> Value {
            var items: [Value] = []
            guard try beginArray(depth: depth) else { return .array(items) }
            repeat {
                items.append(try value(depth: depth + 1))
            } while try nextElement()
            return .array(items)
        }

        /// Whether an array starts here.
        @inlinable public var atArray: Bool { index < endIndex && text[index] == UInt8(ascii: "[") }

        /// Reads the `[` of the array here (`atArray`); `false` when it is empty (its `]`
        /// read too). Each element is then its value and `nextElement()`.
        @inlinable public mutating func beginArray(depth: Int) throws(ParseError) -> Bool {
            guard depth < Self.maximumDepth else { throw error("nested too deeply") }
            index += 1
            skipBlanks()
            if index < endIndex, text[index] == UInt8(ascii: "]") {
                index += 1
                return false
            }
            return true
        }

        /// After an element: `true` when another follows its `,`, `false` at the array's `]`.
        @inlinable public mutating func nextElement() throws(ParseError) -> Bool {
            skipBlanks()
            guard index < endIndex else { throw error("unexpected end of line in an array") }
            if text[index] == UInt8(ascii: "]") {
                index += 1
                return false
            }
            guard text[index] == UInt8(ascii: ",") else { throw error("expected ',' or ']'") }
            index += 1
            skipBlanks()
            return true
        }

        mutating func object(depth: Int) throws(ParseError) -> Value {
            var members: [(key: String, value: Value)] = []
            guard try beginObject(depth: depth) else { return .object(members) }
            repeat {
                let key = try key()
                members.append((key, try value(depth: depth + 1)))
            } while try nextMember()
            return .object(members)
        }

        /// Reads the `{` of the object here (`atObject`); `false` when it has no members
        /// (its `}` read too). Each member is then `name()` (or the key as a string), its
        /// value, and `nextMember()`.
        @inlinable public mutating func beginObject(depth: Int) throws(ParseError) -> Bool {
            guard depth < Self.maximumDepth else { throw error("nested too deeply") }
            index += 1
            skipBlanks()
            if index < endIndex, text[index] == UInt8(ascii: "}") {
                index += 1
                return false
            }
            return true
        }

        /// Reads the object here (`atObject`) member by member: `member` is given each key's
        /// name, and reads its value.
        @inlinable public mutating func forEachMember(
            depth: Int, _ member: (Name, inout Reader) throws(ParseError) -> Void
        ) throws(ParseError) {
            guard try beginObject(depth: depth) else { return }
            repeat {
                let name = try name()
                try member(name, &self)
            } while try nextMember()
        }

        /// A member's key, the `:` after it, and the blanks before its value.
        mutating func key() throws(ParseError) -> String {
            try keyQuote()
            let key = try string()
            try colon()
            return key
        }

        /// A member's key as a name (`key()` without making a string of it), the `:` after
        /// it, and the blanks before its value.
        @inlinable public mutating func name() throws(ParseError) -> Name {
            try keyQuote()
            if let (name, quote) = shortName() {
                index = quote + 1
                try colon()
                return name
            }
            // Near the end of the text, or a key with an escape: packed as its bytes are scanned.
            var end = index + 1
            var low: UInt64 = 0
            var high: UInt64 = 0
            while end < endIndex {
                let byte = text[end]
                let count = end - index - 1
                if byte == UInt8(ascii: "\"") {
                    guard count <= 15 else { break }
                    index = end + 1
                    try colon()
                    return Name(low: low, high: high | UInt64(count) << 56)
                }
                if byte < 0x20 || byte == UInt8(ascii: "\\") { break }
                if count < 8 {
                    low |= UInt64(byte) << (count * 8)
                } else if count < 15 {
                    high |= UInt64(byte) << ((count - 8) * 8)
                }
                end += 1
            }
            let name = Name(try string())
            try colon()
            return name
        }

        @inlinable @inline(__always) mutating func keyQuote() throws(ParseError) {
            skipBlanks()
            guard index < endIndex, text[index] == UInt8(ascii: "\"") else {
                throw error("expected a key in double quotes")
            }
        }

        @inlinable @inline(__always) mutating func colon() throws(ParseError) {
            skipBlanks()
            guard index < endIndex, text[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipBlanks()
        }

        /// After a member's value: `true` when another member follows its `,`, `false`
        /// at the object's `}`.
        @inlinable @inline(__always) public mutating func nextMember() throws(ParseError) -> Bool {
            skipBlanks()
            guard index < endIndex else { throw error("unexpected end of line in an object") }
            if text[index] == UInt8(ascii: "}") {
                index += 1
                return false
            }
            guard text[index] == UInt8(ascii: ",") else { throw error("expected ',' or '}'") }
            index += 1
            return true
        }

        public mutating func string() throws(ParseError) -> String {
            index += 1
            let start = index
            index = plainRun(from: index)
            // Fast path: no escapes.
            while index < endIndex {
                let byte = text[index]
                if byte == UInt8(ascii: "\"") {
                    let string = decoded(from: start)
                    index += 1
                    return string
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw error("control character in a string") }
                index += 1
            }
            var scalars: [UInt8] = Array(text[start..<index])
            while index < endIndex {
                let byte = text[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: scalars, as: UTF8.self)
                }
                if byte < 0x20 { throw error("control character in a string") }
                guard byte == UInt8(ascii: "\\") else {
                    scalars.append(byte)
                    index += 1
                    continue
                }
                index += 1
                guard index < endIndex else { break }
                let escape = text[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var value = try hex4()
                    // A high surrogate and the low one after it make one scalar; a surrogate
                    // without its other half becomes U+FFFD, and what follows it is read as usual.
                    if (0xD800...0xDBFF).contains(value), text[index..<endIndex].starts(with: [0x5C, 0x75]) {
                        let pair = index
                        index += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = pair
                        }
                    }
                    UTF8.encode(Unicode.Scalar(value) ?? "\u{FFFD}") { scalars.append($0) }
                default:
                    index -= 1
                    let shown = (0x21...0x7E).contains(escape) ? " '\\\(Character(Unicode.Scalar(escape)))'" : ""
                    throw error("unknown escape\(shown)")
                }
            }
            throw error("unterminated string")
        }

        mutating func hex4() throws(ParseError) -> UInt32 {
            guard index + 4 <= endIndex else { throw error("expected four hex digits after \\u") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = text[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw error("expected four hex digits after \\u")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}

/// Builds JSON text into a byte buffer: keys in the order written, strings escaped.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next key of the current object needs a comma before it.
    private var afterMember = false

    public init() {}

    public mutating func beginObject() {
        raw("{")
        afterMember = false
    }

    public mutating func endObject() {
        raw("}")
        afterMember = true
    }

    /// `"name":`, with a comma first when the object already has a member.
    public mutating func key(_ name: StaticString) {
        if afterMember { raw(",") }
        raw("\"")
        raw(name)
        raw("\":")
        afterMember = true
    }

    /// `"name":` for a name known only at run time, escaped like any string.
    public mutating func key(_ name: String) {
        if afterMember { raw(",") }
        string(name)
        raw(":")
        afterMember = true
    }

    public mutating func field(_ name: StaticString, _ text: String?) {
        key(name)
        string(text)
    }

    public mutating func field(_ name: StaticString, _ number: Int) {
        key(name)
        self.number(number)
    }

    public mutating func field(_ name: StaticString, _ value: JSON.Value) {
        key(name)
        self.value(value)
    }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func number(_ value: Int) {
        raw(String(value))
    }

    public mutating func string(_ value: String?) {
        guard var text = value else {
            raw("null")
            return
        }
        bytes.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape are copied whole; most strings are one run.
        text.withUTF8 { utf8 in
            var run = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                escape(byte)
                run = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case 0x00..<0x20, 0x7F:
            raw("\\u00")
            bytes.append(Self.hex[Int(byte >> 4)])
            bytes.append(Self.hex[Int(byte & 0xF)])
        default: bytes.append(byte)
        }
    }

    public mutating func value(_ value: JSON.Value) {
        switch value {
        case .string(let text): string(text)
        case .number(let text): raw(text)
        case .bool(let flag): raw(flag ? "true" : "false")
        case .null: raw("null")
        case .array(let items):
            raw("[")
            for (index, item) in items.enumerated() {
                if index > 0 { raw(",") }
                self.value(item)
            }
            raw("]")
        case .object(let members):
            raw("{")
            for (index, member) in members.enumerated() {
                if index > 0 { raw(",") }
                string(member.key)
                raw(":")
                self.value(member.value)
            }
            raw("}")
        }
    }

    public mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        afterMember = false
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
