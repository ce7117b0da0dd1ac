internal import Crypto
internal import Foundation
internal import Glibc

/// `<staging>/<name>.part`, written sequentially while its SHA-256 is computed, renamed to
/// `<staging>/<name>` only by ``commit()``; removed if dropped without a commit.
///
/// Not thread-safe: one writer at a time (the transfer's serial delegate queue or the copy thread).
final class StagingFile {
    let finalPath: String
    let partPath: String
    private let url: String
    private var fd: Int32
    private var hasher = SHA256()
    private(set) var byteCount: Int64 = 0

    init(directory: String, name: String, url: String) throws(FeedDownloadError) {
        self.url = url
        finalPath = (directory as NSString).appendingPathComponent(name)
        partPath = finalPath + ".part"
        fd = Glibc.open(partPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw FeedDownloadError(
                code: .fileSystem,
                url: url,
                message: "cannot create \(partPath): \(Self.describe(errno: errno))"
            )
        }
    }

    deinit { discard() }

    /// Appends bytes and feeds them to the hash.
    func append(_ bytes: UnsafeRawBufferPointer) throws(FeedDownloadError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var done = 0
        while done < bytes.count {
            let written = Glibc.write(fd, base + done, bytes.count - done)
            if written > 0 {
                done += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                throw FeedDownloadError(
                    code: .fileSystem,
                    url: url,
                    message: "cannot write \(partPath): \(Self.describe(errno: errno))"
                )
            }
        }
        hasher.update(bufferPointer: bytes)
        byteCount += Int64(bytes.count)
    }

    /// Appends `bytes`.
    func write(_ bytes: some ContiguousBytes) throws(FeedDownloadError) {
        let failure = bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> FeedDownloadError? in
            do throws(FeedDownloadError) {
                try append(raw)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// The lower-case hex SHA-256 of everything written (call once, after the last write).
    func finishDigest() -> String {
        Self.hex(hasher.finalize())
    }

    /// Flushes, closes and renames the part file to its final name.
    func commit() throws(FeedDownloadError) {
        let failed = fsync(fd) != 0
        let syncErrno = errno
        _ = Glibc.close(fd)
        fd = -1
        if failed {
            _ = unlink(partPath)
            throw FeedDownloadError(
                code: .fileSystem,
                url: url,
                message: "cannot flush \(partPath): \(Self.describe(errno: syncErrno))"
            )
        }
        guard rename(partPath, finalPath) == 0 else {
            let renameErrno = errno
            _ = unlink(partPath)
            throw FeedDownloadError(
                code: .fileSystem,
                url: url,
                message: "cannot rename \(partPath) to \(finalPath): \(Self.describe(errno: renameErrno))"
            )
        }
    }

    /// Closes and removes the part file (no effect after ``commit()``).
    func discard() {
        guard fd >= 0 else { return }
        _ = Glibc.close(fd)
        fd = -1
        _ = unlink(partPath)
    }

    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
