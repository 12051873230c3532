import ReboundText
import Testing

@Suite("newlines, eight bytes at a time")
struct NewlinesTests {
    @Test("every newline is found, in order, whatever its neighbours and wherever it falls in a word of eight")
    func offsets() {
        // Bytes one bit away from a newline, and bytes with the top bit set, around newlines.
        let others: [UInt8] = [0x0B, 0x08, 0x0E, 0x8A, 0x00, 0xFF, 0x09, 0x0D, 0x1A, 0x2A, 0x61]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for length in 0..<40 {
            for _ in 0..<200 {
                let bytes = (0..<length).map { _ -> UInt8 in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return state >> 61 == 0 ? 0x0A : others[Int(state >> 33) % others.count]
                }
                #expect(Newlines.offsets(in: bytes) == bytes.indices.filter { bytes[$0] == 0x0A }, "\(bytes)")
            }
        }
        #expect(Newlines.offsets(in: [UInt8](repeating: 0x0A, count: 17)) == Array(0..<17))
    }
}
