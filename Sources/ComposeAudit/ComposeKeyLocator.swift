import SecurityModel

/// Where in a Compose service a container-check finding points: the Compose key behind the inspect field the
/// check names (`HostConfig.Privileged` → `privileged`). When the key is missing (no memory limit), the finding
/// names the key to add and points at the service's line.
enum ComposeKeyLocator {
    /// Compose keys behind each inspect field, relative to the service, most specific first. The first one is
    /// the key to add when none is present.
    static let keys: [String: [String]] = [
        "AppArmorProfile": ["security_opt"],
        "Config.Healthcheck": ["healthcheck"],
        "Config.Healthcheck.Test": ["healthcheck.disable", "healthcheck.test", "healthcheck"],
        "Config.User": ["user"],
        "HostConfig.CapAdd": ["cap_add"],
        "HostConfig.CgroupParent": ["cgroup_parent"],
        "HostConfig.CpuShares": ["cpu_shares", "cpus"],
        "HostConfig.Devices": ["devices"],
        "HostConfig.IpcMode": ["ipc"],
        "HostConfig.Memory": ["mem_limit", "deploy.resources.limits.memory"],
        "HostConfig.NetworkMode": ["network_mode"],
        "HostConfig.PidMode": ["pid"],
        "HostConfig.PidsLimit": ["pids_limit", "deploy.resources.limits.pids"],
        "HostConfig.PortBindings": ["ports"],
        "HostConfig.Privileged": ["privileged"],
        "HostConfig.ReadonlyRootfs": ["read_only"],
        "HostConfig.RestartPolicy.MaximumRetryCount": [
            "deploy.restart_policy.max_attempts", "deploy.restart_policy", "restart",
        ],
        "HostConfig.SecurityOpt": ["security_opt"],
        "HostConfig.Ulimits": ["ulimits"],
        "HostConfig.UsernsMode": ["userns_mode"],
        "HostConfig.UTSMode": ["uts"],
        "Mounts": ["volumes"],
        "NetworkSettings.Networks": ["network_mode", "networks"],
    ]

    /// The Compose key path (`services.web.mem_limit`) for a finding on `field` of `service`.
    static func keyPath(for field: String?, in service: ComposeService) -> String {
        guard let field, let candidates = keys[field], let first = candidates.first else { return service.keyPath }
        let present = candidates.first { isPresent($0, in: service.definition) }
        return "\(service.keyPath).\(present ?? first)"
    }

    /// True when the dotted `path` leads to a non-null value in `definition`.
    static func isPresent(_ path: String, in definition: JSONValue) -> Bool {
        var node: JSONValue? = definition
        for part in path.split(separator: ".") { node = node?[String(part)] }
        guard let node else { return false }
        return node != .null
    }
}
