/// How a layer blob is compressed, detected from its first bytes (media types lie more often than
/// magic numbers do).
public enum CompressionFormat: String, Sendable, Hashable {
    case none, gzip, zstd

    /// The format the bytes `prefix` (at least 4 when the blob has them) start with. Throws for
    /// compressions no runtime accepts for layers (bzip2, xz) so they are never mistaken for tar.
    public static func detect(_ prefix: UnsafeRawBufferPointer, subject: String) throws(ImageError) -> CompressionFormat
    {
        try detect(Array(prefix.prefix(6)), subject: subject)
    }

    /// The format the bytes `b` start with (see the buffer variant).
    public static func detect(_ b: [UInt8], subject: String) throws(ImageError) -> CompressionFormat {
        if b.count >= 2, b[0] == 0x1F, b[1] == 0x8B { return .gzip }
        if b.count >= 4, b[0] == 0x28, b[1] == 0xB5, b[2] == 0x2F, b[3] == 0xFD { return .zstd }
        // zstd skippable frame (0x184D2A50…0x184D2A5F, little endian)
        if b.count >= 4, b[0] & 0xF0 == 0x50, b[1] == 0x2A, b[2] == 0x4D, b[3] == 0x18 { return .zstd }
        if b.count >= 6, b == [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00] {
            throw ImageError(
                code: .unsupportedMediaType,
                subject: subject,
                message: "xz-compressed layers are not supported"
            )
        }
        if b.count >= 3, b[0] == UInt8(ascii: "B"), b[1] == UInt8(ascii: "Z"), b[2] == UInt8(ascii: "h") {
            throw ImageError(
                code: .unsupportedMediaType,
                subject: subject,
                message: "bzip2-compressed layers are not supported"
            )
        }
        return .none
    }

    /// The format a layer media type names (`…tar+gzip`, `…tar+zstd`, `…tar`), or nil when the
    /// media type says nothing (detection from the bytes decides then).
    public static func fromMediaType(_ mediaType: String?) -> CompressionFormat? {
        guard let mediaType else { return nil }
        if mediaType.hasSuffix("+gzip") || mediaType.hasSuffix(".tar.gzip") || mediaType.hasSuffix("diff.tar.gzip") {
            return .gzip
        }
        if mediaType.hasSuffix("+zstd") { return .zstd }
        if mediaType.hasSuffix(".tar") || mediaType.hasSuffix("layer.v1.tar") { return CompressionFormat.none }
        return nil
    }
}
