/// One line of `/proc/<pid>/cgroup`: `hierarchy:controllers:path` (cgroup v1) or `0::path` (v2).
public struct ProcCgroupEntry: Sendable, Hashable {
    /// Hierarchy id, 0 for the unified (v2) hierarchy.
    public var hierarchy: Int64
    /// Controllers (`cpu`, `cpuacct`, `name=systemd`…), empty for v2.
    public var controllers: [String]
    /// The cgroup path, e.g. `/docker/<id>` or `/system.slice/docker-<id>.scope`.
    public var path: String

    /// Creates an entry.
    public init(hierarchy: Int64, controllers: [String], path: String) {
        self.hierarchy = hierarchy
        self.controllers = controllers
        self.path = path
    }

    /// The last component of ``path`` (`docker-<id>.scope`, `<id>`), empty for `/`.
    public var leafName: String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Parses the contents of a `cgroup` file; `file` names it in errors. Empty lines are skipped; the path
    /// is everything after the second colon (it may contain colons).
    public static func parse(_ bytes: [UInt8], file: String) throws(ProcFileError) -> [ProcCgroupEntry] {
        var entries: [ProcCgroupEntry] = []
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            let parts = line.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else {
                throw ProcFileError(
                    file: file,
                    reason: "line \(lineNumber) \"\(ProcText.snippet(line))\" is not hierarchy:controllers:path"
                )
            }
            guard let hierarchy = ProcText.signedDecimal(parts[0]), hierarchy >= 0 else {
                throw ProcFileError(
                    file: file,
                    reason: "line \(lineNumber): hierarchy \"\(ProcText.snippet(parts[0]))\" is not a number"
                )
            }
            let controllers = parts[1].split(separator: UInt8(ascii: ",")).map { ProcText.text($0) }
            entries.append(
                ProcCgroupEntry(hierarchy: hierarchy, controllers: controllers, path: ProcText.text(parts[2]))
            )
        }
        return entries
    }
}
