internal import COpenSSL
internal import Glibc

/// A TLS client connection over a ``SocketConnection``.
///
/// OpenSSL reads and writes two memory BIOs; this class moves the bytes between them and the socket
/// itself, so every socket write uses `MSG_NOSIGNAL` (a vanished receiver never raises SIGPIPE) and every
/// read is bounded by the socket's timeout.
final class TLSConnection: StreamConnection {
    private let socket: SocketConnection
    private let ssl: OpaquePointer
    /// Bytes from the network, for OpenSSL to read (owned by `ssl`).
    private let input: OpaquePointer
    /// Bytes OpenSSL wrote, to be sent (owned by `ssl`).
    private let output: OpaquePointer
    private let verifyPeer: Bool
    private var endOfInput = false
    private var closed = false

    private init(
        socket: SocketConnection,
        ssl: OpaquePointer,
        input: OpaquePointer,
        output: OpaquePointer,
        verifyPeer: Bool
    ) {
        self.socket = socket
        self.ssl = ssl
        self.input = input
        self.output = output
        self.verifyPeer = verifyPeer
    }

    deinit { close() }

    /// Connects to `host:port` and completes the handshake: the server's certificate is verified (unless
    /// the configuration says not to) and must name `serverName` or `host`. Throws `.connect` when the
    /// server cannot be reached, `.tls` when the handshake fails (with OpenSSL's reason, for example
    /// `certificate verify failed: self-signed certificate` or `… hostname mismatch`).
    static func connect(host: String, port: UInt16, context: TLSContext, timeout: Double)
        throws(AlertChannelError) -> TLSConnection
    {
        let socket = try SocketConnection(host: host, port: port, kind: .tcp, timeout: timeout)
        ERR_clear_error()
        guard let ssl = SSL_new(context.pointer) else {
            socket.close()
            throw AlertChannelError(code: .setup, message: "cannot create a TLS connection: \(reason())")
        }
        let input = BIO_new(BIO_s_mem())
        let output = BIO_new(BIO_s_mem())
        guard let input, let output else {
            BIO_free(input)
            BIO_free(output)
            SSL_free(ssl)
            socket.close()
            throw AlertChannelError(code: .setup, message: "cannot create TLS buffers: \(reason())")
        }
        SSL_set_bio(ssl, input, output)
        let connection = TLSConnection(
            socket: socket,
            ssl: ssl,
            input: input,
            output: output,
            verifyPeer: context.configuration.verifyPeer
        )
        do throws(AlertChannelError) {
            try connection.setServerName(context.configuration.serverName ?? host)
            // 0 (the server ended the stream) is a failure too: only 1 is a completed handshake.
            guard try connection.drive("TLS handshake", { SSL_connect(ssl) }) == 1 else {
                throw connection.failure("TLS handshake", reasons: nil)
            }
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    func send(_ bytes: [UInt8]) throws(AlertChannelError) {
        guard !closed else { throw AlertChannelError(code: .closed, message: "TLS connection is closed") }
        var offset = 0
        while offset < bytes.count {
            let chunk = Int32(min(bytes.count - offset, 1 << 20))
            let start = offset
            let written = try drive("TLS write") {
                bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress.map { $0 + start }, chunk) }
            }
            guard written > 0 else {
                throw AlertChannelError(code: .write, message: "TLS write failed: the server closed the connection")
            }
            offset += Int(written)
        }
    }

