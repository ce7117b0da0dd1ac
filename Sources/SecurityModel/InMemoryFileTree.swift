/// A ``FileTree`` held in memory: test fixtures, and small trees built from archives.
public struct InMemoryFileTree: FileTree {
    private var byPath: [String: FileEntry]
    private var data: [String: [UInt8]]

    /// Builds a tree from (path, content) pairs; parent directories are added automatically.
    public init(files: [String: String] = [:]) {
        byPath = ["/": FileEntry(path: "/", kind: .directory, mode: 0o755)]
        data = [:]
        for (path, text) in files { add(path, Array(text.utf8)) }
    }

    /// Adds or replaces a regular file.
    public mutating func add(
        _ path: String,
        _ bytes: [UInt8],
        mode: UInt32 = 0o644,
        uid: Int = 0,
        gid: Int = 0,
        layerIndex: Int? = nil
    ) {
        let p = TreePath.normalize(path)
        addParents(of: p)
        byPath[p] = FileEntry(
            path: p,
            kind: .regular,
            size: bytes.count,
            mode: mode,
            uid: uid,
            gid: gid,
            layerIndex: layerIndex
        )
        data[p] = bytes
    }

    /// Adds any entry (directory, symlink, device…); content only for regular files.
    public mutating func add(_ entry: FileEntry, content: [UInt8] = []) {
        var e = entry
        e.path = TreePath.normalize(entry.path)
        addParents(of: e.path)
        if e.kind == .regular { e.size = content.count; data[e.path] = content }
        byPath[e.path] = e
    }

    /// Removes an entry and everything below it.
    public mutating func remove(_ path: String) {
        let p = TreePath.normalize(path)
        let prefix = p == "/" ? "/" : p + "/"
        for key in byPath.keys where key == p || key.hasPrefix(prefix) {
            byPath[key] = nil
            data[key] = nil
        }
    }

    private mutating func addParents(of path: String) {
        var dir = TreePath.directory(path)
        while dir != "/", byPath[dir] == nil {
            byPath[dir] = FileEntry(path: dir, kind: .directory, mode: 0o755)
            dir = TreePath.directory(dir)
        }
    }

    public var entries: [FileEntry] { byPath.values.sorted { $0.path < $1.path } }

    public func entry(at path: String) -> FileEntry? { byPath[TreePath.normalize(path)] }

    public func contents(of path: String, limit: Int) throws(FileTreeError) -> [UInt8] {
        guard let resolved = resolve(path), var e = byPath[resolved] else {
            throw FileTreeError(code: .notFound, path: path, message: "no such file")
        }
        if e.kind == .hardlink, let target = e.linkTarget, let t = byPath[TreePath.normalize(target)] { e = t }
        guard e.kind == .regular, let bytes = data[e.path] else {
            throw FileTreeError(code: .notARegularFile, path: path, message: "not a regular file")
        }
        guard bytes.count <= limit else {
            throw FileTreeError(code: .tooLarge, path: path, message: "file is larger than \(limit) bytes")
        }
        return bytes
    }
}
