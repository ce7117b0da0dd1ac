import Foundation
import SecurityModel
import TestSupport

/// Corpus access and tree builders for the OS cataloger tests.
enum OSCorpus {
    /// True when the corpus is present, or when its absence must fail the tests.
    static var enabled: Bool { Corpus.root != nil || Corpus.integrationRequired }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The absolute path of a corpus file; throws when missing.
    static func path(_ relative: String) throws -> String {
        guard let path = Corpus.path(relative) else { throw Missing(description: "corpus file \(relative) is missing") }
        return path
    }

    /// The bytes of a corpus file.
    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: try path(relative))))
    }

    /// Relative paths of the regular files below `relative` (sorted).
    static func files(under relative: String) throws -> [String] {
        let root = try path(relative)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        for case let item as String in walker {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + item, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                out.append(item)
            }
        }
        return out.sorted()
    }

    /// A tree holding every regular file below the corpus directory `relative`, mounted at `mount`.
    static func tree(_ relative: String, mountedAt mount: String = "/") throws -> InMemoryFileTree {
        var tree = InMemoryFileTree()
        try add(relative, to: &tree, at: mount)
        return tree
    }

    /// Adds every regular file below the corpus directory `relative` to `tree` at `mount`.
    static func add(_ relative: String, to tree: inout InMemoryFileTree, at mount: String, layer: Int? = nil) throws {
        for file in try files(under: relative) {
            let data = try bytes(relative + "/" + file)
            tree.add(mount + "/" + file, data, layerIndex: layer)
        }
    }
}