    func receiveAll(limit: Int) throws(AlertChannelError) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while result.count < limit {
            let count = Int32(buffer.count)
            let n = try drive("TLS read") {
                buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, count) }
            }
            if n <= 0 { break }
            result += buffer[0..<Int(n)]
        }
        return result
    }

    func peerHasClosed() -> Bool {
        guard !closed, !endOfInput else { return true }
        // Whatever arrived unasked (TLS 1.3 session tickets, an alert, close_notify) goes through OpenSSL
        // without blocking; end of stream, close_notify or a TLS error mean the server went away.
        while let bytes = socket.receiveAvailable() {
            if bytes.isEmpty { return true }
            _ = bytes.withUnsafeBytes { BIO_write(input, $0.baseAddress, Int32($0.count)) }
        }
        var scratch = [UInt8](repeating: 0, count: 4096)
        while true {
            ERR_clear_error()
            let n = scratch.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
            if n > 0 { continue }
            let status = SSL_get_error(ssl, n)
            ERR_clear_error()
            flushQuietly()
            return status != SSL_ERROR_WANT_READ && status != SSL_ERROR_WANT_WRITE
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        if !endOfInput {
            ERR_clear_error()
            _ = SSL_shutdown(ssl)  // queues close_notify; the answer is not awaited
            ERR_clear_error()
            flushQuietly()
        }
        SSL_free(ssl)  // frees both BIOs
        socket.closeGracefully()
    }

    private func setServerName(_ name: String) throws(AlertChannelError) {
        let isAddress = Self.isIPAddress(name)
        if !isAddress {
            // SSL_set_tlsext_host_name is a macro over SSL_ctrl; OpenSSL copies the name.
            let status = name.withCString {
                SSL_ctrl(
                    ssl,
                    SSL_CTRL_SET_TLSEXT_HOSTNAME,
                    Int(TLSEXT_NAMETYPE_host_name),
                    UnsafeMutableRawPointer(mutating: $0)
                )
            }
            guard status == 1 else {
                throw AlertChannelError(code: .setup, message: "invalid TLS server name '\(name)': \(Self.reason())")
            }
        }
        guard verifyPeer else { return }
        if isAddress {
            guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) == 1 else {
                throw AlertChannelError(code: .setup, message: "invalid IP address '\(name)': \(Self.reason())")
            }
        } else {
            SSL_set_hostflags(ssl, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
            guard SSL_set1_host(ssl, name) == 1 else {
                throw AlertChannelError(code: .setup, message: "invalid TLS server name '\(name)': \(Self.reason())")
            }
        }
    }

    /// Runs an OpenSSL operation until it completes, moving bytes between the BIOs and the socket.
    /// Returns the operation's result (0 when the peer ended the stream); throws with OpenSSL's reason.
    private func drive(_ what: String, _ operation: () -> Int32) throws(AlertChannelError) -> Int32 {
        while true {
            ERR_clear_error()
            let result = operation()
            let status = result > 0 ? SSL_ERROR_NONE : SSL_get_error(ssl, result)
            let reasons = status == SSL_ERROR_SSL || status == SSL_ERROR_SYSCALL ? TLSContext.drainErrors() : nil
            if status != SSL_ERROR_NONE && status != SSL_ERROR_WANT_READ && status != SSL_ERROR_WANT_WRITE {
                // Send what OpenSSL queued (an alert telling the server why), but report the TLS failure.
                flushQuietly()
            } else {
                try flush()
            }
            switch status {
            case SSL_ERROR_NONE:
                return result
            case SSL_ERROR_WANT_WRITE:
                continue
            case SSL_ERROR_WANT_READ:
                try fill(what)
            case SSL_ERROR_ZERO_RETURN:
                return 0
            default:
                throw failure(what, reasons: reasons)
            }
        }
    }

    private func failure(_ what: String, reasons: String?) -> AlertChannelError {
        if verifyPeer {
            let verification = SSL_get_verify_result(ssl)
            if verification != X509_V_OK {
                let reason = String(cString: X509_verify_cert_error_string(verification))
                return AlertChannelError(code: .tls, message: "\(what) failed: certificate verify failed: \(reason)")
            }
        }
        if let reasons { return AlertChannelError(code: .tls, message: "\(what) failed: \(reasons)") }
        if endOfInput {
            return AlertChannelError(code: .tls, message: "\(what) failed: the server closed the connection")
        }
        return AlertChannelError(code: .tls, message: "\(what) failed")
    }

    /// Reads from the socket into OpenSSL's input; at end of stream, lets OpenSSL see it once.
    private func fill(_ what: String) throws(AlertChannelError) {
        guard !endOfInput else {
            throw AlertChannelError(code: .tls, message: "\(what) failed: the server closed the connection")
        }
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let n: Int
        do throws(AlertChannelError) {
            n = try socket.receive(into: &buffer)
        } catch {
            throw AlertChannelError(code: what == "TLS write" ? .write : .connect, message: "\(what): \(error.message)")
        }
        if n == 0 {
            endOfInput = true
            // BIO_set_mem_eof_return(input, 0) is a macro over BIO_ctrl: an empty buffer now reads as EOF.
            _ = BIO_ctrl(input, BIO_C_SET_BUF_MEM_EOF_RETURN, 0, nil)
            return
        }
        _ = buffer.withUnsafeBytes { BIO_write(input, $0.baseAddress, Int32(n)) }
    }

    /// Sends everything OpenSSL has written to its output buffer.
    private func flush() throws(AlertChannelError) {
        while true {
            let pending = BIO_ctrl_pending(output)
            guard pending > 0 else { return }
            var chunk = [UInt8](repeating: 0, count: min(Int(pending), 65_536))
            let count = Int32(chunk.count)
            let n = chunk.withUnsafeMutableBytes { BIO_read(output, $0.baseAddress, count) }
            guard n > 0 else { return }
            try socket.send(Array(chunk[0..<Int(n)]))
        }
    }

    private func flushQuietly() {
        do throws(AlertChannelError) { try flush() } catch { _ = BIO_ctrl(output, BIO_CTRL_RESET, 0, nil) }
    }

    private static func reason() -> String { TLSContext.drainErrors() ?? "unknown OpenSSL error" }

    /// True for a literal IPv4 or IPv6 address (certificates name those in IP subject alternative names,
    /// and SNI must not carry them).
    static func isIPAddress(_ name: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, name, &buffer) == 1 || inet_pton(AF_INET6, name, &buffer) == 1
    }
}
