/// A connected byte stream that channels write alerts to: a plain socket (``SocketConnection``) or TLS
/// over one (``TLSConnection``).
protocol StreamConnection: AnyObject {
    /// Sends every byte (one datagram for UDP).
    func send(_ bytes: [UInt8]) throws(AlertChannelError)
    /// Reads until the peer closes or `limit` bytes arrived.
    func receiveAll(limit: Int) throws(AlertChannelError) -> [UInt8]
    /// True when the peer has closed or reset the connection, checked without blocking, so that a
    /// channel reconnects instead of writing its next alert into a dead connection.
    func peerHasClosed() -> Bool
    /// Closes the connection (TLS: after sending close_notify); idempotent.
    func close()
}
