internal import Crypto
public import Foundation

/// POSTs each alert (the JSON alert text) to an `http://` or `https://` URL (one connection per alert,
/// `Connection: close`; HTTPS with OpenSSL as a ``TLSClientConfiguration`` says).
///
/// A failed attempt (no connection, write error, status not 2xx) is retried up to `attempts` times in
/// all, waiting `backoff`, then twice that, and so on; a TLS handshake failure (rejected certificate)
/// is not retried. With a `secret`, the header `X-Bulkhead-Signature: sha256=<hex HMAC-SHA256 of the
/// body>` is added. Callers that must not block put an ``AlertDispatcher`` (bounded queue) in front.
public final class WebhookChannel: AlertChannel, @unchecked Sendable {
    // Invariant: immutable after init except `closed`, guarded by `lock`.

    /// `webhook`.
    public let name: String
    /// The name of the signature header.
    public static let signatureHeader = "X-Bulkhead-Signature"
    private let host: String
    private let port: UInt16
    private let target: String
    private let secret: [UInt8]?
    private let attempts: Int
    private let backoff: Double
    private let timeout: Double
    private let tlsContext: TLSContext?
    private let lock = NSLock()
    private var closed = false

    /// Creates a channel for `url` (`http://host[:port]/path` or `https://…`); `tls` applies to
    /// `https://` URLs only (the default verifies the server against the system trust store). Throws
    /// `.setup` for another scheme, a URL without host, or a CA, certificate or key file that cannot be
    /// loaded.
    public init(
        url: URL,
        secret: String? = nil,
        tls: TLSClientConfiguration = TLSClientConfiguration(),
        attempts: Int = 3,
        backoff: Double = 0.2,
        timeout: Double = 5,
        name: String = "webhook"
    ) throws(AlertChannelError) {
        let scheme = url.scheme?.lowercased()
        guard scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            throw AlertChannelError(
                code: .setup,
                message: "\(name): only http:// and https:// URLs are supported, got \(url)"
            )
        }
        if scheme == "https" {
            do throws(AlertChannelError) {
                tlsContext = try TLSContext(configuration: tls)
            } catch {
                throw AlertChannelError(code: .setup, message: "\(name) \(url): \(error.message)")
            }
        } else {
            tlsContext = nil
        }
        self.host = host
        port = UInt16(clamping: url.port ?? (scheme == "https" ? 443 : 80))
        let path = url.path.isEmpty ? "/" : url.path
        target = url.query.map { "\(path)?\($0)" } ?? path
        self.secret = secret.map { Array($0.utf8) }
        self.attempts = max(1, attempts)
        self.backoff = max(0, backoff)
        self.timeout = timeout
        self.name = name
    }

    /// The signature header value for `body`: `sha256=` and the lowercase hex HMAC-SHA256.
    public static func signature(body: [UInt8], secret: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256="
            + mac.map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
    }

    /// POSTs `text`, retrying with backoff.
    public func send(_ message: AlertMessage) throws(AlertChannelError) {
        let body = Array(message.text.utf8)
        var lastError = AlertChannelError(code: .connect, message: "\(name): not sent")
        for attempt in 0..<attempts {
            lock.lock()
            let isClosed = closed
            lock.unlock()
            if isClosed { throw AlertChannelError(code: .closed, message: "\(name) is closed") }
            if attempt > 0 { Thread.sleep(forTimeInterval: backoff * Double(1 << min(attempt - 1, 16))) }
            do throws(AlertChannelError) {
                try post(body)
                return
            } catch {
                lastError = error
                if error.code == .tls { break }
            }
        }
        throw AlertChannelError(
            code: lastError.code,
            message: "\(name) \(host):\(port): \(lastError.message)"
                + (lastError.code == .tls ? "" : " (after \(attempts) attempts)")
        )
    }

    /// Stops sending; a retry loop in progress ends at its next attempt.
    public func close() {
        lock.lock()
        closed = true
        lock.unlock()
    }

    private func post(_ body: [UInt8]) throws(AlertChannelError) {
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var head = "POST \(target) HTTP/1.1\r\nHost: \(authority)\r\nContent-Type: application/json\r\n"
        head += "Content-Length: \(body.count)\r\nConnection: close\r\nUser-Agent: bulkhead\r\n"
        if let secret { head += "\(Self.signatureHeader): \(Self.signature(body: body, secret: secret))\r\n" }
        head += "\r\n"
        let connection: any StreamConnection
        if let tlsContext {
            connection = try TLSConnection.connect(host: host, port: port, context: tlsContext, timeout: timeout)
        } else {
            connection = try SocketConnection(host: host, port: port, kind: .tcp, timeout: timeout)
        }
        defer { connection.close() }
        try connection.send(Array(head.utf8) + body)
        let response = try connection.receiveAll(limit: 65_536)
        let statusLine = String(decoding: response.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw AlertChannelError(code: .response, message: "no HTTP status line in the response")
        }
        guard (200..<300).contains(status) else {
            throw AlertChannelError(code: .response, message: "HTTP status \(status)")
        }
    }
}
