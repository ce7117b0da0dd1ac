internal import Glibc

/// Bounded, non-blocking reads of `/proc` entries: regular files only (a FIFO or device planted in a fake
/// tree cannot block the scan), symbolic links never followed for files, at most `limit` bytes.
struct ProcFileReader {
    /// What reading a file gave.
    enum Outcome {
        /// The bytes, and whether the file was longer than the limit.
        case contents([UInt8], truncated: Bool)
        /// The file does not exist (`ENOENT`, `ESRCH`): the process has gone.
        case missing
        /// Any other failure, described.
        case failed(String)
    }

    /// Largest number of bytes read from one file.
    let limit: Int

    /// Reads `path`.
    func read(_ path: String) -> Outcome {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return failure(errno) }
        defer { _ = close(fd) }
        var information = stat()
        guard fstat(fd, &information) == 0 else { return failure(errno) }
        guard information.st_mode & S_IFMT == S_IFREG else { return .failed("not a regular file") }
        // Read in 4 KiB steps: /proc files are small, so no large buffer is allocated per file.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= limit {
            let wanted = min(chunk.count, limit + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.read(fd, base, wanted)
            }
            if n == 0 { break }
            if n < 0 {
                let error = errno
                if error == EINTR { continue }
                return failure(error)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        let truncated = bytes.count > limit
        if truncated { bytes.removeSubrange(limit...) }
        return .contents(bytes, truncated: truncated)
    }

    /// The target of the symbolic link `path` (at most 4096 bytes), or nil.
    func linkTarget(_ path: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return readlink(path, base.assumingMemoryBound(to: CChar.self), raw.count)
        }
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    /// The numeric entries of directory `path` (process ids), or nil when it cannot be listed.
    func processIDs(in path: String) -> [Int64]? {
        guard let directory = opendir(path) else { return nil }
        defer { _ = closedir(directory) }
        var ids: [Int64] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> [UInt8] in
                Array(raw.prefix { $0 != 0 })
            }
            guard !name.isEmpty, name.count <= 10, name.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { continue }
            var value: Int64 = 0
            for byte in name { value = value * 10 + Int64(byte - 0x30) }
            ids.append(value)
        }
        return ids.sorted()
    }

    private func failure(_ error: Int32) -> Outcome {
        if error == ENOENT || error == ESRCH { return .missing }
        guard let text = strerror(error) else { return .failed("errno \(error)") }
        return .failed(String(cString: text))
    }
}
