internal import Foundation
internal import Glibc
import OCIImage

/// Private scratch space of the remote sources: a `0700` directory made with `mkdtemp`, files created
/// `0600` with `O_EXCL | O_NOFOLLOW`.
enum RemoteScratch {
    /// The parent of new scratch directories: `parent`, else `$TMPDIR`, else `/tmp`.
    static func parentDirectory(_ parent: String?) -> String {
        if let parent, !parent.isEmpty { return parent }
        if let tmp = ProcessInfo.processInfo.environment["TMPDIR"], !tmp.isEmpty { return tmp }
        return "/tmp"
    }

    /// Creates a new private directory `<parent>/bulkhead-<label>-XXXXXX`.
    static func makeDirectory(label: String, parent: String?) throws(ImageError) -> String {
        let base = parentDirectory(parent)
        var template = Array("\(base)/bulkhead-\(label)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else {
            throw ImageError(
                code: .io,
                subject: base,
                message: "cannot create a private scratch directory: \(SocketConnection.describe(errno: errno))"
            )
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = chmod(path, 0o700)
        return path
    }

    /// Creates `path` exclusively with mode `0600` and returns its descriptor (read-write).
    static func createFile(_ path: String) throws(ImageError) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ImageError(
                code: .io,
                subject: path,
                message: "cannot create a scratch file: \(SocketConnection.describe(errno: errno))"
            )
        }
        return fd
    }

    /// Removes `path` and everything below it; errors are ignored (best effort clean-up).
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(ImageError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, base + offset, bytes.count - offset)
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw ImageError(
                    code: .io,
                    subject: path,
                    message: "cannot write: \(SocketConnection.describe(errno: errno))"
                )
            }
        }
    }
}
