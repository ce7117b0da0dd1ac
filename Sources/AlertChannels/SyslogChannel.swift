internal import Foundation

/// Syslog RFC 5424 over UDP (one datagram per alert) or TCP (RFC 6587 octet counting:
/// `LEN SP <PRI>1 …`).
///
/// Frame: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID - MSG`, PRI = facility × 8 + severity,
/// TIMESTAMP the event time in UTC with microseconds. TCP reconnects on the next send after a failure.
/// TLS is not supported yet.
public final class SyslogChannel: AlertChannel, @unchecked Sendable {
    // Invariant: `connection` and `closed` are only touched with `lock` held.

    /// UDP or TCP.
    public enum Transport: Sendable, Hashable { case udp, tcp }

    /// `syslog-udp` or `syslog-tcp`.
    public let name: String
    private let host: String
    private let port: UInt16
    private let transport: Transport
    private let facility: SyslogFacility
    private let header: String
    private let timeout: Double
    private let lock = NSLock()
    private var connection: SocketConnection?
    private var closed = false

    /// Creates a channel; the connection is made on the first send. `hostname`, `appName`, `procID` and
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
        name = transport == .udp ? "syslog-udp" : "syslog-tcp"
        header = [hostname, appName, procID, messageID].map(Self.headerField).joined(separator: " ")
    }

    /// The RFC 5424 frame for `message` (without TCP octet count).
    public func frame(_ message: AlertMessage) -> String {
        let pri = facility.code * 8 + message.severity
        return "<\(pri)>1 \(Self.timestamp(message.time)) \(header) - \(message.text)"
    }

    /// Sends one frame; on TCP prefixed with its byte count.
    public func send(_ message: AlertMessage) throws(AlertChannelError) {
        let body = Array(frame(message).utf8)
        let bytes = transport == .tcp ? Array("\(body.count) ".utf8) + body : body
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { throw AlertChannelError(code: .closed, message: "\(name) is closed") }
        do throws(AlertChannelError) {
            let socket: SocketConnection
            if let existing = connection {
                socket = existing
            } else {
                socket = try SocketConnection(
                    host: host,
                    port: port,
                    kind: transport == .tcp ? .tcp : .udp,
                    timeout: timeout
                )
                connection = socket
            }
            try socket.send(bytes)
        } catch {
            connection?.close()
            connection = nil
            throw AlertChannelError(code: error.code, message: "\(name) \(host):\(port): \(error.message)")
        }
    }

    /// Closes the connection.
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
