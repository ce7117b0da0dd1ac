internal import Dispatch
internal import Foundation
internal import Glibc

/// One `file://` attempt: copies a local mirror's file into the staging directory on a GCD thread
/// (never on the cooperative pool), with the same size limit, checksum and progress as HTTP.
final class LocalFeedCopy: @unchecked Sendable {
    // Invariant: `cancelled` is accessed only with `lock` held; everything else is immutable.
    private let lock = NSLock()
    private var cancelled = false
    private let request: FeedRequest
    private let attempt: Int
    private let configuration: FeedDownloadConfiguration
    private let deadline: ContinuousClock.Instant
    private let stagingDirectory: String
    private let progress: FeedDownloader.ProgressHandler?

    init(
        request: FeedRequest,
        attempt: Int,
        configuration: FeedDownloadConfiguration,
        deadline: ContinuousClock.Instant,
        stagingDirectory: String,
        progress: FeedDownloader.ProgressHandler?
    ) {
        self.request = request
        self.attempt = attempt
        self.configuration = configuration
        self.deadline = deadline
        self.stagingDirectory = stagingDirectory
        self.progress = progress
    }

    private var urlString: String { request.url.absoluteString }

    func run() async -> AttemptResult {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<AttemptResult, Never>) in
                DispatchQueue.global().async {
                    continuation.resume(returning: self.copy())
                }
            }
        } onCancel: {
            lock.lock()
            cancelled = true
            lock.unlock()
        }
    }

    private func isCancelled() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    private func fail(_ code: FeedDownloadError.Code, _ message: String) -> AttemptResult {
        .failure(FeedDownloadError(code: code, url: urlString, message: message), retryable: false, retryAfter: nil)
    }

    private func copy() -> AttemptResult {
        let source = request.url.path
        let fd = Glibc.open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            return fail(.fileSystem, "cannot open \(source): \(StagingFile.describe(errno: errno))")
        }
        defer { _ = Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return fail(.fileSystem, "\(source) is not a regular file")
        }
        let size = Int64(info.st_size)
        if size > configuration.maxBytes {
            return fail(.tooLarge, "the file has \(size) bytes, over the limit of \(configuration.maxBytes) bytes")
        }
        let staging: StagingFile
        do {
            staging = try StagingFile(directory: stagingDirectory, name: request.name, url: urlString)
        } catch {
            return .failure(error, retryable: false, retryAfter: nil)
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var lastReport = ContinuousClock.now
        while true {
            if isCancelled() {
                staging.discard()
                return fail(.cancelled, "the download was cancelled")
            }
            if ContinuousClock.now >= deadline {
                staging.discard()
                return fail(.timedOut, "the copy did not finish within the total timeout")
            }
            let count = buffer.withUnsafeMutableBytes { raw in Glibc.read(fd, raw.baseAddress, raw.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = StagingFile.describe(errno: errno)
                staging.discard()
                return fail(.fileSystem, "cannot read \(source): \(reason)")
            }
            if count == 0 { break }
            if staging.byteCount + Int64(count) > configuration.maxBytes {
                staging.discard()
                return fail(.tooLarge, "the file grew past the limit of \(configuration.maxBytes) bytes")
            }
            do {
                try staging.write(buffer[0..<count])
            } catch {
                staging.discard()
                return .failure(error, retryable: false, retryAfter: nil)
            }
            if let progress, ContinuousClock.now - lastReport >= .milliseconds(100) {
                lastReport = ContinuousClock.now
                progress(snapshot(received: staging.byteCount, expected: size, complete: false))
            }
        }
        if staging.byteCount < size {
            staging.discard()
            return fail(.truncated, "read \(staging.byteCount) of \(size) bytes (the file shrank while copied)")
        }
        let digest = staging.finishDigest()
        if let wanted = request.expectedSHA256, wanted.lowercased() != digest {
            staging.discard()
            return fail(.checksumMismatch, "SHA-256 is \(digest), expected \(wanted.lowercased())")
        }
        let byteCount = staging.byteCount
        do {
            try staging.commit()
        } catch {
            return .failure(error, retryable: false, retryAfter: nil)
        }
        progress?(snapshot(received: byteCount, expected: size, complete: true))
        return .success(
            .downloaded(
                DownloadedFeed(
                    url: request.url,
                    path: staging.finalPath,
                    byteCount: byteCount,
                    sha256: digest,
                    etag: nil,
                    lastModified: nil,
                    attempts: attempt
                )
            )
        )
    }

    private func snapshot(received: Int64, expected: Int64, complete: Bool) -> FeedDownloadProgress {
        FeedDownloadProgress(
            url: request.url,
            name: request.name,
            receivedBytes: received,
            expectedBytes: expected,
            attempt: attempt,
            isComplete: complete
        )
    }
}
