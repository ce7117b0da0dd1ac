import SecurityModel

/// Path classification shared by the file-system checks.
enum PathFacts {
    /// Directory names whose content comes from third parties or exists for tests and documentation:
    /// private keys, `.env` files and Dockerfiles found there are fixtures, not the image's own secrets.
    private static let thirdPartyComponents: Set<Substring> = [
        "node_modules", "site-packages", "dist-packages", "vendor", "gems", "test", "tests", "testdata", "testing",
        "fixtures", "fixture", "__tests__", "spec", "specs", "examples", "example", "doc", "docs", "testdata",
        "test-data", "samples", "sample",
    ]

    private static let thirdPartyPrefixes = [
        "/usr/share/", "/usr/local/go/", "/usr/lib/go/", "/usr/local/share/doc/", "/usr/lib/jvm/", "/opt/java/",
        "/usr/local/lib/python", "/usr/lib/python",
    ]

    /// True when `path` lies in a package tree, a test or documentation directory.
    static func isThirdParty(_ path: String) -> Bool {
        if thirdPartyPrefixes.contains(where: { path.hasPrefix($0) }) { return true }
        if path.hasPrefix("/usr/lib/go-") { return true }
        return path.split(separator: "/").dropLast().contains { thirdPartyComponents.contains($0) }
    }

    /// Byte offset of the first occurrence of `needle` in `haystack`, or nil. A plain byte search: the
    /// generic `String.contains(_:)`/`firstRange(of:)` are far too slow for per-entry use.
    static func byteOffset(of needle: String, in haystack: String) -> Int? {
        let n = Array(needle.utf8)
        return PathBytes.with(haystack) { PathBytes.firstOffset(of: n, in: $0) }
    }

    /// True when `haystack` contains `needle` (byte comparison).
    static func contains(_ haystack: String, _ needle: String) -> Bool { byteOffset(of: needle, in: haystack) != nil }

    /// The last path component, cheaply.
    static func baseName(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
        return path[path.utf8.index(after: slash)...]
    }

    /// True for entries that hold data: regular files and hard links.
    static func isFile(_ entry: FileEntry) -> Bool { entry.kind == .regular || entry.kind == .hardlink }

    /// `0o4755` → `4755`.
    static func octal(_ mode: UInt32) -> String {
        let text = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

}
