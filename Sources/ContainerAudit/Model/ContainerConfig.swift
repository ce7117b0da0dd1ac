/// The security-relevant parts of a container as the Docker Engine API reports it
/// (`GET /containers/{id}/json`, the same document `docker inspect` prints in an array).
///
/// Decoding is defensive: a missing or `null` field is nil, a field of the wrong type is a
/// ``ContainerConfigError`` naming it. Build one with ``decode(_:source:)`` or ``init(json:source:)``.
public struct ContainerConfig: Sendable, Hashable {
    /// Full container id.
    public var id: String?
    /// Name without Docker's leading `/`.
    public var name: String?
    /// `Config.Image`: the image reference the container was created from.
    public var image: String?
    /// `Config.User`; nil or empty means the image default (often root).
    public var user: String?
    /// `Config.Healthcheck.Test`; nil when the container has no health check of its own.
    public var healthcheckTest: [String]?
    /// `Config.ExposedPorts` keys (`80/tcp`).
    public var exposedPorts: [String]?
    /// `HostConfig`; nil when the document has none (then host-configuration checks are skipped).
    public var hostConfig: HostConfig?
    /// Top-level `Mounts`.
    public var mounts: [MountPoint]?
    /// `AppArmorProfile`; empty means none applied.
    public var appArmorProfile: String?
    /// `State.Status` (`created`, `running`, `exited`, …).
    public var status: String?
    /// `State.Health.Status` (`healthy`, `unhealthy`, `starting`), when a health check runs.
    public var healthStatus: String?
    /// `NetworkSettings.Networks` names.
    public var networks: [String]?
    /// `NetworkSettings.Ports` with a host binding.
    public var publishedPorts: [PortMapping]?
    /// Names of the container's processes (`GET /containers/{id}/top`), when the auditor read them; nil when
    /// unknown (a container that is not running, an inspect document alone, a Compose file).
    public var processNames: [String]?
    /// The engine's security features (`name=…` entries of `/info` `SecurityOptions`: `apparmor`, `selinux`,
    /// `seccomp`, `userns`, `rootless`), when the auditor knows the host; nil when unknown (inspect
    /// documents alone, Compose files). Checks of a mechanism the host lacks (AppArmor, SELinux) do not apply.
    public var hostSecurityFeatures: Set<String>?

    /// True unless the host is known to lack security feature `name` (`apparmor`, `selinux`).
    public func hostMayProvide(_ name: String) -> Bool {
        hostSecurityFeatures.map { $0.contains(name) } ?? true
    }

    /// Creates a configuration; every member defaults to unknown.
    public init(id: String? = nil, name: String? = nil, image: String? = nil) {
        self.id = id
        self.name = name
        self.image = image
    }
}
