import Foundation
import OCIImage

/// Where the files of an OCI image layout live: a directory, or members of a tar archive.
enum LayoutStorage: Sendable {
    case directory(String)
    case archive(TarArchive)

    /// What errors name.
    var displayPath: String {
        switch self {
        case .directory(let root): return root
        case .archive(let archive): return archive.path
        }
    }

    func exists(_ name: String) -> Bool {
        switch self {
        case .directory(let root): return FileManager.default.fileExists(atPath: root + "/" + name)
        case .archive(let archive): return archive.contains(name)
        }
    }

    /// A small file (`index.json`, a manifest, a config), at most `limit` bytes.
    func read(_ name: String, limit: Int) throws(ImageError) -> [UInt8] {
        switch self {
        case .directory(let root):
            let file = try ReadOnlyFile(path: root + "/" + name)
            guard file.size <= limit else {
                throw ImageError(code: .tooLarge, subject: file.path, message: "file is \(file.size) bytes")
            }
            return try file.read(at: 0, count: file.size)
        case .archive(let archive):
            return try archive.read(name, limit: limit)
        }
    }

    func open(_ name: String) throws(ImageError) -> (stream: FileByteStream, size: Int) {
        switch self {
        case .directory(let root):
            let file = try ReadOnlyFile(path: root + "/" + name)
            return (FileByteStream(file: file), file.size)
        case .archive(let archive):
            return try archive.open(name)
        }
    }

    /// `blobs/<algorithm>/<hex>`: safe because ``OCIImage/Digest`` admits only lower-case hex.
    static func blobPath(_ digest: Digest) -> String { "blobs/\(digest.algorithm.rawValue)/\(digest.hex)" }
}
