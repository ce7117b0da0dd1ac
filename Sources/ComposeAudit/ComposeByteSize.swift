/// Byte sizes as Compose (docker/go-units `RAMInBytes`) reads them: a decimal number with an optional unit
/// `b`, `k`, `m`, `g`, `t`, `p` (binary multiples), optionally followed by `b` (`512m`, `1g`, `1.5GB`, `100kb`),
/// case-insensitive.
enum ComposeByteSize {
    /// The size in bytes, or nil when `text` is not a size or overflows.
    static func parse(_ text: String) -> Int? {
        var body = text.trimmingSpaces().lowercased()
        guard !body.isEmpty else { return nil }
        if body.hasSuffix("b") { body.removeLast() }
        var multiplier = 1.0
        if let last = body.last, let power = "kmgtp".firstIndex(of: last) {
            multiplier = Double(1 << (10 * ("kmgtp".distance(from: "kmgtp".startIndex, to: power) + 1)))
            body.removeLast()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let number = Double(body)
        else { return nil }
        let bytes = number * multiplier
        guard bytes.isFinite, bytes < 9.0e18 else { return nil }
        return Int(bytes)
    }
}
