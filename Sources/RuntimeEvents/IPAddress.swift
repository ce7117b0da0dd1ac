/// An IPv4 or IPv6 address, parsed from and printed to its usual text form.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// Network-order bytes: 4 for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// Creates an address from 4 or 16 bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` and an embedded IPv4 tail); nil when invalid.
    public init?(_ text: String) {
        guard text.utf8.count <= 64 else { return nil }
        if text.contains(":") {
            guard let parsed = IPAddress.parseV6(Substring(text)) else { return nil }
            bytes = parsed
        } else {
            guard let parsed = IPAddress.parseV4(Substring(text)) else { return nil }
            bytes = parsed
        }
    }

    /// True for an IPv4 address.
    public var isIPv4: Bool { bytes.count == 4 }

    /// The text form: dotted quad, or RFC 5952 IPv6 (lowercase, longest zero run shortened to `::`).
    public var description: String {
        if isIPv4 { return bytes.map { String($0) }.joined(separator: ".") }
        var groups: [Int] = []
        for i in stride(from: 0, to: 16, by: 2) { groups.append(Int(bytes[i]) << 8 | Int(bytes[i + 1])) }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8, groups[end] == 0 { end += 1 }
                if end - index > bestLength {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        if bestLength < 2 { return groups.map { String($0, radix: 16) }.joined(separator: ":") }
        let head = groups[..<bestStart].map { String($0, radix: 16) }.joined(separator: ":")
        let tail = groups[(bestStart + bestLength)...].map { String($0, radix: 16) }.joined(separator: ":")
        return head + "::" + tail
    }

    private static func parseV4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = UInt8(part)
            else { return nil }
            out.append(value)
        }
        return out
    }

    private static func parseGroups(_ text: Substring) -> [UInt8]? {
        if text.isEmpty { return [] }
        var out: [UInt8] = []
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        for (i, part) in parts.enumerated() {
            if i == parts.count - 1, part.contains(".") {
                guard let v4 = parseV4(part) else { return nil }
                out += v4
                continue
            }
            guard !part.isEmpty, part.count <= 4, let value = UInt16(part, radix: 16) else { return nil }
            out += [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        return out
    }

    private static func parseV6(_ text: Substring) -> [UInt8]? {
        let halves = text.split(separator: "::", maxSplits: 2, omittingEmptySubsequences: false)
        switch halves.count {
        case 1:
            guard let all = parseGroups(halves[0]), all.count == 16 else { return nil }
            return all
        case 2:
            guard let head = parseGroups(halves[0]), let tail = parseGroups(halves[1]),
                head.count + tail.count <= 14
            else { return nil }
            return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
        default:
            return nil
        }
    }
}
