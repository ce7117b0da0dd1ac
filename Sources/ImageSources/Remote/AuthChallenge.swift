/// One challenge of a `WWW-Authenticate` header (`Bearer realm="…",service="…",scope="…"`).
struct AuthChallenge: Sendable, Hashable {
    /// The scheme, lower-cased (`bearer`, `basic`).
    var scheme: String
    /// Parameters by lower-cased name.
    var parameters: [String: String] = [:]

    /// Parses every challenge in the given header values (RFC 9110 section 11.6.1; several challenges may
    /// share one value, separated by commas). Junk is skipped, never fatal.
    static func parse(_ values: [String]) -> [AuthChallenge] {
        var result = [AuthChallenge]()
        for value in values { parse(Array(value.utf8), into: &result) }
        return result
    }

    private static func parse(_ b: [UInt8], into result: inout [AuthChallenge]) {
        var i = 0
        let n = b.count
        func skipSpace() { while i < n, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        func isTokenByte(_ byte: UInt8) -> Bool { HTTPResponseHead.isTokenByte(byte) }
        func readToken() -> String? {
            let start = i
            while i < n, isTokenByte(b[i]) { i += 1 }
            return i > start ? String(decoding: b[start..<i], as: UTF8.self) : nil
        }
        func readValue() -> String {
            if i < n, b[i] == UInt8(ascii: "\"") {
                i += 1
                var out = [UInt8]()
                while i < n, b[i] != UInt8(ascii: "\"") {
                    if b[i] == UInt8(ascii: "\\"), i + 1 < n { i += 1 }
                    out.append(b[i])
                    i += 1
                }
                if i < n { i += 1 }
                return String(decoding: out, as: UTF8.self)
            }
            let start = i
            while i < n, b[i] != UInt8(ascii: ","), b[i] != 0x20, b[i] != 0x09 { i += 1 }
            return String(decoding: b[start..<i], as: UTF8.self)
        }
        while i < n {
            skipSpace()
            while i < n, b[i] == UInt8(ascii: ",") || b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            guard i < n else { return }
            guard let token = readToken() else {
                i += 1
                continue
            }
            skipSpace()
            if i < n, b[i] == UInt8(ascii: "=") {
                let isToken68 = i + 1 >= n || b[i + 1] == UInt8(ascii: "=") || b[i + 1] == UInt8(ascii: ",")
                if !isToken68, !result.isEmpty {
                    i += 1
                    skipSpace()
                    let value = readValue()
                    result[result.count - 1].parameters[token.lowercased()] = value
                } else {
                    while i < n, b[i] == UInt8(ascii: "=") { i += 1 }
                }
            } else {
                result.append(AuthChallenge(scheme: token.lowercased()))
            }
        }
    }
}
