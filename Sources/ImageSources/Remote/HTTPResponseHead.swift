import OCIImage

/// The status line and header fields of an HTTP/1.x response.
struct HTTPResponseHead: Sendable, Hashable {
    var minorVersion: Int
    var status: Int
    var reason: String
    var headers: HTTPHeaders

    static let maximumHeadBytes = 64 * 1024
    static let maximumFields = 200

    /// Reads a response head (status line, fields, blank line) from `reader`.
    ///
    /// Anything that is not HTTP/1.x — a wrong protocol, binary noise, a missing blank line before the
    /// peer closes, an oversized head — is an ``ImageError`` (code `network`) that quotes what came.
    static func read(from reader: HTTPWireReader) throws(ImageError) -> HTTPResponseHead {
        let peer = reader.peer
        guard let statusLine = try reader.readLine(limit: 8192, what: "the HTTP status line") else {
            throw ImageError(
                code: .network,
                subject: peer,
                message: "the server closed the connection without sending a response"
            )
        }
        var head = try parseStatusLine(statusLine, peer: peer)
        var total = statusLine.count
        while true {
            guard let line = try reader.readLine(limit: maximumHeadBytes, what: "the HTTP response head") else {
                throw ImageError(
                    code: .network,
                    subject: peer,
                    message: "the connection closed before the end of the HTTP response head"
                )
            }
            total += line.count + 2
            if total > maximumHeadBytes {
                throw ImageError(
                    code: .network,
                    subject: peer,
                    message: "the HTTP response head is larger than \(maximumHeadBytes) bytes"
                )
            }
            if line.isEmpty { return head }
            guard head.headers.fields.count < maximumFields else {
                throw ImageError(
                    code: .network,
                    subject: peer,
                    message: "the HTTP response has more than \(maximumFields) header fields"
                )
            }
            head.headers.add(try parseField(line, peer: peer))
        }
    }

    static func parseStatusLine(_ line: [UInt8], peer: String) throws(ImageError) -> HTTPResponseHead {
        func malformed() -> ImageError {
            ImageError(
                code: .network,
                subject: peer,
                message: "malformed HTTP status line \"\(RemoteText.printable(line))\" (is the peer an HTTP server?)"
            )
        }
        let prefix = Array("HTTP/1.".utf8)
        guard line.count >= 12, Array(line[0..<7]) == prefix, line[8] == 0x20 else { throw malformed() }
        let minor = line[7]
        guard minor == UInt8(ascii: "0") || minor == UInt8(ascii: "1") else { throw malformed() }
        var status = 0
        for byte in line[9..<12] {
            guard byte >= 48 && byte <= 57 else { throw malformed() }
            status = status * 10 + Int(byte - 48)
        }
        guard status >= 100 else { throw malformed() }
        var reason = ""
        if line.count > 12 {
            guard line[12] == 0x20 else { throw malformed() }
            reason = String(decoding: line[13...], as: UTF8.self)
        }
        return HTTPResponseHead(minorVersion: Int(minor - 48), status: status, reason: reason, headers: HTTPHeaders())
    }

    static func parseField(_ line: [UInt8], peer: String) throws(ImageError) -> HTTPHeaderField {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
            line[0..<colon].allSatisfy(isTokenByte)
        else {
            throw ImageError(
                code: .network,
                subject: peer,
                message: "malformed HTTP header line \"\(RemoteText.printable(line))\""
            )
        }
        var valueStart = colon + 1
        var valueEnd = line.count
        while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
        while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 { valueEnd -= 1 }
        return HTTPHeaderField(
            name: String(decoding: line[0..<colon], as: UTF8.self),
            value: String(decoding: line[valueStart..<valueEnd], as: UTF8.self)
        )
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

extension HTTPHeaders {
    mutating func add(_ field: HTTPHeaderField) { add(name: field.name, value: field.value) }
}
