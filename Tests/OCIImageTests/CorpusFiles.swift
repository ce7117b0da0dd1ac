import Foundation
import OCIImage
import TestSupport
import Testing

/// Test inputs from the shared corpus (read in place).
enum CorpusFiles {
    /// True when the image corpus is present, or when it must be (integration runs).
    static let available = Corpus.path("images/synthetic-layer-tars") != nil || Corpus.integrationRequired
    static let reason: Comment = "the shared corpus (images/) is missing; set BULKHEAD_CORPUS"

    /// The bytes of `images/<relative>`; records an issue and throws when missing.
    static func bytes(_ relative: String) throws -> [UInt8] {
        let path = try #require(Corpus.path("images/" + relative), "corpus file images/\(relative) is missing")
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
