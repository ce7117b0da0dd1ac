/// Name-based UUIDs (RFC 9562 version 5 layout) derived from SHA-256 instead of SHA-1.
///
/// Equal inputs give equal UUIDs, so an SBOM's serial number and namespace depend only on its content.
/// The version nibble is 5 and the variant bits are `10`, so the result passes every RFC 4122 pattern.
public enum DeterministicUUID {
    /// The UUID of `name` as lowercase `8-4-4-4-12` text.
    public static func make(_ name: String) -> String {
        var bytes = Array(SHA256Digest.hash(Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = SHA256Digest.hex(bytes)
        let scalars = Array(hex)
        return String(scalars[0..<8]) + "-" + String(scalars[8..<12]) + "-" + String(scalars[12..<16]) + "-"
            + String(scalars[16..<20]) + "-" + String(scalars[20..<32])
    }
}
