import Foundation
import ReboundText
import Testing

@testable import ReboundCLI

@Suite("byte output")
struct ByteOutputTests {
    @Test("text longer than the buffer is written a buffer at a time, byte for byte, between other writes")
    func longText() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("out").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        // Multi-byte characters and a control character across every buffer's end.
        let long = String(repeating: "sessions é…\t\u{1B}x\n", count: 20_000)
        let pieces: [Piece] = [.text("head\n"), .text(long), .bytes([0x7B, 0x7D]), .text(long), .text("tail")]
        var output = ByteOutput(descriptor: descriptor)
        var expected: [UInt8] = []
        for piece in pieces {
            switch piece {
            case .text(let text):
                output.write(text)
                expected += TerminalText.sanitized(text).utf8
            case .bytes(let bytes):
                output.write(bytes)
                expected += bytes
            }
        }
        output.flush()
        close(descriptor)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    }

    /// What is written: text for people, or bytes as they are.
    enum Piece {
        case text(String)
        case bytes([UInt8])
    }
}
