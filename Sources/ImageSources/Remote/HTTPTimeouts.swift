/// Connect and read timeouts of the HTTP clients (Docker Engine and registries).
///
/// `read` is an idle timeout: it bounds the time without any byte from the peer, not the length of a
/// whole transfer, so a slow but moving multi-gigabyte blob is never cut, while a hanging peer is.
public struct HTTPTimeouts: Sendable, Hashable {
    /// Time allowed to establish a connection (TCP handshake or Unix socket connect).
    public var connect: Duration
    /// Longest time without receiving (or being able to send) a byte.
    public var read: Duration

    /// Timeouts of 30 seconds each unless given.
    public init(connect: Duration = .seconds(30), read: Duration = .seconds(30)) {
        self.connect = connect
        self.read = read
    }

    /// 30 seconds to connect, 30 seconds of silence at most.
    public static var `default`: HTTPTimeouts { HTTPTimeouts() }

    var connectMilliseconds: Int32 { Self.milliseconds(connect) }
    var readMilliseconds: Int32 { Self.milliseconds(read) }
    var readSeconds: Double { Double(readMilliseconds) / 1000 }
    var connectSeconds: Double { Double(connectMilliseconds) / 1000 }

    /// A duration for messages: `30 s`, `0.5 s`.
    static func describe(_ duration: Duration) -> String {
        let ms = milliseconds(duration)
        if ms % 1000 == 0 { return "\(ms / 1000) s" }
        return "\(Double(ms) / 1000) s"
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = seconds.multipliedReportingOverflow(by: 1000)
        if total.overflow || total.partialValue > Int64(Int32.max) { return Int32.max }
        let ms = total.partialValue + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(1, ms))
    }
}
