/// One entry of `HostConfig.Devices`: a host device node exposed to the container.
public struct DeviceMapping: Sendable, Hashable {
    /// Host device path.
    public var pathOnHost: String?
    /// Path inside the container.
    public var pathInContainer: String?
    /// cgroup permissions (`rwm`).
    public var cgroupPermissions: String?

    /// Creates a device mapping.
    public init(pathOnHost: String? = nil, pathInContainer: String? = nil, cgroupPermissions: String? = nil) {
        self.pathOnHost = pathOnHost
        self.pathInContainer = pathInContainer
        self.cgroupPermissions = cgroupPermissions
    }
}
