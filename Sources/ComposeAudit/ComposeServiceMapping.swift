public import ContainerAudit

/// A Compose service turned into the ``ContainerConfig`` the container checks read, with what the audit needs
/// to point findings back at Compose keys.
public struct ComposeServiceMapping: Sendable, Hashable {
    /// The container as `docker compose up` would create it, as far as the file tells.
    public var config: ContainerConfig
    /// The Compose key path of each entry of `config.mounts` (`services.web.volumes[1]`).
    public var mountKeys: [String]
    /// The Compose key path of each entry of `config.hostConfig.portBindings` (a range gives several).
    public var portKeys: [String]
    /// The Compose key path of each entry of `config.hostConfig.devices`.
    public var deviceKeys: [String]
    /// Ids of checks that cannot be decided from the file for this service (`CIS-DOCKER-5.27` when the health
    /// check comes from the image): the audit skips them.
    public var undecidedChecks: Set<String>

    /// Creates a mapping.
    public init(
        config: ContainerConfig,
        mountKeys: [String] = [],
        portKeys: [String] = [],
        deviceKeys: [String] = [],
        undecidedChecks: Set<String> = []
    ) {
        self.config = config
        self.mountKeys = mountKeys
        self.portKeys = portKeys
        self.deviceKeys = deviceKeys
        self.undecidedChecks = undecidedChecks
    }
}
