/// How the paths of system calls resolve, as Falco's `fd.name` and `fs.path.*` give them: a relative path is
/// taken against the working directory (`AT_FDCWD`) or against the directory a `dirfd` argument names, and
/// `.`, `..` and repeated `/` are resolved lexically (symbolic links are not followed: the sensor sees names,
/// not inodes).
public enum PathResolution {
    /// `AT_FDCWD`: a `dirfd` argument meaning "relative to the working directory".
    public static let currentDirectoryFD: Int64 = -100
    /// The directory of a relative path whose `dirfd` names no descriptor the process table knows (Falco's
    /// convention): `<UNKNOWN>/name`, which no absolute path pattern matches.
    public static let unknownDirectory = "<UNKNOWN>"

    /// `path` resolved: absolute paths lexically normalised; relative ones joined to `base` first when `base` is
    /// an absolute directory, prefixed with `base` as it is when it is not (``unknownDirectory``), and only
    /// cleaned of `.` and empty components when `base` is nil (nothing known to resolve against).
    public static func resolve(_ path: String, against base: String?) -> String {
        guard !path.isEmpty else { return path }
        if path.utf8.first == UInt8(ascii: "/") { return normalized(absolute: path) }
        guard let base else { return cleanedRelative(path) }
        if base.utf8.first == UInt8(ascii: "/") {
            // One pass over the base's components, then the path's, into one buffer.
            var out: [UInt8] = [UInt8(ascii: "/")]
            out.reserveCapacity(base.utf8.count + path.utf8.count + 1)
            appendComponents(of: base, to: &out)
            appendComponents(of: path, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        return base + "/" + cleanedRelative(path)
    }

    /// The directory a relative path argument resolves against: the working directory when `dirfd` is nil (the
    /// call has none) or `AT_FDCWD`; else the absolute path `descriptorPath` gives for it, or
    /// ``unknownDirectory``. Nil when the working directory is unknown.
    public static func base(dirfd: Int64?, cwd: String?, descriptorPath: (Int64) -> String?) -> String? {
        guard let dirfd, dirfd != currentDirectoryFD else {
            guard let cwd, cwd.utf8.first == UInt8(ascii: "/") else { return nil }
            return cwd
        }
        if let path = descriptorPath(dirfd), path.utf8.first == UInt8(ascii: "/") { return path }
        return unknownDirectory
    }

    /// True when `path` is absolute and lexical resolution leaves it unchanged (no empty, `.` or `..` component,
    /// no trailing `/` except for `/` itself): the common case, answered without allocating.
    public static func isResolved(_ path: String) -> Bool { FieldSupport.isCleanAbsolutePath(path) }

    private static func normalized(absolute path: String) -> String {
        if FieldSupport.isCleanAbsolutePath(path) { return path }
        var out: [UInt8] = [UInt8(ascii: "/")]
        out.reserveCapacity(path.utf8.count)
        appendComponents(of: path, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the components of `path` to the absolute path in `out` (which starts with `/`): empty and `.`
    /// components skipped, `..` removing the last component (never the root).
    private static func appendComponents(of path: String, to out: inout [UInt8]) {
        var text = path
        text.withUTF8 { bytes in
            let slash = UInt8(ascii: "/")
            let dot = UInt8(ascii: ".")
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != slash { end += 1 }
                let length = end - start
                if length == 2, bytes[start] == dot, bytes[start + 1] == dot {
                    while out.count > 1, out[out.count - 1] != slash { out.removeLast() }
                    if out.count > 1 { out.removeLast() }
                } else if length > 0, !(length == 1 && bytes[start] == dot) {
                    if out.count > 1 { out.append(slash) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                }
                start = end + 1
            }
        }
    }

    private static func cleanedRelative(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
