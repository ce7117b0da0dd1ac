/// One entry of the inspect `Mounts` array: a volume, bind mount or tmpfs as the container sees it.
public struct MountPoint: Sendable, Hashable {
    /// `bind`, `volume`, `tmpfs`, `npipe`, `cluster`.
    public var type: String?
    /// Host path (binds) or volume data path.
    public var source: String?
    /// Path inside the container.
    public var destination: String?
    /// Bind propagation (`rprivate`, `shared`, `rshared`, …).
    public var propagation: String?
    /// True when mounted read-write.
    public var readWrite: Bool?

    /// Creates a mount point.
    public init(
        type: String? = nil,
        source: String? = nil,
        destination: String? = nil,
        propagation: String? = nil,
        readWrite: Bool? = nil
    ) {
        self.type = type
        self.source = source
        self.destination = destination
        self.propagation = propagation
        self.readWrite = readWrite
    }
}
