import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What memory a command may use: the address-space limit (`ulimit -v`) and the control
/// group's limit, whichever is lower. A command that can tell from its input size that it
/// would run out says so in one line before it starts, instead of being killed part way
/// with a crash trace.
enum MemoryBudget {
    /// The lower of the two limits in bytes, or `nil` when neither is set.
    static var limit: Int? {
        var limits: [Int] = []
        var address = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &address) == 0, address.rlim_cur != rlim_t.max {
            limits.append(Int(clamping: address.rlim_cur))
        }
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
            let bytes = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            limits.append(bytes)
        }
        return limits.min()
    }

    /// Throws when `inputBytes` of input, at `bytesPerInputByte` of memory each plus what
    /// the program needs to start, would not fit under the limit.
    static func check(inputBytes: Int, bytesPerInputByte: Int, what: String) throws(InputError) {
        guard let limit else { return }
        let baseline = 64 << 20
        let needed = baseline + inputBytes * bytesPerInputByte
        guard needed > limit else { return }
        throw InputError(
            "\(what) (\(megabytes(inputBytes))) needs about \(megabytes(needed)) of memory, more than the limit of "
                + "\(megabytes(limit)); split it, or raise the limit ('ulimit -v')")
    }

    static func megabytes(_ bytes: Int) -> String {
        "\(max(1, (bytes + (1 << 20) - 1) >> 20)) MB"
    }
}
