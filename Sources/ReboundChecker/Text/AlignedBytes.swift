/// Bytes whose tables are read in place (a phrase automaton, the learned layer): either the
/// precompiled ones built into the program (never freed), or a copy made at run time,
/// aligned to 16 for the tables that point into it.
final class AlignedBytes: @unchecked Sendable {
    // @unchecked: the bytes are written once, before the storage is shared, and never again.
    let bytes: UnsafeRawBufferPointer
    private let owned: Bool

    /// Bytes that live as long as the program.
    init(static bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        owned = false
    }

    init(copying source: [UInt8]) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 8), alignment: 16)
        source.withUnsafeBytes { memory.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: memory[0..<source.count])
        owned = true
    }

    deinit {
        if owned { bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0).deallocate() } }
    }
}
