/// A content digest as OCI writes it: `algorithm:hex` (`sha256:e3b0…`).
///
/// Only `sha256` and `sha512` are accepted, with lower-case hex of the right length, so a digest is
/// always safe to use as a file name (`blobs/sha256/<hex>`): it never contains `/` or `..`.
public struct Digest: Hashable, Sendable, CustomStringConvertible {
    /// A supported hash algorithm.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        case sha256, sha512

        /// Length of the hex encoding.
        public var hexLength: Int { self == .sha256 ? 64 : 128 }
    }

    /// The algorithm.
    public var algorithm: Algorithm
    /// Lower-case hex of the hash.
    public var hex: String

    /// Parses `sha256:<64 hex>` or `sha512:<128 hex>`; nil for anything else.
    public init?(_ text: String) {
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        guard let algorithm = Algorithm(rawValue: String(text[..<colon])) else { return nil }
        let hex = text[text.index(after: colon)...]
        guard hex.utf8.count == algorithm.hexLength, hex.utf8.allSatisfy(Digest.isLowerHex) else { return nil }
        self.algorithm = algorithm
        self.hex = String(hex)
    }

    /// A digest from an algorithm and raw hash bytes.
    public init(algorithm: Algorithm, bytes: some Sequence<UInt8>) {
        self.algorithm = algorithm
        self.hex = Digest.hexString(bytes)
    }

    /// Parses `text` or throws ``ImageError/Code-swift.struct/malformed`` (or `unsupportedFormat` for an
    /// unknown algorithm) naming `subject`.
    public static func parse(_ text: String, subject: String) throws(ImageError) -> Digest {
        if let digest = Digest(text) { return digest }
        let algorithm = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        if !algorithm.isEmpty, Algorithm(rawValue: algorithm) == nil, text.contains(":") {
            throw ImageError(
                code: .unsupportedFormat,
                subject: subject,
                message: "digest algorithm '\(algorithm)' is not supported (sha256 and sha512 are)"
            )
        }
        throw ImageError(code: .malformed, subject: subject, message: "'\(text.prefix(200))' is not a valid digest")
    }

    /// `algorithm:hex`.
    public var description: String { "\(algorithm.rawValue):\(hex)" }

    /// The first 12 hex digits, for messages (`sha256:e3b0c44298fc`).
    public var short: String { "\(algorithm.rawValue):\(hex.prefix(12))" }

    /// The digest of `bytes` with `algorithm`.
    public static func compute(_ algorithm: Algorithm = .sha256, of bytes: [UInt8]) -> Digest {
        var hasher = StreamingHasher(algorithm)
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }

    private static func isLowerHex(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))
    }

    static func hexString(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(128)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
