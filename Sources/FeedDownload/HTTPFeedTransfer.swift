internal import Dispatch
internal import Foundation

#if canImport(FoundationNetworking)
    internal import FoundationNetworking
#endif

/// One HTTP(S) attempt: a `URLSession` data task whose body is streamed into a ``StagingFile``.
///
/// A watchdog enforces the idle and total timeouts itself (URLSession on Linux only has whole-second
/// timers) and cancels the task; ``abort(_:retryable:)`` records why, so the completion callback can
/// tell a size-limit, timeout or cancellation stop from a network failure.
final class HTTPFeedTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // Invariant: `stop`, `task`, `continuation`, `completed` and `lastActivity` are accessed only with
    // `lock` held. `staging`, `response`, `received`, `expected`, `errorBody` and `lastProgress` are
    // touched only on the session's serial delegate queue after the task has been resumed (and before
    // that only by `run`, which starts the task last).
    private let lock = NSLock()
    private let request: FeedRequest
    private let attempt: Int
    private let previous: FeedCacheEntry?
    private let configuration: FeedDownloadConfiguration
    private let progress: FeedDownloader.ProgressHandler?
    private let deadline: ContinuousClock.Instant
    private let stagingDirectory: String

    private var stop: (error: FeedDownloadError, retryable: Bool)?
    private var task: URLSessionDataTask?
    private var continuation: CheckedContinuation<AttemptResult, Never>?
    private var completed = false
    private var lastActivity = ContinuousClock.now

    private var staging: StagingFile?
    private var response: HTTPURLResponse?
    private var received: Int64 = 0
    private var expected: Int64?
    private var errorBody: [UInt8] = []
    private var lastProgress = ContinuousClock.now
    private var watchdog: (any DispatchSourceTimer)?

    init(
        request: FeedRequest,
        attempt: Int,
        previous: FeedCacheEntry?,
        configuration: FeedDownloadConfiguration,
        deadline: ContinuousClock.Instant,
        stagingDirectory: String,
        progress: FeedDownloader.ProgressHandler?
    ) {
        self.request = request
        self.attempt = attempt
        self.previous = previous
        self.configuration = configuration
        self.deadline = deadline
        self.stagingDirectory = stagingDirectory
        self.progress = progress
    }

    private var urlString: String { request.url.absoluteString }

    func run() async -> AttemptResult {
        let staging: StagingFile
        do {
            staging = try StagingFile(directory: stagingDirectory, name: request.name, url: urlString)
        } catch {
            return .failure(error, retryable: false, retryAfter: nil)
        }
        self.staging = staging
        let session = makeSession()
        let urlRequest = makeRequest()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<AttemptResult, Never>) in
                lock.lock()
                if let stop {
                    lock.unlock()
                    session.invalidateAndCancel()
                    staging.discard()
                    continuation.resume(returning: .failure(stop.error, retryable: stop.retryable, retryAfter: nil))
                    return
                }
                self.continuation = continuation
                let task = session.dataTask(with: urlRequest)
                self.task = task
                lastActivity = ContinuousClock.now
                lock.unlock()
                startWatchdog()
                task.resume()
            }
        } onCancel: {
            abort(
                FeedDownloadError(code: .cancelled, url: urlString, message: "the download was cancelled"),
                retryable: false
            )
        }
    }

    /// Stops the transfer for `error` (the first reason wins).
    func abort(_ error: FeedDownloadError, retryable: Bool) {
        lock.lock()
        if stop == nil && !completed { stop = (error, retryable) }
        let task = self.task
        lock.unlock()
        task?.cancel()
    }

    private func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        let idle = RetryPolicy.seconds(self.configuration.idleTimeout)
        // Backstops only: the watchdog fires first.
        configuration.timeoutIntervalForRequest = idle.rounded(.up) + 5
        configuration.timeoutIntervalForResource = RetryPolicy.seconds(self.configuration.totalTimeout) + 60
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        return URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
    }

    private func makeRequest() -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = "GET"
        urlRequest.timeoutInterval = RetryPolicy.seconds(configuration.idleTimeout).rounded(.up) + 5
        urlRequest.httpShouldHandleCookies = false
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        urlRequest.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
        // Feeds are often `.gz`: a transparently decoded body would not be the published file.
        urlRequest.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        if let etag = previous?.etag { urlRequest.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = previous?.lastModified {
            urlRequest.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since")
        }
        return urlRequest
    }

    private func startWatchdog() {
        let idle = configuration.idleTimeout
        let tick = min(max(RetryPolicy.seconds(idle) / 4, 0.01), 0.25)
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "bulkhead.feed-download.watchdog"))
        timer.schedule(deadline: .now() + tick, repeating: tick)
        timer.setEventHandler { [weak self] in self?.checkTimeouts() }
        watchdog = timer
        timer.resume()
    }

    private func checkTimeouts() {
        let now = ContinuousClock.now
        lock.lock()
        let quiet = now - lastActivity
        lock.unlock()
        if now >= deadline {
            abort(
                FeedDownloadError(
                    code: .timedOut,
                    url: urlString,
                    message: "the download did not finish within the total timeout of \(configuration.totalTimeout)"
                ),
                retryable: false
            )
        } else if quiet >= configuration.idleTimeout {
            abort(
                FeedDownloadError(
                    code: .timedOut,
                    url: urlString,
                    message: "no data received for \(configuration.idleTimeout)"
                ),
                retryable: true
            )
        }
    }

    private func touch() {
        lock.lock()
        lastActivity = ContinuousClock.now
        lock.unlock()
    }

    private func isStopped() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return stop != nil
    }

    // MARK: URLSessionDataDelegate

    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        touch()
        let http = response as? HTTPURLResponse
        self.response = http
        if let http, http.statusCode == 200 {
            let length = http.expectedContentLength
            expected = length >= 0 && Self.isIdentityEncoded(http) ? length : nil
            if length > configuration.maxBytes {
                abort(
                    FeedDownloadError(
                        code: .tooLarge,
                        url: urlString,
                        message: "Content-Length \(length) exceeds the limit of \(configuration.maxBytes) bytes"
                    ),
                    retryable: false
                )
            } else {
                report(complete: false, force: true)
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        touch()
        guard let response, response.statusCode == 200 else {
            if errorBody.count < 512 { errorBody.append(contentsOf: data.prefix(512 - errorBody.count)) }
            return
        }
        guard !isStopped(), let staging else { return }
        if received + Int64(data.count) > configuration.maxBytes {
            abort(
                FeedDownloadError(
                    code: .tooLarge,
                    url: urlString,
                    message: "the body exceeds the limit of \(configuration.maxBytes) bytes"
                ),
                retryable: false
            )
            return
        }
        do {
            try staging.write(data)
        } catch {
            abort(error, retryable: false)
            return
        }
        received += Int64(data.count)
        report(complete: false, force: false)
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        let from = self.request.url.scheme?.lowercased()
        let to = request.url?.scheme?.lowercased()
        let allowed = to == "https" || (to == "http" && from == "http")
        completionHandler(allowed ? request : nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let result = finish(error: error)
        if case .success(.downloaded) = result {
            report(complete: true, force: true)
        }
        lock.lock()
        completed = true
        let continuation = self.continuation
        self.continuation = nil
        lock.unlock()
        watchdog?.cancel()
        watchdog = nil
        session.finishTasksAndInvalidate()
        continuation?.resume(returning: result)
    }

    private func finish(error: (any Error)?) -> AttemptResult {
        lock.lock()
        let stop = self.stop
        lock.unlock()
        guard let staging else {
            return .failure(
                FeedDownloadError(code: .fileSystem, url: urlString, message: "no staging file"),
                retryable: false,
                retryAfter: nil
            )
        }
        if let stop {
            staging.discard()
            return .failure(stop.error, retryable: stop.retryable, retryAfter: nil)
        }
        if let error {
            staging.discard()
            if let response, response.statusCode == 200, let expected, received < expected {
                return .failure(
                    FeedDownloadError(
                        code: .truncated,
                        url: urlString,
                        message: "the connection ended after \(received) of \(expected) bytes",
                        underlying: error
                    ),
                    retryable: true,
                    retryAfter: nil
                )
            }
            return Self.networkFailure(error, url: urlString)
        }
        guard let response else {
            staging.discard()
            return .failure(
                FeedDownloadError(code: .network, url: urlString, message: "the server sent no HTTP response"),
                retryable: true,
                retryAfter: nil
            )
        }
        let etag = Self.header("ETag", in: response)
        let lastModified = Self.header("Last-Modified", in: response)
        switch response.statusCode {
        case 200:
            if let expected, received != expected {
                staging.discard()
                return .failure(
                    FeedDownloadError(
                        code: .truncated,
                        url: urlString,
                        message: "received \(received) bytes but Content-Length is \(expected)"
                    ),
                    retryable: true,
                    retryAfter: nil
                )
            }
            let digest = staging.finishDigest()
            if let wanted = request.expectedSHA256, wanted.lowercased() != digest {
                staging.discard()
                return .failure(
                    FeedDownloadError(
                        code: .checksumMismatch,
                        url: urlString,
                        message: "SHA-256 is \(digest), expected \(wanted.lowercased())"
                    ),
                    retryable: false,
                    retryAfter: nil
                )
            }
            do {
                try staging.commit()
            } catch {
                return .failure(error, retryable: false, retryAfter: nil)
            }
            return .success(
                .downloaded(
                    DownloadedFeed(
                        url: request.url,
                        path: staging.finalPath,
                        byteCount: received,
                        sha256: digest,
                        etag: etag,
                        lastModified: lastModified,
                        attempts: attempt
                    )
                )
            )
        case 304 where previous?.etag != nil || previous?.lastModified != nil:
            staging.discard()
            return .success(.notModified(etag: etag, lastModified: lastModified, attempts: attempt))
        default:
            staging.discard()
            let status = response.statusCode
            let text =
                String(decoding: errorBody, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let reason = HTTPURLResponse.localizedString(forStatusCode: status)
            return .failure(
                FeedDownloadError(
                    code: .httpStatus,
                    url: urlString,
                    message: "HTTP \(status) \(reason)" + (text.isEmpty ? "" : ": \(text.prefix(200))"),
                    httpStatus: status
                ),
                retryable: RetryPolicy.isRetryable(status: status),
                retryAfter: RetryPolicy.parseRetryAfter(Self.header("Retry-After", in: response))
            )
        }
    }

    private func report(complete: Bool, force: Bool) {
        guard let progress else { return }
        let now = ContinuousClock.now
        guard force || now - lastProgress >= .milliseconds(100) else { return }
        lastProgress = now
        progress(
            FeedDownloadProgress(
                url: request.url,
                name: request.name,
                receivedBytes: received,
                expectedBytes: expected,
                attempt: attempt,
                isComplete: complete
            )
        )
    }

    static func networkFailure(_ error: any Error, url: String) -> AttemptResult {
        var retryable = true
        var code = FeedDownloadError.Code.network
        if let urlError = error as? URLError {
            switch urlError.code {
            case .timedOut:
                code = .timedOut
            case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateHasUnknownRoot,
                .serverCertificateNotYetValid, .clientCertificateRejected, .clientCertificateRequired,
                .unsupportedURL, .badURL, .cancelled, .httpTooManyRedirects, .redirectToNonExistentLocation,
                .userAuthenticationRequired, .userCancelledAuthentication:
                retryable = false
            default:
                break
            }
        }
        return .failure(
            FeedDownloadError(code: code, url: url, message: error.localizedDescription, underlying: error),
            retryable: retryable,
            retryAfter: nil
        )
    }

    static func header(_ name: String, in response: HTTPURLResponse) -> String? {
        for (key, value) in response.allHeaderFields {
            guard let key = key as? String, key.caseInsensitiveCompare(name) == .orderedSame else { continue }
            return value as? String ?? "\(value)"
        }
        return nil
    }

    static func isIdentityEncoded(_ response: HTTPURLResponse) -> Bool {
        guard let encoding = header("Content-Encoding", in: response)?.trimmingCharacters(in: .whitespaces) else {
            return true
        }
        return encoding.isEmpty || encoding.caseInsensitiveCompare("identity") == .orderedSame
    }
}
