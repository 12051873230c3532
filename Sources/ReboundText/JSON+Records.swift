/// Records with one JSON form. Each record type names its keys once, in an enum, and both
/// its writer (`JSONWriter`) and its reader (`JSON.Value`) use that enum, so a key cannot
/// be spelled two ways.
extension JSON {
    /// Why a well-formed JSON value is not the record expected, such as a missing key.
    public struct SchemaError: Error, Equatable, CustomStringConvertible {
        public let message: String

        public init(_ message: String) {
            self.message = message
        }

        public var description: String { message }
    }
}

// Inlinable so that each record's readers are specialised for its key enum: generic calls
// across modules looked up type metadata on every field (8% of a large review).
extension JSON.Value {
    @inlinable public subscript<Key: RawRepresentable<String>>(key: Key) -> JSON.Value? {
        self[key.rawValue]
    }

    /// The string at `key`; `nil` when absent, `null` or not a string.
    @inlinable public func string<Key: RawRepresentable<String>>(_ key: Key) -> String? {
        self[key.rawValue].string
    }

    /// The integer at `key`; `nil` when absent, `null`, not a number or not an integer.
    @inlinable public func int<Key: RawRepresentable<String>>(_ key: Key) -> Int? {
        self[key.rawValue].int
    }

    /// The number at `key`; `nil` when absent, `null` or not a number.
    @inlinable public func double<Key: RawRepresentable<String>>(_ key: Key) -> Double? {
        self[key.rawValue].double
    }

    /// The string at `key`, which the record must have.
    @inlinable public func requiredString<Key: RawRepresentable<String>>(_ key: Key) throws(JSON.SchemaError) -> String
    {
        try self[key.rawValue].requiredString(key)
    }

    /// The integer at `key`, which the record must have.
    @inlinable public func requiredInt<Key: RawRepresentable<String>>(_ key: Key) throws(JSON.SchemaError) -> Int {
        try self[key.rawValue].requiredInt(key)
    }

    /// The value of an enum with string raw values at `key`, which the record must have.
    @inlinable public func required<Key: RawRepresentable<String>, Value: RawRepresentable<String>>(
        _ key: Key, as type: Value.Type
    ) throws(JSON.SchemaError) -> Value {
        try self[key.rawValue].required(key, as: type)
    }

    /// The value of an enum with string raw values at `key`, if present; a value the enum
    /// does not know is an error, not a silent `nil`.
    @inlinable public func optional<Key: RawRepresentable<String>, Value: RawRepresentable<String>>(
        _ key: Key, as type: Value.Type
    ) throws(JSON.SchemaError) -> Value? {
        try self[key.rawValue].optional(key, as: type)
    }
}

/// The same readings of one member's value (`nil` when the object has no such member), for
/// decoders that keep each of their keys' values as the members go by (`JSON.Keys`) instead
/// of looking each key up in the object.
extension JSON.Value? {
    /// The string; `nil` when absent, `null` or not a string.
    @inlinable public var string: String? {
        if case .string(let text)? = self { text } else { nil }
    }

    /// The integer; `nil` when absent, `null`, not a number or not an integer.
    @inlinable public var int: Int? {
        if case .number(let text)? = self { Int(text) } else { nil }
    }

    /// The number; `nil` when absent, `null` or not a number.
    @inlinable public var double: Double? {
        if case .number(let text)? = self { Double(text) } else { nil }
    }

    /// The string of the member `key`, which the record must have.
    @inlinable public func requiredString<Key: RawRepresentable<String>>(_ key: Key) throws(JSON.SchemaError) -> String
    {
        guard let text = string else { throw JSON.SchemaError("\"\(key.rawValue)\" must be a string") }
        return text
    }

    /// The integer of the member `key`, which the record must have.
    @inlinable public func requiredInt<Key: RawRepresentable<String>>(_ key: Key) throws(JSON.SchemaError) -> Int {
        guard let number = int else { throw JSON.SchemaError("\"\(key.rawValue)\" must be an integer") }
        return number
    }

    /// The value of an enum with string raw values of the member `key`, which the record must have.
    @inlinable public func required<Key: RawRepresentable<String>, Value: RawRepresentable<String>>(
        _ key: Key, as type: Value.Type
    ) throws(JSON.SchemaError) -> Value {
        guard let text = string, let value = Value(rawValue: text) else {
            throw JSON.SchemaError("\"\(key.rawValue)\" has no valid value")
        }
        return value
    }

    /// As `required(_:as:)`, with the value found by name among the enum's (`JSON.Keys`)
    /// instead of compared as a string with each, for a value read on every line.
    @inlinable public func required<Key: RawRepresentable<String>, Value>(
        _ key: Key, in values: JSON.Keys<Value>
    ) throws(JSON.SchemaError) -> Value {
        guard let text = string, let value = values[JSON.Name(text)] else {
            throw JSON.SchemaError("\"\(key.rawValue)\" has no valid value")
        }
        return value
    }

    /// The value of an enum with string raw values of the member `key`, if present; a value
    /// the enum does not know is an error, not a silent `nil`.
    @inlinable public func optional<Key: RawRepresentable<String>, Value: RawRepresentable<String>>(
        _ key: Key, as type: Value.Type
    ) throws(JSON.SchemaError) -> Value? {
        switch self {
        case nil, .null?: return nil
        case .string(let text)?:
            guard let value = Value(rawValue: text) else {
                throw JSON.SchemaError("\"\(key.rawValue)\" has an unknown value '\(text)'")
            }
            return value
        default: throw JSON.SchemaError("\"\(key.rawValue)\" must be a string")
        }
    }
}

extension JSONWriter {
    /// `"name":`, for a key of a record's key enum.
    public mutating func key<Key: RawRepresentable<String>>(_ name: Key) {
        key(name.rawValue)
    }

    public mutating func field<Key: RawRepresentable<String>>(_ name: Key, _ text: String?) {
        key(name.rawValue)
        string(text)
    }

    public mutating func field<Key: RawRepresentable<String>>(_ name: Key, _ number: Int) {
        key(name.rawValue)
        self.number(number)
    }

    /// Writes the member only when there is a value: optional keys of a record are left
    /// out rather than written as `null`.
    public mutating func optionalField<Key: RawRepresentable<String>>(_ name: Key, _ text: String?) {
        if let text { field(name, text) }
    }

    public mutating func optionalField<Key: RawRepresentable<String>>(_ name: Key, _ number: Int?) {
        if let number { field(name, number) }
    }
}
