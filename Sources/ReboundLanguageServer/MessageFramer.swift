/// Splits the byte stream of the Language Server Protocol into message bodies: each
/// message is a `Content-Length: N` header block, a blank line, and N bytes of JSON.
///
/// Bytes arrive in chunks of any size, so a frame may be split across chunks or several
/// may come in one. A broken header is reported once and skipped up to the next
/// `Content-Length`, so one bad frame never stops the server.
public struct MessageFramer {
    /// What the stream held next.
    public enum Frame: Equatable, Sendable {
        /// A message body (not yet known to be JSON).
        case message([UInt8])
        /// Bytes that were not a frame, with why; they have been skipped.
        case malformed(String)
    }

    /// The largest body accepted: far beyond any playbook, small enough not to exhaust memory.
    public static let maximumLength = 64 << 20
    /// A header block longer than this is not a header.
    static let maximumHeader = 4096

    private var buffer: [UInt8] = []
    /// Where unread bytes start in `buffer` (compacted when the buffer is read to the end).
    private var start = 0
    /// The body length of the frame whose header has been read, while its body arrives.
    private var pendingLength: Int?
    /// Whether bytes are being skipped in search of a header, so that a long run of
    /// garbage is reported once, not once per chunk.
    private var discarding = false

    public init() {}

    /// Adds bytes from the stream and returns every frame now complete, in order.
    public mutating func append(_ bytes: some Collection<UInt8>) -> [Frame] {
        buffer.append(contentsOf: bytes)
        var frames: [Frame] = []
        while let frame = next() { frames.append(frame) }
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.count < 1 << 20)
            start = 0
        } else if start > 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
        return frames
    }

    private static let contentLength = Array("content-length:".utf8)

    private mutating func next() -> Frame? {
        if let length = pendingLength {
            guard buffer.count - start >= length else { return nil }
            let body = Array(buffer[start..<(start + length)])
            start += length
            pendingLength = nil
            return .message(body)
        }
        guard start < buffer.count else { return nil }
        guard let (headerEnd, bodyStart) = headerEnd() else {
            guard buffer.count - start > Self.maximumHeader else { return nil }
            return skipToNextHeader(after: start + 1, "a header without a blank line after it")
        }
        let header = buffer[start..<headerEnd]
        guard let found = Self.find(Self.contentLength, in: header) else {
            start = bodyStart
            discarding = false
            return .malformed("a message header without Content-Length")
        }
        // Other header fields (`Content-Type`) may come first: whole lines with a colon.
        let before = buffer[start..<found]
        let isHeader =
            before.isEmpty
            || (before.last == UInt8(ascii: "\n")
                && before.split(separator: UInt8(ascii: "\n")).allSatisfy { $0.contains(UInt8(ascii: ":")) })
        guard isHeader else {
            // Text before the header: the rest of a frame we could not read, or garbage.
            let reported = discarding
            start = found
            discarding = false
            return reported ? next() : .malformed("text outside a message: expected a Content-Length header")
        }
        discarding = false
        let lineEnd = header[found...].firstIndex { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") } ?? headerEnd
        let digits = buffer[(found + Self.contentLength.count)..<lineEnd].filter { $0 != UInt8(ascii: " ") }
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ (0x30...0x39).contains($0) }),
            let length = Int(String(decoding: digits, as: UTF8.self))
        else {
            start = bodyStart
            return .malformed("Content-Length is not a number")
        }
        guard length <= Self.maximumLength else {
            start = bodyStart
            return .malformed("a message of \(length) bytes is larger than \(Self.maximumLength)")
        }
        start = bodyStart
        pendingLength = length
        return next()
    }

    /// Where the header block ends and the body starts: after `\r\n\r\n` (or a bare `\n\n`,
    /// which some clients send).
    private func headerEnd() -> (end: Int, bodyStart: Int)? {
        var index = start
        let limit = min(buffer.count, start + Self.maximumHeader + 4)
        while index < limit {
            if buffer[index] == UInt8(ascii: "\n") {
                if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\n") { return (index, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == UInt8(ascii: "\r"),
                    buffer[index + 2] == UInt8(ascii: "\n")
                {
                    return (index > start && buffer[index - 1] == UInt8(ascii: "\r") ? index - 1 : index, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    /// Skips bytes that cannot start a frame, up to the next `Content-Length` (or all but a
    /// tail that may be the start of one).
    private mutating func skipToNextHeader(after position: Int, _ reason: String) -> Frame? {
        let reported = discarding
        if let found = Self.find(Self.contentLength, in: buffer[position...]) {
            start = found
            discarding = false
            return reported ? next() : .malformed(reason)
        }
        start = max(position, buffer.count - Self.contentLength.count)
        discarding = true
        return reported ? nil : .malformed(reason)
    }

    /// The first offset of `needle` in `haystack`, ignoring ASCII case.
    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index <= haystack.endIndex - needle.count {
            var matches = true
            for (offset, byte) in needle.enumerated() where haystack[index + offset] | 0x20 != byte | 0x20 {
                matches = false
                break
            }
            if matches { return index }
            index += 1
        }
        return nil
    }

    /// A message body framed for the stream.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}
