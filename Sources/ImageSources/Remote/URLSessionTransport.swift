internal import Foundation
internal import Glibc
import OCIImage

#if canImport(FoundationNetworking)
    internal import FoundationNetworking
#endif

/// HTTPS (and, in tests, HTTP) through `URLSession` (libcurl on Linux), with bodies that stream.
///
/// `URLSession` pushes data to a delegate without back-pressure, so each body is spooled to an
/// unlinked `0600` file in a private scratch directory as it arrives, and the returned
/// ``ByteStream`` reads that file behind the writer: memory stays flat for multi-gigabyte blobs, the
/// consumer starts before the download ends, and nothing remains on disk once the stream is
/// released. Redirects are not followed here; the registry client follows them itself so it can drop
/// credentials when the host changes.
final class URLSessionTransport: Sendable {
    private let session: URLSession
    private let delegate: URLSessionSpoolDelegate
    private let timeouts: HTTPTimeouts
    private let spoolDirectory: String

    init(timeouts: HTTPTimeouts, scratchParent: String?) throws(ImageError) {
        self.timeouts = timeouts
        self.spoolDirectory = try RemoteScratch.makeDirectory(label: "http-spool", parent: scratchParent)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeouts.readSeconds
        configuration.timeoutIntervalForResource = 7 * 24 * 3600
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let delegate = URLSessionSpoolDelegate()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        self.delegate = delegate
        self.session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }

    deinit {
        session.invalidateAndCancel()
        RemoteScratch.remove(spoolDirectory)
    }

    /// Sends a request and returns once the response head has arrived; the body streams.
    func send(method: String, url: URL, headers: HTTPHeaders, body: [UInt8] = []) throws(ImageError) -> HTTPResponse {
        let peer = url.absoluteString
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = timeouts.readSeconds
        request.httpShouldHandleCookies = false
        for field in headers.fields { request.addValue(field.value, forHTTPHeaderField: field.name) }
        if !body.isEmpty { request.httpBody = Data(body) }

        let fd = try makeSpoolFile()
        let transfer = SpooledTransfer(fd: fd)
        let task = session.dataTask(with: request)
        delegate.register(transfer, for: task.taskIdentifier)
        task.resume()

        // Wait for the head (URLSession's own timeouts fire first; this bound is a safety net).
        let limit = Date(timeIntervalSinceNow: timeouts.connectSeconds + timeouts.readSeconds + 10)
        transfer.condition.lock()
        while transfer.response == nil && !transfer.finished {
            if !transfer.condition.wait(until: limit) { break }
        }
        let response = transfer.response
        let failure = transfer.failure
        transfer.condition.unlock()
        guard let response else {
            task.cancel()
            throw Self.mapError(failure, peer: peer, timeouts: timeouts, waitingFor: "the response")
        }
        var fields = HTTPHeaders()
        for (key, value) in response.allHeaderFields {
            guard let name = key as? String else { continue }
            fields.add(name: name, value: "\(value)")
        }
        let stream = SpooledBodyStream(transfer: transfer, task: task, peer: peer, timeouts: timeouts)
        return HTTPResponse(
            status: response.statusCode,
            reason: HTTPURLResponse.localizedString(forStatusCode: response.statusCode),
            headers: fields,
            body: stream,
            peer: peer
        )
    }

    private func makeSpoolFile() throws(ImageError) -> Int32 {
        var template = Array("\(spoolDirectory)/body-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            let fd = mkstemp(base)
            if fd >= 0 {
                _ = unlink(base)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            return fd
        }
        guard fd >= 0 else {
            throw ImageError(
                code: .io,
                subject: spoolDirectory,
                message: "cannot create a spool file: \(SocketConnection.describe(errno: errno))"
            )
        }
        return fd
    }

    static func mapError(_ error: (any Error)?, peer: String, timeouts: HTTPTimeouts, waitingFor what: String)
        -> ImageError
    {
        guard let error else {
            return ImageError(
                code: .network,
                subject: peer,
                message:
                    "timed out after \(HTTPTimeouts.describe(timeouts.connect + timeouts.read)) waiting for \(what)"
            )
        }
        if let urlError = error as? URLError {
            switch urlError.code {
            case .timedOut:
                return ImageError(
                    code: .network,
                    subject: peer,
                    message: "timed out (no data for \(HTTPTimeouts.describe(timeouts.read))) waiting for \(what)",
                    underlying: error
                )
            case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateHasUnknownRoot,
                .serverCertificateNotYetValid, .secureConnectionFailed, .clientCertificateRejected:
                return ImageError(
                    code: .network,
                    subject: peer,
                    message: "TLS failure: \(urlError.localizedDescription) (a registry with a self-signed "
                        + "certificate needs its CA in the system trust store)",
                    underlying: error
                )
            default: break
            }
        }
        return ImageError(code: .network, subject: peer, message: "\(error.localizedDescription)", underlying: error)
    }
}

/// The state of one spooled transfer, shared by the delegate (writer) and the body stream (reader).
final class SpooledTransfer: @unchecked Sendable {
    // Invariant: `response`, `failure`, `finished`, `written` and `abandoned` are read and written only
    // while `condition` is locked. The descriptor is written only by the delegate queue (serial), at
    // offsets at or beyond `written`, and read only below `written`; it is closed in deinit, once
    // both sides have let go.
    let condition = NSCondition()
    let fd: Int32
    var response: HTTPURLResponse?
    var failure: (any Error)?
    var finished = false
    var written = 0
    var abandoned = false

