/// Percent-encoding of file paths into URI references (RFC 3986), for SARIF `artifactLocation.uri`.
enum URIReference {
    /// `path` as a relative (or absolute-path) URI reference: unreserved characters, `/` and the
    /// sub-delimiters stay, every other byte of the UTF-8 encoding becomes `%XX`. `:` is encoded too so
    /// that the first segment can never be read as a scheme; `-` (standard input) becomes `stdin`.
    static func encodingPath(_ path: String) -> String {
        if path == "-" { return "stdin" }
        var out = ""
        for byte in path.utf8 {
            if isAllowed(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return otherAllowed.contains(byte)
        }
    }

    private static let otherAllowed = Set("-._~/!$&'()*+,;=@".utf8)
}
