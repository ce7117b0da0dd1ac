internal import COpenSSL
internal import Glibc

/// An OpenSSL client context (`SSL_CTX`) configured from a ``TLSClientConfiguration``: TLS 1.2 or later,
/// peer verification against the CA file or the system store, the client certificate and key.
final class TLSContext: @unchecked Sendable {
    // Invariant: `pointer` is fully configured in `init` and never changed afterwards; OpenSSL allows
    // creating connections (`SSL_new`) from one configured `SSL_CTX` on several threads.

    let pointer: OpaquePointer
    let configuration: TLSClientConfiguration

    // `SSL_OP_*` are macros over `SSL_OP_BIT(n)`, which Swift does not import.
    private static let ignoreUnexpectedEOF: UInt64 = 1 << 7
    private static let noCompression: UInt64 = 1 << 17
    private static let noRenegotiation: UInt64 = 1 << 30

    /// Creates and configures the context; throws `.setup` naming the file and the OpenSSL reason.
    init(configuration: TLSClientConfiguration) throws(AlertChannelError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw Self.setupError("cannot create an OpenSSL context")
        }
        do throws(AlertChannelError) {
            try Self.configure(context, configuration)
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        pointer = context
        self.configuration = configuration
    }

    deinit { SSL_CTX_free(pointer) }

    private static func configure(_ context: OpaquePointer, _ configuration: TLSClientConfiguration)
        throws(AlertChannelError)
    {
        // SSL_CTX_set_min_proto_version is a macro over SSL_CTX_ctrl.
        guard SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil) == 1 else {
            throw setupError("cannot require TLS 1.2")
        }
        // Receivers often close without close_notify after answering; the HTTP status is already read.
        _ = SSL_CTX_set_options(context, ignoreUnexpectedEOF | noCompression | noRenegotiation)
        if configuration.verifyPeer {
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
            if let caFile = configuration.caFile {
                try requireReadable(caFile, what: "CA file")
                guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                    throw setupError("cannot load CA file \(caFile)")
                }
            } else if SSL_CTX_set_default_verify_paths(context) != 1 {
                throw setupError("cannot load the system trust store")
            }
        } else {
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        }
        switch (configuration.certificateFile, configuration.privateKeyFile) {
        case (nil, nil):
            break
        case (nil, .some(let key)):
            throw AlertChannelError(code: .setup, message: "private key \(key) given without a client certificate")
        case (.some(let certificate), let key):
            let keyFile = key ?? certificate
            try requireReadable(certificate, what: "client certificate")
            try requireReadable(keyFile, what: "private key")
            guard SSL_CTX_use_certificate_chain_file(context, certificate) == 1 else {
                throw setupError("cannot load client certificate \(certificate)")
            }
            guard SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
                throw setupError("cannot load private key \(keyFile) for client certificate \(certificate)")
            }
            guard SSL_CTX_check_private_key(context) == 1 else {
                throw setupError("private key \(keyFile) does not match client certificate \(certificate)")
            }
        }
    }

    private static func requireReadable(_ path: String, what: String) throws(AlertChannelError) {
        guard access(path, R_OK) == 0 else {
            throw AlertChannelError(
                code: .setup,
                message: "cannot read \(what) \(path): \(String(cString: strerror(errno)))"
            )
        }
    }

    private static func setupError(_ what: String) -> AlertChannelError {
        AlertChannelError(code: .setup, message: what + (drainErrors().map { ": \($0)" } ?? ""))
    }

    /// The reasons on this thread's OpenSSL error queue, oldest first and without repeats, joined by
    /// `"; "`; nil when the queue is empty. Empties the queue.
    static func drainErrors() -> String? {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            let reason: String
            if let text = ERR_reason_error_string(code) {
                reason = String(cString: text)
            } else {
                var buffer = [CChar](repeating: 0, count: 256)
                ERR_error_string_n(code, &buffer, buffer.count)
                reason = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}
