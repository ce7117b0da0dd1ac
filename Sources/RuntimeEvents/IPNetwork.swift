/// A CIDR network such as `10.0.0.0/8` or `fd00::/8`, used by the `ipnet` fields (`fd.snet`, `fd.net`…).
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The network address as written (host bits are ignored when matching).
    public let address: IPAddress
    /// The prefix length: 0–32 for IPv4, 0–128 for IPv6.
    public let prefixLength: Int

    /// Parses `address/prefix`; a bare address is a host network (/32 or /128). Nil when invalid.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])) else { return nil }
        let maximum = address.bytes.count * 8
        var length = maximum
        if parts.count == 2 {
            guard parts[1].count <= 3, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(parts[1]),
                value <= maximum
            else { return nil }
            length = value
        }
        self.address = address
        prefixLength = length
    }

    /// True when `ip` is of the same family and shares the first `prefixLength` bits.
    public func contains(_ ip: IPAddress) -> Bool {
        guard ip.bytes.count == address.bytes.count else { return false }
        var remaining = prefixLength
        var index = 0
        while remaining > 0 {
            let bits = min(remaining, 8)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if ip.bytes[index] & mask != address.bytes[index] & mask { return false }
            remaining -= bits
            index += 1
        }
        return true
    }

    /// `address/prefix`.
    public var description: String { "\(address)/\(prefixLength)" }
}
