internal import Foundation

/// Syslog RFC 5424 over UDP (one datagram per alert), TCP (RFC 6587 octet counting:
/// `LEN SP <PRI>1 …`) or TLS (RFC 5425, the same octet counting inside TLS).
///
/// Frame: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG`, PRI = facility × 8 + severity,
/// TIMESTAMP the event time in UTC with microseconds. TCP and TLS keep one connection; before each send
/// they check, without blocking, whether the server closed it, and reconnect then or on the next send
/// after a failure. Syslog has no acknowledgements: an alert written into a connection that the server
/// drops at that moment counts as delivered.
public final class SyslogChannel: AlertChannel, @unchecked Sendable {
    // Invariant: `connection`, `tlsContext` and `closed` are only touched with `lock` held.

    /// UDP, TCP, or TLS with its client configuration.
    public enum Transport: Sendable, Hashable {
        /// One datagram per alert.
        case udp
        /// Octet-counted frames on a TCP connection.
        case tcp
        /// Octet-counted frames on a TLS connection (RFC 5425).
        case tls(TLSClientConfiguration)
    }

    /// `syslog-udp`, `syslog-tcp` or `syslog-tls`.
    public let name: String
    private let host: String
    private let port: UInt16
    private let transport: Transport
    private let facility: SyslogFacility
    private let header: String
    private let timeout: Double
    private let lock = NSLock()
    private var connection: (any StreamConnection)?
    private var tlsContext: TLSContext?
    private var closed = false

    /// Creates a channel; the connection (and for TLS the OpenSSL context, so a bad CA or key file is
    /// reported by the first send; ``TLSClientConfiguration/validate()`` checks it earlier) is made on
    /// the first send. `hostname`, `appName`, `procID` and
    /// `messageID` go into the header (`-` when empty; spaces become `_`).
    public init(
        host: String,
        port: UInt16,
        transport: Transport,
        facility: SyslogFacility = .user,
        hostname: String,
        appName: String = "bulkhead",
        procID: String = "-",
        messageID: String = "alert",
        timeout: Double = 5
    ) {
        self.host = host
        self.port = port
        self.transport = transport
        self.facility = facility
        self.timeout = timeout
        switch transport {
        case .udp: name = "syslog-udp"
        case .tcp: name = "syslog-tcp"
        case .tls: name = "syslog-tls"
        }
        header = [hostname, appName, procID, messageID].map(Self.headerField).joined(separator: " ")
    }

    /// The RFC 5424 frame for `message` (without TCP octet count).
    public func frame(_ message: AlertMessage) -> String {
        let pri = facility.code * 8 + message.severity
        return "<\(pri)>1 \(Self.timestamp(message.time)) \(header) - \(message.text)"
    }

    /// Sends one frame; on TCP and TLS prefixed with its byte count.
    public func send(_ message: AlertMessage) throws(AlertChannelError) {
        let body = Array(frame(message).utf8)
        let bytes = transport == .udp ? body : Array("\(body.count) ".utf8) + body
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { throw AlertChannelError(code: .closed, message: "\(name) is closed") }
        do throws(AlertChannelError) {
            let stream: any StreamConnection
            if let existing = connection, !existing.peerHasClosed() {
                stream = existing
            } else {
                connection?.close()
                connection = nil
                stream = try connect()
                connection = stream
            }
            try stream.send(bytes)
        } catch {
            connection?.close()
            connection = nil
            throw AlertChannelError(code: error.code, message: "\(name) \(host):\(port): \(error.message)")
        }
    }

    private func connect() throws(AlertChannelError) -> any StreamConnection {
        switch transport {
        case .udp:
            return try SocketConnection(host: host, port: port, kind: .udp, timeout: timeout)
        case .tcp:
            return try SocketConnection(host: host, port: port, kind: .tcp, timeout: timeout)
        case .tls(let configuration):
            let context: TLSContext
            if let existing = tlsContext {
                context = existing
            } else {
                context = try TLSContext(configuration: configuration)
                tlsContext = context
            }
            return try TLSConnection.connect(host: host, port: port, context: context, timeout: timeout)
        }
    }

    /// Closes the connection (TLS: after sending close_notify).
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        connection?.close()
        connection = nil
    }

    /// `2026-11-29T07:42:16.123456Z`.
    static func timestamp(_ nanoseconds: UInt64) -> String {
        let seconds = Int(nanoseconds / 1_000_000_000)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        let micros = Int(nanoseconds % 1_000_000_000 / 1000)
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-"
            + pad(Int(parts.tm_mday), 2)
            + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2) + "."
            + pad(micros, 6) + "Z"
    }

    private static func headerField(_ value: String) -> String {
        let cleaned = String(value.map { $0.isASCII && $0 > " " && $0 != "\u{7F}" ? $0 : "_" })
        return cleaned.isEmpty ? "-" : cleaned
    }
}
