/// A small JSON reader and writer for the lint protocol: one object per line, read and
/// written without Foundation's per-line overhead.
public enum JSON {
    public indirect enum Value: Equatable, Sendable {
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
        var reader = Reader(bytes: bytes)
        reader.skipBlanks()
        let value = try reader.value(depth: 0)
        reader.skipBlanks()
        guard reader.index == bytes.endIndex else { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        func error(_ message: String) -> ParseError {
            ParseError(message: message, column: index - bytes.startIndex + 1)
        }

        mutating func skipBlanks() {
            while index < bytes.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        public mutating func value(depth: Int) throws(ParseError) -> Value {
            guard index < bytes.endIndex else { throw error("unexpected end of line") }
            switch bytes[index] {
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

        mutating func literal(_ word: String, _ value: Value) throws(ParseError) -> Value {
            let utf8 = Array(word.utf8)
            guard bytes[index...].starts(with: utf8) else { throw error("unexpected character") }
            index += utf8.count
            return value
        }

        public mutating func number() throws(ParseError) -> Value {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            func digits(_ reader: inout Reader) -> Int {
                let from = reader.index
                while reader.index < reader.bytes.endIndex, (0x30...0x39).contains(reader.bytes[reader.index]) {
                    reader.index += 1
                }
                return reader.index - from
            }
            let integerStart = index
            guard digits(&self) > 0 else { throw error("expected a digit") }
            // RFC 8259: no leading zeros (`0`, `-0` and `0.5` are fine, `01` and `-01` are not).
            if bytes[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 {
                index = integerStart + 1
                throw error("a number cannot have a leading zero")
            }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits(&self) > 0 else { throw error("expected a digit after '.'") }
            }
            if index < bytes.endIndex, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard digits(&self) > 0 else { throw error("expected a digit in the exponent") }
            }
            return .number(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        /// Arrays and objects may nest `maximumDepth` deep, so a hostile line cannot
        /// exhaust the stack.
        static let maximumDepth = 64

        mutating func array(depth: Int) throws(ParseError) -> Value {
            guard depth < Self.maximumDepth else { throw error("nested too deeply") }
            index += 1
            var items: [Value] = []
            skipBlanks()
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipBlanks()
                items.append(try value(depth: depth + 1))
                skipBlanks()
                guard index < bytes.endIndex else { throw error("unexpected end of line in an array") }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                guard bytes[index] == UInt8(ascii: ",") else { throw error("expected ',' or ']'") }
                index += 1
            }
        }

        mutating func object(depth: Int) throws(ParseError) -> Value {
            guard depth < Self.maximumDepth else { throw error("nested too deeply") }
            index += 1
            var members: [(key: String, value: Value)] = []
            skipBlanks()
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipBlanks()
                guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") else {
                    throw error("expected a key in double quotes")
                }
                let key = try string()
                skipBlanks()
                guard index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                skipBlanks()
                members.append((key, try value(depth: depth + 1)))
                skipBlanks()
                guard index < bytes.endIndex else { throw error("unexpected end of line in an object") }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                guard bytes[index] == UInt8(ascii: ",") else { throw error("expected ',' or '}'") }
                index += 1
            }
        }

        public mutating func string() throws(ParseError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes.
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: bytes[start..<index], as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw error("control character in a string") }
                index += 1
            }
            var scalars: [UInt8] = Array(bytes[start..<index])
            while index < bytes.endIndex {
                let byte = bytes[index]
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
                guard index < bytes.endIndex else { break }
                let escape = bytes[index]
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
                    if (0xD800...0xDBFF).contains(value), bytes[index...].starts(with: [0x5C, 0x75]) {
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
            guard index + 4 <= bytes.endIndex else { throw error("expected four hex digits after \\u") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
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
