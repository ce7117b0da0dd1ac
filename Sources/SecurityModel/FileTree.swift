/// The kind of a file-system entry.
public enum FileKind: String, Sendable, Hashable, Codable {
    case regular, directory, symlink, hardlink, characterDevice, blockDevice, fifo, socket
}

/// Metadata of one entry of a ``FileTree``: an image's squashed root file system, a host directory,
/// or an in-memory tree in tests.
public struct FileEntry: Sendable, Hashable {
    /// Absolute, normalised path inside the tree (`/etc/os-release`); `/` is the root.
    public var path: String
    public var kind: FileKind
    /// Size in bytes of a regular file's content.
    public var size: Int
    /// Permission bits including setuid (0o4000), setgid (0o2000) and sticky (0o1000).
    public var mode: UInt32
    public var uid: Int
    public var gid: Int
    /// Target of a symlink (as stored) or of a hard link (absolute path inside the tree).
    public var linkTarget: String?
    /// Index of the layer that last wrote this entry (0 = bottom layer); nil outside images.
    public var layerIndex: Int?

    public init(
        path: String,
        kind: FileKind,
        size: Int = 0,
        mode: UInt32 = 0o644,
        uid: Int = 0,
        gid: Int = 0,
        linkTarget: String? = nil,
        layerIndex: Int? = nil
    ) {
        self.path = path
        self.kind = kind
        self.size = size
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.linkTarget = linkTarget
        self.layerIndex = layerIndex
    }

    public var isSetUID: Bool { mode & 0o4000 != 0 }
    public var isSetGID: Bool { mode & 0o2000 != 0 }
    /// Writable by others (and not a symlink, whose mode means nothing).
    public var isWorldWritable: Bool { kind != .symlink && mode & 0o002 != 0 }
}

/// Why reading from a ``FileTree`` failed.
public struct FileTreeError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case notFound, notARegularFile, tooLarge, unreadable, symlinkLoop }
        private let kind: Kind
        public static var notFound: Self { Self(kind: .notFound) }
        public static var notARegularFile: Self { Self(kind: .notARegularFile) }
        public static var tooLarge: Self { Self(kind: .tooLarge) }
        public static var unreadable: Self { Self(kind: .unreadable) }
        public static var symlinkLoop: Self { Self(kind: .symlinkLoop) }
        public var description: String { kind.rawValue }
    }

    public var code: Code
    public var path: String
    public var message: String

    public init(code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// A read-only view of a root file system. Catalogers and image checks read through it and never
/// touch the host file system directly; image layers, host directories and test fixtures conform.
///
/// Paths are absolute inside the tree. Symlinks are resolved only inside the tree: a link that
/// points outside the root (`../../etc/passwd`, `/etc/shadow` of the host) resolves inside the tree's
/// root, never to the host.
public protocol FileTree: Sendable {
    /// Every entry, sorted by path.
    var entries: [FileEntry] { get }
    /// The entry at `path` without following a final symlink, or nil.
    func entry(at path: String) -> FileEntry?
    /// The content of the regular file at `path`, following symlinks inside the tree. Throws
    /// ``FileTreeError`` when missing, not a regular file, or larger than `limit` bytes.
    func contents(of path: String, limit: Int) throws(FileTreeError) -> [UInt8]
}

extension FileTree {
    /// Content of `path` with a 64 MiB limit.
    public func contents(of path: String) throws(FileTreeError) -> [UInt8] {
        try contents(of: path, limit: 64 << 20)
    }

    /// Content of `path` decoded as UTF-8 (invalid bytes repaired), or nil when unreadable.
    public func text(of path: String, limit: Int = 64 << 20) -> String? {
        guard let bytes = try? contents(of: path, limit: limit) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Regular files whose path satisfies `predicate`.
    public func files(where predicate: (String) -> Bool) -> [FileEntry] {
        entries.filter { ($0.kind == .regular || $0.kind == .hardlink) && predicate($0.path) }
    }

    /// Resolves symlinks in `path` inside the tree (at most 40 hops); nil when a component is missing
    /// or a loop is found.
    public func resolve(_ path: String) -> String? {
        var current = TreePath.normalize(path)
        var hops = 0
        outer: while hops <= 40 {
            let components = current.split(separator: "/").map(String.init)
            var resolved = ""
            for (i, component) in components.enumerated() {
                let candidate = resolved + "/" + component
                guard let e = entry(at: candidate) else {
                    return nil
                }
                if e.kind == .symlink, let target = e.linkTarget {
                    hops += 1
                    let base = target.hasPrefix("/") ? "" : resolved
                    let rest = components[(i + 1)...].joined(separator: "/")
                    current = TreePath.normalize(base + "/" + target + (rest.isEmpty ? "" : "/" + rest))
                    continue outer
                }
                resolved = candidate
            }
            return resolved.isEmpty ? "/" : resolved
        }
        return nil
    }
}

/// Path helpers for tree paths.
public enum TreePath {
    /// `/a/./b/../c//d` → `/a/c/d`; `..` never climbs above `/` (so it cannot escape the root).
    public static func normalize(_ path: String) -> String {
        if isNormalized(path) { return path }
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(component)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// True when `path` is already absolute and normal: starts with `/`, no empty, `.` or `..`
    /// components, no trailing `/` (except the root itself). Checked on bytes, without allocating.
    public static func isNormalized(_ path: String) -> Bool {
        var utf8 = path.utf8.makeIterator()
        guard utf8.next() == UInt8(ascii: "/") else { return false }
        if path.utf8.count == 1 { return true }
        var componentLength = 0
        var dots = 0
        while let c = utf8.next() {
            if c == UInt8(ascii: "/") {
                if componentLength == 0 || componentLength == dots { return false }
                componentLength = 0
                dots = 0
            } else {
                componentLength += 1
                if c == UInt8(ascii: ".") { dots += 1 }
            }
        }
        // Last component: not empty (trailing slash), not `.`/`..` (all dots of length 1 or 2).
        return componentLength > 0 && !(componentLength == dots && dots <= 2)
    }

    /// The last path component.
    public static func baseName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The parent directory (`/` for top-level entries).
    public static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
