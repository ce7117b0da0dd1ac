/// Where package managers leave caches, and which cache a path belongs to.
struct PackageCacheLocation: Sendable, Hashable {
    /// Human name (`apk package cache`).
    var kind: String
    /// The cache directory (`/var/cache/apk`, `/root/.cache/pip`).
    var root: String

    /// Absolute directories of system package managers: prefix (with trailing slash) → kind.
    private static let systemCaches: [(prefix: [UInt8], kind: String)] = [
        ("/var/cache/apk/", "apk package cache"),
        ("/var/lib/apt/lists/", "apt package lists"),
        ("/var/cache/apt/", "apt package cache"),
        ("/var/cache/yum/", "yum cache"),
        ("/var/cache/dnf/", "dnf cache"),
        ("/var/cache/zypp/", "zypper cache"),
        ("/var/cache/pacman/pkg/", "pacman package cache"),
    ].map { (Array($0.0.utf8), $0.1) }

    /// Per-user caches, found anywhere (`/root/.cache/pip/…`, `/home/app/.npm/_cacache/…`).
    private static let userCaches: [(marker: [UInt8], kind: String)] = [
        ("/.cache/pip/", "pip cache"),
        ("/.npm/_cacache/", "npm cache"),
        ("/.cache/yarn/", "yarn cache"),
        ("/.yarn/berry/cache/", "yarn cache"),
        ("/.cache/go-build/", "Go build cache"),
        ("/.composer/cache/", "Composer cache"),
        ("/.cache/composer/", "Composer cache"),
        ("/.cache/pypoetry/cache/", "Poetry cache"),
        ("/.cache/pypoetry/artifacts/", "Poetry cache"),
    ].map { (Array($0.0.utf8), $0.1) }

    /// Files that belong to the directory layout, not to the cache's content.
    private static let layoutFiles: [[UInt8]] = ["lock", ".lock", "CACHEDIR.TAG"].map { Array($0.utf8) }
    private static let varPrefix = Array("/var/".utf8)
    private static let dotDirectory = Array("/.".utf8)

    /// The cache `path` (a regular file) belongs to, or nil. Works on bytes: it runs for every file.
    static func of(_ path: String) -> PackageCacheLocation? {
        let match: (kind: String, rootLength: Int)? = PathBytes.with(path) { b in
            if PathBytes.hasPrefix(b, varPrefix) {
                for (prefix, kind) in systemCaches where PathBytes.hasPrefix(b, prefix) {
                    let base = (PathBytes.lastSlash(b) ?? -1) + 1
                    if layoutFiles.contains(where: { PathBytes.tailEquals(b, from: base, $0) }) { return nil }
                    return (kind, prefix.count - 1)
                }
                return nil
            }
            guard PathBytes.firstOffset(of: dotDirectory, in: b) != nil else { return nil }
            for (marker, kind) in userCaches {
                if let offset = PathBytes.firstOffset(of: marker, in: b) { return (kind, offset + marker.count - 1) }
            }
            return nil
        }
        guard let match else { return nil }
        let end = path.utf8.index(path.utf8.startIndex, offsetBy: match.rootLength)
        return PackageCacheLocation(kind: match.kind, root: String(path[..<end]))
    }
}
