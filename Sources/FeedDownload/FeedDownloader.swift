internal import Foundation

/// Downloads vulnerability feeds into a staging directory: conditional requests, retries with
/// backoff, size and time limits, SHA-256 of every file, and `.part` files renamed only when complete.
///
/// ```swift
/// let downloader = FeedDownloader()
/// let report = await downloader.download(requests, into: staging, cache: savedState) { progress in … }
/// for result in report.results { … }   // .downloaded(feed) → import feed.path; .notModified → keep
/// save(report.cache)                     // once the new data is imported
/// ```
public struct FeedDownloader: Sendable {
    /// Receives progress reports; called from background threads, so it must be quick and thread-safe.
    public typealias ProgressHandler = @Sendable (FeedDownloadProgress) -> Void

    /// Limits, retries and timeouts.
    public var configuration: FeedDownloadConfiguration

    /// Creates a downloader.
    public init(configuration: FeedDownloadConfiguration = FeedDownloadConfiguration()) {
        self.configuration = configuration
    }

    /// Downloads every request, at most ``FeedDownloadConfiguration/maxConcurrentDownloads`` at a
    /// time. Never throws: each feed's success or error is in the report, in request order, and the
    /// report's cache is `cache` updated for the successes.
    public func download(
        _ requests: [FeedRequest],
        into stagingDirectory: String,
        cache: FeedCacheState = FeedCacheState(),
        progress: ProgressHandler? = nil
    ) async -> FeedDownloadReport {
        var outcomes = [Result<FeedDownloadOutcome, FeedDownloadError>?](repeating: nil, count: requests.count)
        var seen: Set<String> = []
        var runnable: [Int] = []
        for (index, request) in requests.enumerated() {
            if seen.insert(request.name).inserted {
                runnable.append(index)
            } else {
                outcomes[index] = .failure(
                    FeedDownloadError(
                        code: .invalidRequest,
                        url: request.url.absoluteString,
                        message: "another feed in the batch already uses the staging name '\(request.name)'"
                    )
                )
            }
        }
        let limit = max(1, configuration.maxConcurrentDownloads)
        await withTaskGroup(of: (Int, Result<FeedDownloadOutcome, FeedDownloadError>).self) { group in
            var next = 0
            func startNext() {
                guard next < runnable.count else { return }
                let index = runnable[next]
                next += 1
                let request = requests[index]
                let previous = cache[request.url]
                group.addTask {
                    do throws(FeedDownloadError) {
                        let outcome = try await download(
                            request,
                            into: stagingDirectory,
                            previous: previous,
                            progress: progress
                        )
                        return (index, .success(outcome))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for _ in 0..<limit { startNext() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                startNext()
            }
        }
        var updated = cache
        var results: [FeedDownloadResult] = []
        results.reserveCapacity(requests.count)
        let now = Date()
        for (index, request) in requests.enumerated() {
            let outcome =
                outcomes[index]
                ?? .failure(
                    FeedDownloadError(code: .cancelled, url: request.url.absoluteString, message: "not started")
                )
            if case .success(let value) = outcome { updated.record(value, for: request.url, at: now) }
            results.append(FeedDownloadResult(request: request, outcome: outcome))
        }
        return FeedDownloadReport(results: results, cache: updated)
    }

    /// Downloads one feed to `<stagingDirectory>/<request.name>` (created if missing), retrying as
    /// configured; `previous` supplies the validators for a conditional request.
    public func download(
        _ request: FeedRequest,
        into stagingDirectory: String,
        previous: FeedCacheEntry? = nil,
        progress: ProgressHandler? = nil
    ) async throws(FeedDownloadError) -> FeedDownloadOutcome {
        let isLocal = try validate(request)
        do {
            try FileManager.default.createDirectory(atPath: stagingDirectory, withIntermediateDirectories: true)
        } catch {
            throw FeedDownloadError(
                code: .fileSystem,
                url: request.url.absoluteString,
                message: "cannot create the staging directory \(stagingDirectory): \(error.localizedDescription)",
                underlying: error
            )
        }
        let policy = RetryPolicy(
            baseDelay: configuration.baseDelay,
            maxDelay: configuration.maxDelay,
            retryAfterCap: configuration.retryAfterCap
        )
        let clock = ContinuousClock()
        let deadline = clock.now + configuration.totalTimeout
        let maxAttempts = max(1, configuration.maxAttempts)
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled {
                throw FeedDownloadError(
                    code: .cancelled,
                    url: request.url.absoluteString,
                    message: "the download was cancelled",
                    attempts: attempt - 1
                )
            }
            let result: AttemptResult
            if isLocal {
                result = await LocalFeedCopy(
                    request: request,
                    attempt: attempt,
                    configuration: configuration,
                    deadline: deadline,
                    stagingDirectory: stagingDirectory,
                    progress: progress
                ).run()
            } else {
                result = await HTTPFeedTransfer(
                    request: request,
                    attempt: attempt,
                    previous: previous,
                    configuration: configuration,
                    deadline: deadline,
                    stagingDirectory: stagingDirectory,
                    progress: progress
                ).run()
            }
            switch result {
            case .success(let outcome):
                return outcome
            case .failure(var error, let retryable, let retryAfter):
                error.attempts = attempt
                guard retryable, attempt < maxAttempts else { throw error }
                let wait = policy.delay(
                    afterAttempt: attempt,
                    retryAfter: retryAfter,
                    randomUnit: Double.random(in: 0...1)
                )
                guard clock.now + wait < deadline else { throw error }
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    throw FeedDownloadError(
                        code: .cancelled,
                        url: request.url.absoluteString,
                        message: "the download was cancelled while waiting to retry",
                        attempts: attempt
                    )
                }
            }
        }
    }

    /// Checks the URL scheme and the staging name; returns true for `file://`.
    private func validate(_ request: FeedRequest) throws(FeedDownloadError) -> Bool {
        let url = request.url.absoluteString
        let name = request.name
        if name.isEmpty || name == "." || name == ".." || name.contains("/") || name.contains("\0")
            || name.hasSuffix(".part")
        {
            throw FeedDownloadError(
                code: .invalidRequest,
                url: url,
                message: "the staging name '\(name)' is not a plain file name"
            )
        }
        switch request.url.scheme?.lowercased() {
        case "http", "https":
            guard let host = request.url.host, !host.isEmpty else {
                throw FeedDownloadError(code: .unsupportedURL, url: url, message: "the URL has no host")
            }
            return false
        case "file":
            return true
        default:
            throw FeedDownloadError(
                code: .unsupportedURL,
                url: url,
                message: "only http://, https:// and file:// URLs can be downloaded"
            )
        }
    }
}
