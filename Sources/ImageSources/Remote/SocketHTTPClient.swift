public import OCIImage

/// A small HTTP/1.1 client on POSIX sockets, for the Docker Engine socket and plain-HTTP registries on
/// loopback.
///
/// One connection per request (`Connection: close`). The response body streams straight from the
/// socket (`Content-Length`, chunked, or until close); connect and idle-read timeouts turn a dead or
/// hanging peer into an ``ImageError`` with code `network`.
public struct SocketHTTPClient: Sendable {
    /// Where the server listens.
    public var endpoint: HTTPEndpoint
    /// Connect and idle timeouts.
    public var timeouts: HTTPTimeouts

    /// A client for `endpoint`.
    public init(endpoint: HTTPEndpoint, timeouts: HTTPTimeouts = .default) {
        self.endpoint = endpoint
        self.timeouts = timeouts
    }

    /// Sends `request` and returns the response once its head has arrived.
    public func send(_ request: HTTPRequest) throws(ImageError) -> HTTPResponse {
        let bytes = try Self.serialize(request, hostHeader: endpoint.hostHeader, peer: endpoint.description)
        let connection = try SocketConnection.connect(to: endpoint, timeouts: timeouts)
        try connection.send(bytes)
        let reader = HTTPWireReader(source: connection)
        var head = try HTTPResponseHead.read(from: reader)
        var interim = 0
        while head.status < 200 {
            guard head.status != 101, interim < 10 else {
                throw ImageError(
                    code: .network,
                    subject: endpoint.description,
                    message: "unexpected HTTP \(head.status) response (protocol switch or too many interim responses)"
                )
            }
            interim += 1
            head = try HTTPResponseHead.read(from: reader)
        }
        let framing = try Self.framing(of: head, method: request.method, peer: endpoint.description)
        let body = HTTPBodyStream(reader: reader, framing: framing)
        return HTTPResponse(
            status: head.status,
            reason: head.reason,
            headers: head.headers,
            body: body,
            peer: endpoint.description
        )
    }

    /// The request bytes; header names and values with CR, LF or NUL are refused (no header injection).
    static func serialize(_ request: HTTPRequest, hostHeader: String, peer: String) throws(ImageError) -> [UInt8] {
        func refuse(_ what: String) -> ImageError {
            ImageError(code: .malformed, subject: peer, message: "refusing to send a request with \(what)")
        }
        guard !request.method.isEmpty, request.method.utf8.allSatisfy(HTTPResponseHead.isTokenByte) else {
            throw refuse("an invalid method \"\(request.method)\"")
        }
        guard request.target.hasPrefix("/"), request.target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw refuse("an invalid request target \"\(RemoteText.printable(Array(request.target.utf8)))\"")
        }
        var text = "\(request.method) \(request.target) HTTP/1.1\r\n"
        var headers = request.headers
        if !headers.contains("Host") { headers.add(name: "Host", value: hostHeader) }
        headers.replace(name: "Connection", value: "close")
        if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
            headers.replace(name: "Content-Length", value: String(request.body.count))
        }
        for field in headers.fields {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTPResponseHead.isTokenByte) else {
                throw refuse("an invalid header name \"\(RemoteText.printable(Array(field.name.utf8)))\"")
            }
            guard !field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw refuse("a line break in the value of header \(field.name)")
            }
            text += "\(field.name): \(field.value)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8) + request.body
    }

    /// How the body of a response to `method` is delimited (RFC 9112 section 6.3).
    static func framing(of head: HTTPResponseHead, method: String, peer: String) throws(ImageError)
        -> HTTPBodyStream.Framing
    {
        if method == "HEAD" || head.status == 204 || head.status == 304 || head.status < 200 { return .empty }
        let encodings = head.headers.values(for: "Transfer-Encoding")
            .flatMap { $0.split(separator: ",") }
            .map { RemoteText.trimmed(String($0)).lowercased() }
            .filter { !$0.isEmpty }
        if !encodings.isEmpty {
            return encodings.last == "chunked" ? .chunked : .untilClose
        }
        let lengths = head.headers.values(for: "Content-Length")
        guard let first = lengths.first else { return .untilClose }
        guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.count <= 18,
            first.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let length = Int(first)
        else {
            throw ImageError(
                code: .network,
                subject: peer,
                message:
                    "invalid Content-Length \"\(RemoteText.printable(Array(lengths.joined(separator: ", ").utf8)))\""
            )
        }
        return .length(length)
    }
}
