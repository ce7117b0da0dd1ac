/// The 64-bit FNV-1a hash: a small, stable, non-cryptographic hash for fingerprints.
///
/// Reporters use it to derive fingerprints that stay the same across runs and machines
/// (SARIF `partialFingerprints`, GitLab `fingerprint`). It is not a security primitive: never use it
/// where an attacker could profit from a collision.
public struct FNV1a64: Sendable, Hashable {
    /// The standard FNV-1a 64-bit offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The standard FNV-1a 64-bit prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of everything combined so far.
    public private(set) var value: UInt64

    /// Starts a hash at `seed` (the standard offset basis unless a second, independent hash is wanted).
    public init(seed: UInt64 = FNV1a64.offsetBasis) {
        self.value = seed
    }

    /// Feeds bytes into the hash.
    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* FNV1a64.prime
        }
    }

    /// Feeds the UTF-8 bytes of `string` into the hash.
    public mutating func combine(_ string: String) {
        combine(string.utf8)
    }

    /// The value as 16 lowercase hexadecimal digits.
    public var hexDigest: String { FNV1a64.hex(value) }

    /// The standard FNV-1a 64 hash of the UTF-8 bytes of `string`.
    public static func hash(_ string: String, seed: UInt64 = FNV1a64.offsetBasis) -> UInt64 {
        var hasher = FNV1a64(seed: seed)
        hasher.combine(string)
        return hasher.value
    }

    /// `value` as 16 lowercase hexadecimal digits, zero-padded.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
