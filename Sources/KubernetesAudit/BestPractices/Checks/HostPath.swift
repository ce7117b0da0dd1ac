/// Host path helpers.
enum HostPath {
    /// `path` without repeated and trailing slashes (`//etc/` → `/etc`).
    static func normalize(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return path.hasPrefix("/") ? "/" + parts.joined(separator: "/") : parts.joined(separator: "/")
    }
}
