public import SecurityModel

/// The squashed root file system of an image: every entry of the merged layers with its metadata
/// (including the layer that last wrote it), and the content of the files the caller required.
///
/// Reading a file that was not required (or could not be kept) throws
/// ``SecurityModel/FileTreeError`` with code `unreadable`; an empty regular file always reads as
/// empty. Symlinks are resolved only inside the tree (a target climbing above `/` stays at `/`);
/// hard links read the content they were linked to when their layer was applied.
public struct LayeredFileTree: FileTree {
    public let entries: [FileEntry]
    private let index: [String: Int]
    private let contentIDs: [ContentID?]
    private let store: any ContentStore

    /// A tree from entries (any order; paths absolute and normalised) and the content IDs of those
    /// whose bytes `store` holds.
    public init(entries: [FileEntry], content: [String: ContentID], store: any ContentStore) {
        // Sort indices, not the (large) entries themselves.
        let order = entries.indices.sorted { entries[$0].path < entries[$1].path }
        let sorted = order.map { entries[$0] }
        var index: [String: Int] = [:]
        index.reserveCapacity(sorted.count)
        var ids: [ContentID?] = []
        ids.reserveCapacity(sorted.count)
        for (i, e) in sorted.enumerated() {
            index[e.path] = i
            ids.append(content[e.path])
        }
        self.entries = sorted
        self.index = index
        self.contentIDs = ids
        self.store = store
    }

    public func entry(at path: String) -> FileEntry? {
        if let i = index[path] { return entries[i] }
        let normalized = TreePath.normalize(path)
        return index[normalized].map { entries[$0] }
    }

    /// True when the content of the regular file at `path` (after symlinks) can be read.
    public func hasContent(at path: String) -> Bool {
        guard let resolved = resolve(path), let i = index[resolved] else { return false }
        return contentIDs[i] != nil || (entries[i].kind == .regular && entries[i].size == 0)
    }

    public func contents(of path: String, limit: Int) throws(FileTreeError) -> [UInt8] {
        let resolved = try resolveReporting(path)
        guard let i = index[resolved] else {
            throw FileTreeError(code: .notFound, path: path, message: "no such file")
        }
        let e = entries[i]
        guard e.kind == .regular || e.kind == .hardlink else {
            throw FileTreeError(code: .notARegularFile, path: path, message: "not a regular file (\(e.kind.rawValue))")
        }
        guard e.size <= limit else {
            throw FileTreeError(code: .tooLarge, path: path, message: "file is larger than \(limit) bytes")
        }
        guard let id = contentIDs[i] else {
            if e.size == 0, e.kind == .regular { return [] }
            if e.size == 0, e.kind == .hardlink {
                guard let target = e.linkTarget, entry(at: target)?.kind == .regular else {
                    throw FileTreeError(code: .notFound, path: path, message: "hard link target is missing")
                }
                return []
            }
            throw FileTreeError(
                code: .unreadable,
                path: path,
                message:
                    "content was not kept while reading the image (no reader required it, or it could not be stored)"
            )
        }
        return try store.contents(of: id, path: path, limit: limit)
    }

    /// Resolves like ``SecurityModel/FileTree/resolve(_:)`` but tells a loop from a missing entry.
    private func resolveReporting(_ path: String) throws(FileTreeError) -> String {
        if let resolved = resolve(path) { return resolved }
        var current = TreePath.normalize(path)
        for _ in 0...40 {
            guard let e = entry(at: current) else { break }
            guard e.kind == .symlink, let target = e.linkTarget else { break }
            let base = target.hasPrefix("/") ? "" : TreePath.directory(current)
            current = TreePath.normalize(base + "/" + target)
            if entry(at: current) == nil { break }
        }
        if let e = entry(at: current), e.kind == .symlink {
            throw FileTreeError(code: .symlinkLoop, path: path, message: "too many levels of symbolic links")
        }
        throw FileTreeError(code: .notFound, path: path, message: "no such file")
    }
}
