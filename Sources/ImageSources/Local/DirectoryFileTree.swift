public import OCIImage
public import SecurityModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ``SecurityModel/FileTree`` over a root file system directory on the host (an unpacked rootfs,
/// a `debootstrap` chroot).
///
/// The directory is listed once, with `lstat` semantics: symlinks are recorded as symlinks and never
/// followed on the host. Reading a file resolves symlinks inside the tree (``SecurityModel/FileTree/resolve(_:)``,
/// so `/etc/passwd` of a link means the tree's own), then opens it component by component from the
/// root with `O_NOFOLLOW`, so nothing outside the root is read even if the directory changes
/// meanwhile. Content is read lazily. Mount points below the root are listed but not descended
/// into (like `find -xdev`: a chroot's `/proc` is not walked) unless `crossDevices` is true.
public struct DirectoryFileTree: FileTree {
    /// The host directory.
    public let root: String
    public let entries: [FileEntry]
    /// Directories that could not be listed and entries that could not be examined (permission
    /// denied): the tree may be incomplete there.
    public let skipped: [String]
    private let index: [String: Int]

    /// Lists `root`; throws when it is not a readable directory or holds more than `maximumEntries`.
    public init(root: String, crossDevices: Bool = false, maximumEntries: Int = 5_000_000) throws(ImageError) {
        self.root = root
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { throw POSIXFailure.error(errno, path: root, doing: "open") }
        var rootInfo = stat()
        guard fstat(rootFD, &rootInfo) == 0 else {
            let code = errno
            close(rootFD)
            throw POSIXFailure.error(code, path: root, doing: "stat")
        }
        var entries = [
            FileEntry(
                path: "/",
                kind: .directory,
                mode: UInt32(rootInfo.st_mode) & 0o7777,
                uid: Int(rootInfo.st_uid),
                gid: Int(rootInfo.st_gid)
            )
        ]
        // Depth-first walk. Directories are queued by path and opened when their turn comes, one
        // component at a time from the root with O_NOFOLLOW, so a wide tree never holds more than a
        // few descriptors and no symlink swapped in meanwhile is followed.
        var skipped: [String] = []
        var pending: [String] = [""]
        defer { close(rootFD) }
        while let dirPath = pending.popLast() {
            guard let fd = Self.openDirectory(rootFD, dirPath), let dir = fdopendir(fd) else {
                skipped.append(dirPath.isEmpty ? "/" : dirPath)
                continue
            }
            defer { closedir(dir) }
            while let item = readdir(dir) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = dirPath + "/" + name
                var info = stat()
                guard fstatat(dirfd(dir), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                    skipped.append(path)
                    continue
                }
                let type = info.st_mode & S_IFMT
                var entry = FileEntry(
                    path: path,
                    kind: .regular,
                    size: 0,
                    mode: UInt32(info.st_mode) & 0o7777,
                    uid: Int(info.st_uid),
                    gid: Int(info.st_gid)
                )
                switch type {
                case S_IFREG: entry.size = Int(info.st_size)
                case S_IFDIR:
                    entry.kind = .directory
                    if crossDevices || info.st_dev == rootInfo.st_dev { pending.append(path) }
                case S_IFLNK:
                    entry.kind = .symlink
                    entry.linkTarget = Self.readLink(dirfd(dir), name)
                case S_IFCHR: entry.kind = .characterDevice
                case S_IFBLK: entry.kind = .blockDevice
                case S_IFIFO: entry.kind = .fifo
                case S_IFSOCK: entry.kind = .socket
                default: continue
                }
                entries.append(entry)
                if entries.count > maximumEntries {
                    throw ImageError(
                        code: .tooLarge,
                        subject: root,
                        message: "directory holds more than \(maximumEntries) entries"
                    )
                }
            }
        }
        self.skipped = skipped.sorted()
        entries.sort { $0.path < $1.path }
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() { index[e.path] = i }
        self.entries = entries
        self.index = index
    }

    /// Opens directory `path` (tree-relative, `""` for the root) below `rootFD` without following
    /// symlinks.
    private static func openDirectory(_ rootFD: Int32, _ path: String) -> Int32? {
        var fd = dup(rootFD)
        guard fd >= 0 else { return nil }
        for component in path.split(separator: "/") {
            let next = openat(fd, String(component), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            close(fd)
            guard next >= 0 else { return nil }
            fd = next
        }
        return fd
    }

    private static func readLink(_ dir: Int32, _ name: String) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return -1 }
            return readlinkat(dir, name, base, raw.count)
        }
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }

    public func entry(at path: String) -> FileEntry? {
        if let i = index[path] { return entries[i] }
        return index[TreePath.normalize(path)].map { entries[$0] }
    }

    public func contents(of path: String, limit: Int) throws(FileTreeError) -> [UInt8] {
        guard let resolved = resolve(path), let e = entry(at: resolved) else {
            throw FileTreeError(code: .notFound, path: path, message: "no such file")
        }
        guard e.kind == .regular else {
            throw FileTreeError(code: .notARegularFile, path: path, message: "not a regular file (\(e.kind.rawValue))")
        }
        let fd = try openInsideRoot(resolved, path: path)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw FileTreeError(code: .notARegularFile, path: path, message: "not a regular file")
        }
        guard Int(info.st_size) <= limit else {
            throw FileTreeError(code: .tooLarge, path: path, message: "file is larger than \(limit) bytes")
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = chunk.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress, raw.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw FileTreeError(code: .unreadable, path: path, message: "read failed") }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit {
                throw FileTreeError(code: .tooLarge, path: path, message: "file is larger than \(limit) bytes")
            }
        }
        return out
    }

    /// Opens `resolved` (a symlink-free tree path) from the root, one component at a time, never
    /// following a symlink.
    private func openInsideRoot(_ resolved: String, path: String) throws(FileTreeError) -> Int32 {
        var fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileTreeError(code: .unreadable, path: path, message: "cannot open the root") }
        let components = resolved.split(separator: "/").map(String.init)
        for (i, component) in components.enumerated() {
            let last = i == components.count - 1
            let flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK : O_DIRECTORY)
            let next = openat(fd, component, flags)
            let code = errno
            close(fd)
            guard next >= 0 else {
                throw FileTreeError(
                    code: code == ENOENT ? .notFound : .unreadable,
                    path: path,
                    message: "cannot open inside the root: \(String(cString: strerror(code)))"
                )
            }
            fd = next
        }
        return fd
    }
}
