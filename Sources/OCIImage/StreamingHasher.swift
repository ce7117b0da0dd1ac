internal import Crypto

/// An incremental SHA-256 or SHA-512 (BoringSSL through swift-crypto, hardware accelerated where
/// the CPU allows).
struct StreamingHasher {
    private var sha256: SHA256?
    private var sha512: SHA512?

    init(_ algorithm: Digest.Algorithm) {
        switch algorithm {
        case .sha256: sha256 = SHA256()
        case .sha512: sha512 = SHA512()
        }
    }

    /// Hashes `bytes` in place (optional chaining keeps the context uniquely referenced: no copy).
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        sha256?.update(bufferPointer: bytes)
        sha512?.update(bufferPointer: bytes)
    }

    func finalize() -> Digest {
        if let sha512 { return Digest(algorithm: .sha512, bytes: sha512.finalize()) }
        return Digest(algorithm: .sha256, bytes: (sha256 ?? SHA256()).finalize())
    }
}
