internal import OCIImage

/// Transparent gzip decompression for feed files published as `.gz` (NVD yearly feeds, EPSS).
enum FeedDecompression {
    /// Largest expanded feed accepted (the NVD yearly feeds are < 200 MB, EPSS < 20 MB).
    static let maximumExpandedSize = 2 << 30

    /// `bytes` unchanged unless they start with the gzip magic, else their decompressed content.
    static func gunzipIfNeeded(_ bytes: [UInt8], path: String) throws(FeedError) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else { return bytes }
        var limits = ImageReadLimits()
        limits.maximumLayerSize = maximumExpandedSize
        var stream = DecompressingStream(MemoryByteStream(bytes), limits: limits, subject: path)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            var count = 0
            var failure: ImageError?
            chunk.withUnsafeMutableBytes { buffer in
                do throws(ImageError) {
                    count = try stream.read(into: buffer)
                } catch {
                    failure = error
                }
            }
            if let error = failure {
                let kind: FeedError.Kind =
                    switch error.code {
                    case .decompressionBomb: .decompressionBomb
                    case .truncated: .truncated
                    case .tooLarge: .tooLarge
                    default: .malformed
                    }
                throw FeedError(kind, path: path, reason: "gzip: \(error.message)")
            }
            if count == 0 { break }
            output.append(contentsOf: chunk[0..<count])
        }
        return output
    }
}
