import Crypto

/// SHA-256 for the digests the remote sources check themselves: manifests, configs and index
/// entries. A thin incremental wrapper over swift-crypto's `SHA256`; layer blobs are verified by the
/// image reader.
struct RemoteSHA256 {
    private var hasher = SHA256()

    init() {}

    /// `sha256:<hex>` of `bytes`.
    static func digest<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var hasher = RemoteSHA256()
        hasher.update(Array(bytes))
        return "sha256:" + RemoteText.hex(hasher.finalize())
    }

    mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }

    mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    mutating func finalize() -> [UInt8] { Array(hasher.finalize()) }
}