    init(fd: Int32) { self.fd = fd }

    deinit { _ = Glibc.close(fd) }
}

/// Receives `URLSession` callbacks and spools bodies.
final class URLSessionSpoolDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // Invariant: `transfers` is accessed only with `lock` held.
    private let lock = NSLock()
    private var transfers: [Int: SpooledTransfer] = [:]

    func register(_ transfer: SpooledTransfer, for identifier: Int) {
        lock.lock()
        transfers[identifier] = transfer
        lock.unlock()
    }

    private func transfer(_ identifier: Int, remove: Bool = false) -> SpooledTransfer? {
        lock.lock()
        defer { lock.unlock() }
        return remove ? transfers.removeValue(forKey: identifier) : transfers[identifier]
    }

    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let transfer = transfer(dataTask.taskIdentifier) {
            transfer.condition.lock()
            transfer.response = response as? HTTPURLResponse
            if transfer.response == nil {
                transfer.failure = URLError(.badServerResponse)
                transfer.finished = true
            }
            transfer.condition.broadcast()
            transfer.condition.unlock()
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let transfer = transfer(dataTask.taskIdentifier) else { return }
        transfer.condition.lock()
        let offset = transfer.written
        let skip = transfer.abandoned || transfer.finished
        transfer.condition.unlock()
        guard !skip else { return }
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let n = pwrite(transfer.fd, base + done, raw.count - done, off_t(offset + done))
                if n > 0 {
                    done += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    failure = errno
                    return
                }
            }
        }
        transfer.condition.lock()
        if failure != 0 {
            transfer.failure = ImageError(
                code: .io,
                subject: "spool file",
                message: "cannot write the response body to the scratch directory: "
                    + SocketConnection.describe(errno: failure)
            )
            transfer.finished = true
        } else {
            transfer.written = offset + data.count
        }
        transfer.condition.broadcast()
        transfer.condition.unlock()
        if failure != 0 { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let transfer = transfer(task.taskIdentifier, remove: true) else { return }
        transfer.condition.lock()
        if !transfer.finished {
            transfer.failure = error
            transfer.finished = true
        }
        transfer.condition.broadcast()
        transfer.condition.unlock()
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        // The registry client answers challenges itself. By the time URLSession raises one the 401
        // response has been delivered in full, so the transfer is complete; cancelling the
        // challenge ends the task (default handling can leave it pending on Linux).
        if let transfer = transfer(task.taskIdentifier) {
            transfer.condition.lock()
            transfer.finished = true
            transfer.condition.broadcast()
            transfer.condition.unlock()
        }
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

/// Reads a spooled body behind the writer.
final class SpooledBodyStream: ByteStream {
    private let transfer: SpooledTransfer
    private let task: URLSessionDataTask
    private let peer: String
    private let timeouts: HTTPTimeouts
    private var offset = 0

    init(transfer: SpooledTransfer, task: URLSessionDataTask, peer: String, timeouts: HTTPTimeouts) {
        self.transfer = transfer
        self.task = task
        self.peer = peer
        self.timeouts = timeouts
    }

    deinit {
        transfer.condition.lock()
        let running = !transfer.finished
        transfer.abandoned = true
        transfer.condition.unlock()
        if running { task.cancel() }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        transfer.condition.lock()
        var lastWritten = transfer.written
        var deadline = Date(timeIntervalSinceNow: timeouts.readSeconds + 10)
        while offset >= transfer.written && !transfer.finished {
            if !transfer.condition.wait(until: deadline) {
                if transfer.written == lastWritten { break }
                lastWritten = transfer.written
                deadline = Date(timeIntervalSinceNow: timeouts.readSeconds + 10)
            }
        }
        let available = transfer.written - offset
        let finished = transfer.finished
        let failure = transfer.failure
        transfer.condition.unlock()
        if available > 0 {
            let n = pread(transfer.fd, base, min(available, buffer.count), off_t(offset))
            guard n > 0 else {
                throw ImageError(
                    code: .io,
                    subject: peer,
                    message: "cannot read the spooled response body: \(SocketConnection.describe(errno: errno))"
                )
            }
            offset += n
            return n
        }
        if !finished {
            task.cancel()
            throw URLSessionTransport.mapError(nil, peer: peer, timeouts: timeouts, waitingFor: "the response body")
        }
        if let failure {
            if let imageError = failure as? ImageError { throw imageError }
            throw URLSessionTransport.mapError(failure, peer: peer, timeouts: timeouts, waitingFor: "the response body")
        }
        return 0
    }
}
