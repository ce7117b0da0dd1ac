import OCIImage

/// A connection the HTTP/1.1 parser reads from (a socket, or bytes in memory in tests).
protocol HTTPByteSource: AnyObject {
    /// Who is at the other end, for messages (`unix:///var/run/docker.sock`).
    var peerDescription: String { get }
    /// Reads up to `buffer.count` bytes; 0 at end of stream. Throws on timeout or socket error.
    func receive(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int
    /// Releases the connection (idempotent).
    func close()
}
