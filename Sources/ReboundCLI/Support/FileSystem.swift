import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An input problem the user can fix: a missing path, an unreadable file.
/// The executable prints it as one line and exits with status 2.
public struct InputError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// "cannot read 'x': No such file or directory" from the current `errno`.
    static func system(_ action: String, _ path: String, errno code: Int32 = errno) -> InputError {
        InputError("cannot \(action) '\(path)': \(String(cString: strerror(code)))")
    }
}

/// Reading files and finding playbooks, with OS errors turned into `InputError`s.
enum FileSystem {
    /// The whole file as bytes.
    static func read(_ path: String) throws(InputError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system("read", path) }
        defer { close(descriptor) }
        return try read(descriptor: descriptor, name: path)
    }

    /// Everything readable from an open descriptor (a file, or standard input).
    static func read(descriptor: Int32, name path: String) throws(InputError) -> [UInt8] {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .system("read", path) }
        if status.st_mode & S_IFMT == S_IFDIR { throw .system("read", path, errno: EISDIR) }
        // A file is read straight into its array, as big as the file says it is; through a
        // buffer, every byte of a large review was copied twice.
        var failure: Int32?
        var bytes = [UInt8](unsafeUninitializedCapacity: Int(max(status.st_size, 0))) { buffer, count in
            while count < buffer.count, let start = buffer.baseAddress {
                let read = Glibc.read(descriptor, start + count, buffer.count - count)
                if read < 0, errno == EINTR { continue }
                if read < 0 { failure = errno }
                if read <= 0 { return }
                count += read
            }
        }
        if let failure { throw .system("read", path, errno: failure) }
        // Whatever is left: a file that grew, or standard input, which has no size. A file
        // that ended early has nothing left.
        let rest = bytes.count < status.st_size ? 0 : status.st_size > 0 ? 4_096 : 1 << 16
        var buffer = [UInt8](repeating: 0, count: rest)
        while !buffer.isEmpty {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system("read", path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    /// Replaces a file's contents atomically (write beside it, then rename), keeping its mode;
    /// a new file gets `newFileMode`, whatever the umask. The file beside it has a name
    /// nobody could have planted a link at (`O_EXCL | O_NOFOLLOW`), and a link at `path`
    /// itself is replaced, never followed.
    static func replace(_ path: String, with bytes: [UInt8], newFileMode: mode_t = 0o600) throws(InputError) {
        var status = stat()
        let exists = lstat(path, &status) == 0
        guard exists || errno == ENOENT else { throw .system("write", path) }
        let mode = exists && status.st_mode & S_IFMT == S_IFREG ? status.st_mode & 0o777 : newFileMode
        var random = SystemRandomNumberGenerator()
        let temporary = path + ".rebound-" + String(random.next() as UInt64, radix: 36) + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .system("write", path) }
        guard fchmod(descriptor, mode) == 0 else {
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw .system("write", path, errno: code)
        }
        if let code = writeFully(descriptor, bytes) {
            close(descriptor)
            unlink(temporary)
            throw .system("write", path, errno: code)
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .system("write", path, errno: code)
        }
    }

    /// Opens a file to append to, never through a symbolic link, and only a regular file
    /// of this user: a link planted at a transcript's or a notes file's place is refused,
    /// not followed (nor is its target created). `create` makes a missing file, 0600;
    /// `readable` opens it for reading too.
    static func openForAppending(_ path: String, create: Bool, readable: Bool = false) throws(InputError) -> Int32 {
        let flags = (readable ? O_RDWR : O_WRONLY) | O_APPEND | O_NOFOLLOW | O_CLOEXEC | (create ? O_CREAT : 0)
        let descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw InputError("refusing to write '\(path)': it is a symbolic link") }
            throw .system("write", path)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw .system("write", path)
        }
        guard status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid() else {
            close(descriptor)
            throw InputError("refusing to write '\(path)': it is not a regular file of this user")
        }
        return descriptor
    }

    /// Creates a directory (and its parents) that only this user can enter, whatever the umask.
    static func makePrivateDirectory(_ path: String) throws(InputError) {
        guard !isDirectory(path) else { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makePrivateDirectory(parent) }
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw .system("create the directory", path) }
        guard isDirectory(path) else { throw .system("create the directory", path, errno: ENOTDIR) }
    }

    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// The files named by `paths`: files as given, directories searched recursively for
    /// files ending in `suffix`, skipping hidden entries. Sorted within each directory.
    static func expand(_ paths: [String], suffix: String) throws(InputError) -> [String] {
        var listed: Set<String> = []
        return try expand(paths, suffix: suffix, listed: &listed)
    }

    /// As `expand(_:suffix:)`, adding to `listed` the path of every entry of the directories
    /// searched, whatever its suffix or type: a path under one of them that is not listed does
    /// not exist, without a `stat` to say so.
    static func expand(_ paths: [String], suffix: String, listed: inout Set<String>) throws(InputError) -> [String] {
        var files: [String] = []
        var visited: Set<String> = []
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else { throw .system("read", path) }
            if status.st_mode & S_IFMT == S_IFDIR {
                try collect(directory: path, suffix: suffix, into: &files, listed: &listed, visited: &visited)
            } else {
                files.append(path)
            }
        }
        return files
    }

    private static func collect(
        directory: String, suffix: String, into files: inout [String], listed: inout Set<String>,
        visited: inout Set<String>
    ) throws(InputError) {
        let canonical = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard visited.insert(canonical).inserted else { return }
        guard let handle = opendir(directory) else { throw .system("read directory", directory) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                raw.bindMemory(to: CChar.self).baseAddress.map { String(cString: $0) } ?? ""
            }
            if !name.hasPrefix(".") { entries.append((name, entry.pointee.d_type)) }
        }
        closedir(handle)
        for (name, type) in entries.sorted(by: { $0.name < $1.name }) {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            listed.insert(path)
            // The entry's type as the directory gives it: a `stat` for each of ten thousand
            // transcripts, with one for each one's notes, was 3% of a review. Links and file
            // systems that do not say are asked, as before.
            let isDirectory =
                switch Int(type) {
                case Int(DT_DIR): true
                case Int(DT_REG): false
                default: isDirectory(path)
                }
            if isDirectory {
                try collect(directory: path, suffix: suffix, into: &files, listed: &listed, visited: &visited)
            } else if name.hasSuffix(suffix) {
                files.append(path)
            }
        }
    }
}

/// Writes every byte to `descriptor`, going on after short writes and interruptions;
/// the `errno` of a failed write, or `nil` when all of it was written.
func writeFully(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
    var written = 0
    while written < bytes.count {
        let count = bytes.withUnsafeBytes { raw in
            raw.baseAddress.map { write(descriptor, $0 + written, raw.count - written) } ?? 0
        }
        if count < 0 {
            if errno == EINTR { continue }
            return errno
        }
        written += count
    }
    return nil
}
