import Testing

@testable import ReboundLanguageServer

/// The stream is `Content-Length` headers and bodies, in chunks of any size.
@Suite("language server: framing")
struct MessageFramerTests {
    static func frame(_ body: String) -> [UInt8] { MessageFramer.frame(Array(body.utf8)) }

    @Test("a frame split into single bytes comes out whole, once")
    func splitFrames() {
        var framer = MessageFramer()
        var frames: [MessageFramer.Frame] = []
        for byte in Self.frame("{\"a\":\"é\"}") { frames += framer.append([byte]) }
        #expect(frames == [.message(Array("{\"a\":\"é\"}".utf8))])
    }

    @Test("several frames in one chunk come out in order, with other headers and bare newlines")
    func mergedFrames() {
        var framer = MessageFramer()
        let chunk =
            Self.frame("1") + Array("Content-Type: application/vscode-jsonrpc\r\ncontent-length: 1\r\n\r\n2".utf8)
            + Array("Content-Length: 1\n\n3".utf8)
        #expect(framer.append(chunk) == [.message([0x31]), .message([0x32]), .message([0x33])])
    }

    @Test("a header without Content-Length is reported and the next frame still read")
    func missingLength() {
        var framer = MessageFramer()
        let frames = framer.append(Array("Content-Type: x\r\n\r\n".utf8) + Self.frame("{}"))
        #expect(frames.count == 2)
        #expect(frames.last == .message(Array("{}".utf8)))
        if case .malformed = frames.first {} else { Issue.record("expected a malformed frame first") }
    }

    @Test("garbage before a header, and a bad length, are skipped up to the next frame")
    func garbage() {
        var framer = MessageFramer()
        let frames = framer.append(
            Array("hello {}".utf8) + Self.frame("1") + Array("Content-Length: x\r\n\r\n".utf8) + Self.frame("2"))
        #expect(frames.filter { $0 == .message([0x31]) || $0 == .message([0x32]) }.count == 2)
        #expect(frames.count == 4)
    }

    @Test("a long run of bytes without a header is reported once, and a frame after it read")
    func longGarbage() {
        var framer = MessageFramer()
        var frames: [MessageFramer.Frame] = []
        for _ in 0..<10 { frames += framer.append([UInt8](repeating: 0x78, count: 5000)) }
        frames += framer.append(Self.frame("{}"))
        #expect(frames.count == 2)
        #expect(frames.last == .message(Array("{}".utf8)))
    }

    @Test("a length beyond the limit is refused without waiting for its body")
    func hugeLength() {
        var framer = MessageFramer()
        let frames = framer.append(Array("Content-Length: 99999999999\r\n\r\n".utf8))
        #expect(frames.count == 1)
        if case .malformed = frames.first {} else { Issue.record("expected a malformed frame") }
    }
}
