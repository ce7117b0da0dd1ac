import Crypto

/// SHA-256 for the stable document identifiers SBOMFormats derives (serial numbers, namespaces,
/// package ids): a thin incremental wrapper over swift-crypto's `SHA256`.
struct SHA256Digest {
    private var hasher = SHA256()

    init() {}

    /// Adds `bytes` to the hash.
    mutating func update(_ bytes: some Collection<UInt8>) {
        hasher.update(data: Array(bytes))
    }

    /// Adds the UTF-8 bytes of `string` to the hash.
    mutating func update(_ string: String) {
        hasher.update(data: Array(string.utf8))
    }

    /// The 32-byte digest.
    func finalize() -> [UInt8] { Array(hasher.finalize()) }

    /// The digest of `bytes` in one call.
    static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256Digest()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The lowercase hexadecimal digest of the UTF-8 bytes of `string`.
    static func hexHash(_ string: String) -> String {
        var hasher = SHA256Digest()
        hasher.update(string)
        return hex(hasher.finalize())
    }

    /// Lowercase hexadecimal text of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
