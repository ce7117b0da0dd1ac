public import OCIImage

/// An HTTP response whose body is still to be read, as a stream.
public struct HTTPResponse {
    /// The status code (`200`, `404`…).
    public var status: Int
    /// The reason phrase as sent.
    public var reason: String
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body; reading it to the end (or dropping the response) releases the connection.
    public var body: any ByteStream
    /// Who answered, for messages (`unix:///var/run/docker.sock`, `https://registry/v2/…`).
    public var peer: String

    /// A response.
    public init(status: Int, reason: String, headers: HTTPHeaders, body: any ByteStream, peer: String) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.peer = peer
    }

    /// Reads the whole body; throws ``ImageError`` `tooLarge` when it exceeds `limit` bytes.
    public mutating func readBody(limit: Int) throws(ImageError) -> [UInt8] {
        var out = [UInt8]()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try body.read(into: chunk)
            if n == 0 { return out }
            guard out.count + n <= limit else {
                throw ImageError(
                    code: .tooLarge,
                    subject: peer,
                    message: "the response body is larger than \(limit) bytes"
                )
            }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    /// The body as text for error messages (at most 4 KiB read, printable, shortened).
    public mutating func bodySnippet() -> String {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
        defer { chunk.deallocate() }
        let n = (try? body.read(into: chunk)) ?? 0
        return RemoteText.printable(chunk[0..<n], limit: 300)
    }
}
