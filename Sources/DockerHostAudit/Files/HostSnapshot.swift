/// The adapter's answer to a ``HostFilePlan``: the `stat` results, directory listings and the user and group
/// names of the host (`/etc/passwd`, `/etc/group`).
public struct HostSnapshot: Sendable, Hashable {
    /// The result of looking one path up.
    public enum Lookup: Sendable, Hashable {
        case found(HostFileFacts)
        case missing
        /// Not examined or `stat` failed for another reason than absence (the reason).
        case unknown(String)
    }

    /// `stat` results by path, missing paths included (``HostFileFacts/missing(_:)``).
    public var files: [String: HostFileFacts]
    /// Paths whose `stat` failed for another reason than absence (`EACCES`), with the error.
    public var failures: [String: String]
    /// For each listed directory, the names of its entries (not paths).
    public var directoryEntries: [String: [String]]
    /// systemd's `FragmentPath` of units the adapter could ask systemd about (`docker.service` → path).
    public var unitFragmentPaths: [String: String]
    /// uid → user name.
    public var userNames: [UInt32: String]
    /// gid → group name.
    public var groupNames: [UInt32: String]

    /// A snapshot of `files` (any number, existing or ``HostFileFacts/missing(_:)``).
    public init(
        files: [HostFileFacts] = [],
        failures: [String: String] = [:],
        directoryEntries: [String: [String]] = [:],
        unitFragmentPaths: [String: String] = [:],
        userNames: [UInt32: String] = [0: "root"],
        groupNames: [UInt32: String] = [0: "root"]
    ) {
        self.files = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { _, last in last })
        self.failures = failures
        self.directoryEntries = directoryEntries
        self.unitFragmentPaths = unitFragmentPaths
        self.userNames = userNames
        self.groupNames = groupNames
    }

    /// What is known about `path`.
    public func lookup(_ path: String) -> Lookup {
        if let facts = files[path] { return facts.exists ? .found(facts) : .missing }
        if let failure = failures[path] { return .unknown("cannot stat \(path): \(failure)") }
        return .unknown("\(path) was not examined")
    }

    /// `root:docker` (names where known, else numbers) for `facts`.
    public func ownerDescription(_ facts: HostFileFacts) -> String {
        "\(userNames[facts.uid] ?? String(facts.uid)):\(groupNames[facts.gid] ?? String(facts.gid))"
    }
}
