/// Checks archive member names before they are handed out as document paths.
enum ArchivePath {
    /// Why `name` is unsafe (absolute, `..`, backslash, drive letter, NUL), or nil when it is a
    /// plain relative path.
    static func problem(_ name: String) -> String? {
        if name.isEmpty { return "empty member name" }
        if name.hasPrefix("/") { return "absolute member path '\(name)'" }
        if name.utf8.contains(UInt8(ascii: "\\")) { return "member path '\(name)' contains a backslash" }
        if name.utf8.contains(0) { return "member path contains a NUL byte" }
        let bytes = Array(name.utf8)
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":") { return "member path '\(name)' names a drive" }
        for component in name.split(separator: "/", omittingEmptySubsequences: true) where component == ".." {
            return "member path '\(name)' climbs out of the archive"
        }
        return nil
    }

    /// The member name without a leading `./`.
    static func cleaned(_ name: String) -> String {
        var result = Substring(name)
        while result.hasPrefix("./") { result = result.dropFirst(2) }
        return String(result)
    }
}
