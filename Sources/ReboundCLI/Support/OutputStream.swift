import ReboundText

#if canImport(Glibc)
    import Glibc
#endif

/// Buffered writes to a file descriptor. A closed pipe (`rebound lint | head -1`) ends
/// the process quietly instead of with an error.
struct ByteOutput {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Text for people: it passes the terminal sanitiser (`TerminalText.sanitized`), and
    /// Rebound's own colours become escape sequences only here. JSON and other data go
    /// through `write(_: [UInt8])`, as they are.
    mutating func write(_ text: String) {
        var safe = TerminalText.sanitized(text)
        // A buffer's worth at a time: appended whole, a long text grew the buffer to its size,
        // copy by copy (a large review's text report is 4 MB).
        safe.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                let end = min(start + max(1 << 16 - buffer.count, 1), bytes.count)
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end
                if buffer.count >= 1 << 16 { flush() }
            }
        }
    }

    mutating func flush() {
        if let code = writeFully(descriptor, buffer) {
            // The reader went away: nothing more can be said, and nothing is wrong.
            exit(code == EPIPE ? 0 : 2)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Standard input, read in chunks and split into lines, for streams of any length.
struct LineReader {
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes, so a huge line is scanned once.
    private var scanned = 0
    private var finished = false
    let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The next line without its `\n` (and `\r`), or `nil` at the end of input.
    mutating func next() throws(InputError) -> ArraySlice<UInt8>? {
        while true {
            if let line = nextBuffered() { return line }
            if finished { return nil }
            if start > 0 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system("read", "standard input")
            }
            if count == 0 {
                finished = true
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
        }
    }

    /// The next line if the input already read holds all of it, without waiting for more.
    mutating func nextBuffered() -> ArraySlice<UInt8>? {
        if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = buffer[start..<end]
            start = newline + 1
            scanned = start
            return line
        }
        scanned = buffer.count
        guard finished, start < buffer.count else { return nil }
        let line = buffer[start...]
        start = buffer.count
        return line
    }
}

/// Text for people on standard error, through the terminal sanitiser, unbuffered.
func writeStandardError(_ text: String) {
    _ = writeFully(STDERR_FILENO, Array(TerminalText.sanitized(text).utf8))
}

/// Text for people on standard output, through the terminal sanitiser, unbuffered.
func writeStandardOutput(_ text: String) {
    if let code = writeFully(STDOUT_FILENO, Array(TerminalText.sanitized(text).utf8)), code == EPIPE { exit(0) }
}
