/// An HTTP/1.1 request for ``SocketHTTPClient``.
public struct HTTPRequest: Sendable, Hashable {
    /// `GET`, `HEAD`, `POST`…
    public var method: String
    /// The request target: an absolute path with an optional query (`/v2/library/alpine/manifests/3.19`).
    public var target: String
    /// Header fields; `Host`, `Connection: close` and `Content-Length` are added when missing.
    public var headers: HTTPHeaders
    /// The request body (empty for most requests).
    public var body: [UInt8]

    /// A request.
    public init(method: String = "GET", target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}
