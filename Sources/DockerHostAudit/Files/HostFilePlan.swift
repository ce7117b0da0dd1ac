/// Which host paths the adapter must examine for the section 3 checks (pure: computed from ``DaemonFacts``).
///
/// The adapter `stat`s (following symbolic links) every path in ``paths``, lists every directory in
/// ``listings`` to the given depth (`stat`ing every entry found and recording the names in
/// ``HostSnapshot/directoryEntries``), and, when it can ask systemd (`systemctl show -p FragmentPath <unit>`),
/// records the fragment path of each unit in ``systemdUnits`` and `stat`s it too.
public struct HostFilePlan: Sendable, Hashable {
    /// A directory to list.
    public struct Listing: Sendable, Hashable {
        public var path: String
        /// 1: the entries; 2: also the entries of each subdirectory.
        public var depth: Int

        public init(path: String, depth: Int) {
            self.path = path
            self.depth = depth
        }
    }

    /// Paths to `stat`, in first-seen order.
    public var paths: [String]
    /// Directories to list.
    public var listings: [Listing]
    /// systemd units whose `FragmentPath` the adapter may add.
    public var systemdUnits: [String]

    /// A plan of these parts (duplicates removed).
    public init(paths: [String] = [], listings: [Listing] = [], systemdUnits: [String] = []) {
        self.paths = paths.uniqued()
        self.listings = listings.uniqued()
        self.systemdUnits = systemdUnits.uniqued()
    }

    /// The union of the plans of `checks` for `daemon`.
    public init(daemon: DaemonFacts, checks: [any HostFileCheck] = DockerHostCatalogue.fileChecks) {
        let plans = checks.map { $0.plan(daemon) }
        self.init(
            paths: plans.flatMap(\.paths),
            listings: plans.flatMap(\.listings),
            systemdUnits: plans.flatMap(\.systemdUnits)
        )
    }
}

extension Array where Element: Hashable {
    /// The elements in order, later duplicates removed.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
