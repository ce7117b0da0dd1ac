/// The `HostConfig` of a container: the security-relevant subset. A nil member means Docker's default.
public struct HostConfig: Sendable, Hashable {
    /// `Privileged`: all capabilities and devices, no confinement.
    public var privileged: Bool?
    /// `CapAdd`: capabilities added to the default set.
    public var capAdd: [String]?
    /// `CapDrop`: capabilities removed.
    public var capDrop: [String]?
    /// `-v` binds, `source:destination[:options]`.
    public var binds: [String]?
    /// `NetworkMode` (`default`, `bridge`, `host`, `none`, `container:<id>`, a network name).
    public var networkMode: String?
    /// `PidMode` (`host`, `container:<id>`, empty).
    public var pidMode: String?
    /// `IpcMode` (`private`, `shareable`, `host`, …).
    public var ipcMode: String?
    /// `UTSMode` (`host` or empty).
    public var utsMode: String?
    /// `UsernsMode` (`host` or empty).
    public var usernsMode: String?
    /// `SecurityOpt` entries (`no-new-privileges`, `seccomp=unconfined`, `label=…`, `apparmor=…`).
    public var securityOpt: [String]?
    /// Memory limit in bytes; 0 or nil means unlimited.
    public var memory: Int?
    /// Relative CPU weight; 0 or nil means the default 1024.
    public var cpuShares: Int?
    /// `NanoCpus` (`--cpus 1.5` = 1 500 000 000); 0 or nil means no cap.
    public var nanoCPUs: Int?
    /// `CpuQuota` in microseconds per `CpuPeriod`; 0, -1 or nil means no cap.
    public var cpuQuota: Int?
    /// PIDs limit; nil, 0 or -1 means unlimited.
    public var pidsLimit: Int?
    /// `ReadonlyRootfs`.
    public var readonlyRootfs: Bool?
    /// `RestartPolicy`.
    public var restartPolicy: RestartPolicy?
    /// Published ports, in document order.
    public var portBindings: [PortMapping]?
    /// `CgroupParent`; empty means the default.
    public var cgroupParent: String?
    /// `Devices`: host devices exposed directly.
    public var devices: [DeviceMapping]?
    /// Names of overridden ulimits (`nofile`).
    public var ulimits: [String]?

    /// Creates an empty host configuration (all defaults).
    public init() {}
}
