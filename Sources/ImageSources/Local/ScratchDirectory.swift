import Foundation
public import OCIImage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A private temporary directory (mode 0700, made with `mkdtemp`) for the few bytes that must go to
/// disk: kept file contents and decompressed archives. Files inside are created with `O_EXCL |
/// O_NOFOLLOW` under names the program chooses (never paths from an image). The directory and
/// everything in it are removed when the object is released.
///
/// Location: `$BULKHEAD_SCRATCH_DIR`, else `$TMPDIR`, else `/var/tmp` (disk-backed, unlike a
/// tmpfs `/tmp`), else `/tmp`.
///
/// Invariant: `descriptor` and `path` never change after `init`; file creation and removal go
/// through `openat`/`unlinkat` on `descriptor`, which are thread-safe (hence `@unchecked Sendable`).
public final class ScratchDirectory: @unchecked Sendable {
    /// Absolute path of the directory.
    public let path: String
    let descriptor: Int32

    /// Creates `bulkhead-scratch-XXXXXX` in `parent` (or the default location).
    public init(parent: String? = nil) throws(ImageError) {
        let base = parent ?? ScratchDirectory.defaultParent
        var template = Array((base + "/bulkhead-scratch-XXXXXX").utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let made else { throw POSIXFailure.error(errno, path: base, doing: "create a scratch directory in") }
        let fd = open(made, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            let code = errno
            rmdir(made)
            throw POSIXFailure.error(code, path: made, doing: "open")
        }
        path = made
        descriptor = fd
    }

    deinit {
        close(descriptor)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Where scratch directories go by default.
    public static var defaultParent: String {
        let environment = ProcessInfo.processInfo.environment
        if let dir = environment["BULKHEAD_SCRATCH_DIR"], !dir.isEmpty { return dir }
        if let dir = environment["TMPDIR"], !dir.isEmpty { return dir }
        if access("/var/tmp", W_OK | X_OK) == 0 { return "/var/tmp" }
        return "/tmp"
    }

    /// Creates a new file `name` (0600) and returns a descriptor open for writing.
    func create(_ name: String) throws(ImageError) -> Int32 {
        let fd = openat(descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXFailure.error(errno, path: path + "/" + name, doing: "create") }
        return fd
    }

    /// Opens file `name` for reading (never through a symlink).
    func openForReading(_ name: String) throws(ImageError) -> Int32 {
        let fd = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXFailure.error(errno, path: path + "/" + name, doing: "open") }
        return fd
    }

    func remove(_ name: String) { unlinkat(descriptor, name, 0) }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(ImageError) {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let n = write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXFailure.error(errno, path: path, doing: "write")
            }
            done += n
        }
    }
}
