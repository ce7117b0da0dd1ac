import CZlib
import Foundation
import ImageSources
import OCIImage
import SecurityModel
import TestSupport
import Testing

/// Shared helpers of the local-source tests.
enum Local {
    static let corpusAvailable = Corpus.path("images/docker-save") != nil || Corpus.integrationRequired
    static let corpusReason: Comment = "the shared corpus (images/) is missing; set BULKHEAD_CORPUS"

    static func corpus(_ relative: String) throws -> String {
        try #require(Corpus.path("images/" + relative), "corpus file images/\(relative) is missing")
    }

    static func gzip(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(
            &stream,
            6,
            Z_DEFLATED,
            15 + 16,
            8,
            Z_DEFAULT_STRATEGY,
            zlibVersion(),
            Int32(MemoryLayout<z_stream>.size)
        )
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 64)
        var input = data
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                _ = deflate(&stream, Z_FINISH)
                return outBuf.count - Int(stream.avail_out)
            }
        }
        return Array(out[0..<produced])
    }

    static func sha256(_ data: [UInt8]) -> String { Digest.compute(.sha256, of: data).description }

    static let builder = ImageArchiveBuilder(sha256: { Local.sha256($0) }, compress: { Local.gzip($0) })

    /// A fresh private temporary directory, removed by the caller via `cleanUp`.
    static func temporaryDirectory(_ name: String = "test") throws -> String {
        let path = NSTemporaryDirectory() + "bulkhead-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Every path under `directory` (relative), recursively.
    static func listing(_ directory: String) -> [String] {
        (FileManager.default.subpaths(atPath: directory) ?? []).sorted()
    }

    /// Reads `source` keeping every file's content in a scratch store under `scratchParent`.
    static func read(
        _ source: any ImageSource,
        limits: ImageReadLimits = ImageReadLimits(),
        scratchParent: String? = nil,
        isRequired: @escaping (String) -> Bool = { _ in true }
    ) throws -> ImageContents {
        let store: any ContentStore =
            if let scratchParent { try ScratchContentStore(parent: scratchParent) } else { InMemoryContentStore() }
        return try ImageReader(source: source, limits: limits, store: store).read(isRequired: isRequired)
    }
}
