public import ContainerAudit
import SecurityModel

/// Turns a ``ComposeService`` into the ``ContainerConfig`` that `docker compose up` would create, so that the
/// container checks of `bulkhead audit docker` apply unchanged. Pure.
///
/// Static choices, made to avoid false positives (see also ``ComposeAuditor``):
/// - every service gets a `HostConfig`: what the file leaves unset is Docker's default, which is known;
/// - a service without `network_mode` or `networks` is on the project network (`<project>_default`), not the
///   default bridge `docker0`; `network_mode: bridge`, or a network declared `external` with the name `bridge`
///   (or given `name: bridge`), is docker0;
/// - `network_mode`/`pid`/`ipc: service:<name>` join that service's namespace: when that one is `host`, so
///   is this one; otherwise it maps to `container:<name>`;
/// - `ports:` of a service with `network_mode: host` are ignored, as Docker discards them;
/// - a named volume whose top-level definition is a bind in disguise (`driver_opts: {o: bind, device: /etc}`)
///   is a bind of that host path; other named volumes are not host paths;
/// - relative bind sources (`./data`) stay relative: they are under the project directory, not a system path;
///   absolute ones are normalised lexically (`/var/../etc` is `/etc`);
/// - the AppArmor profile is unknown (nil): only an explicit `apparmor=unconfined` counts;
/// - health: `healthcheck.test` (not `NONE`) is a health check, `disable: true` or `test: [NONE]` disables it;
///   without a `healthcheck` key or `test`, the image's `HEALTHCHECK` (unknown here) applies, so 5.27 is
///   undecided and skipped;
/// - `user:` is `Config.User`; without it the image's `USER` (unknown here) applies: `user` stays nil, which the
///   root-user check (4.1) reads as unknown, and 4.1 is listed as undecided.
public struct ComposeServiceMapper: Sendable {
    /// The project the services belong to (networks, volumes, other services).
    public var project: ComposeProject

    /// Creates a mapper for `project`.
    public init(project: ComposeProject) { self.project = project }

    /// Most port mappings one service may expand to (ranges expand to one mapping per port).
    static let maximumPortMappings = 70_000

    /// The configuration of `service` alone.
    public func config(for service: ComposeService) throws(ComposeError) -> ContainerConfig {
        try map(service).config
    }

    /// The configuration of `service` and the Compose keys behind its mounts, ports and devices.
    public func map(_ service: ComposeService) throws(ComposeError) -> ComposeServiceMapping {
        let project = self.project
        let reader = try ComposeValueReader(
            service.definition,
            path: service.keyPath,
            file: project.file,
            service: service.name,
            line: { project.line(of: $0, in: service) }
        )
        var config = ContainerConfig(id: nil, name: service.name, image: service.imageName)
        var mapping = ComposeServiceMapping(config: config)
        config.user = try reader.string("user")
        if config.user == nil { mapping.undecidedChecks.insert("CIS-DOCKER-4.1") }
        config.exposedPorts = try reader.strings("expose").map { $0.map { $0.contains("/") ? $0 : "\($0)/tcp" } }
        config.healthcheckTest = try healthcheck(reader, undecided: &mapping.undecidedChecks)

        var host = HostConfig()
        host.privileged = try reader.bool("privileged") ?? false
        host.capAdd = try reader.strings("cap_add")
        host.capDrop = try reader.strings("cap_drop")
        host.securityOpt = try reader.strings("security_opt")
        host.readonlyRootfs = try reader.bool("read_only") ?? false
        host.cgroupParent = try reader.string("cgroup_parent")
        host.cpuShares = try reader.int("cpu_shares")
        host.utsMode = try reader.string("uts")
        host.usernsMode = try reader.string("userns_mode")
        host.networkMode = try namespaceMode("network_mode", of: service, reader: reader)
        host.pidMode = try namespaceMode("pid", of: service, reader: reader)
        host.ipcMode = try namespaceMode("ipc", of: service, reader: reader)

        let deploy = try reader.object("deploy")
        let limits = try deploy?.object("resources")?.object("limits")
        let limitMemory = try limits?.bytes("memory"), limitPids = try limits?.int("pids")
        host.memory = try reader.bytes("mem_limit") ?? limitMemory
        host.pidsLimit = try reader.int("pids_limit") ?? limitPids
        host.restartPolicy = try restartPolicy(reader, deploy: deploy)
        // `cpus: 1.5` / `deploy.resources.limits.cpus: "0.5"` cap the CPU like `docker run --cpus`.
        let limitCPUs = try limits?.double("cpus")
        if let cpus = try reader.double("cpus") ?? limitCPUs, cpus > 0 {
            host.nanoCPUs = Int(cpus * 1_000_000_000)
        }
        host.cpuQuota = try reader.int("cpu_quota")
        if let ulimits = try reader.object("ulimits") { host.ulimits = ulimits.members.map(\.0) }

        // Docker discards published ports of a container on the host network (it listens there directly).
        let ports = host.networkMode == "host" ? [] : try portMappings(reader)
        host.portBindings = ports.map(\.0)
        mapping.portKeys = ports.map(\.1)
        let devices = try deviceMappings(reader)
        host.devices = devices.map(\.0)
        mapping.deviceKeys = devices.map(\.1)
        config.hostConfig = host

        let mounts = try mountPoints(reader)
        config.mounts = mounts.map(\.0)
        mapping.mountKeys = mounts.map(\.1)
        config.networks = try networks(reader, networkMode: host.networkMode)
        mapping.config = config
        return mapping
    }

    /// `Config.Healthcheck.Test`: nil (and 5.27 undecided) when the image's health check applies.
    func healthcheck(_ reader: ComposeValueReader, undecided: inout Set<String>) throws(ComposeError) -> [String]? {
        guard let health = try reader.object("healthcheck") else {
            undecided.insert("CIS-DOCKER-5.27")
            return nil
        }
        if try health.bool("disable") == true { return ["NONE"] }
        if let text = health.raw("test")?.stringValue {
            return text.isEmpty ? nil : ["CMD-SHELL", text]
        }
        guard let test = try health.strings("test"), !test.isEmpty else {
            undecided.insert("CIS-DOCKER-5.27")
            return nil
        }
        return test
    }

    /// `restart:` or `deploy.restart_policy` (which `docker compose` applies over `restart:`).
    func restartPolicy(_ reader: ComposeValueReader, deploy: ComposeValueReader?) throws(ComposeError)
        -> RestartPolicy?
    {
        if let policy = try deploy?.object("restart_policy") {
            let condition = try policy.string("condition") ?? "any"
            let name: String
            switch condition {
            case "none": name = "no"
            case "on-failure": name = "on-failure"
            case "any": name = "always"
            default:
                throw policy.error(.invalidValue, "condition", "must be none, on-failure or any, found `\(condition)`")
            }
            return RestartPolicy(name: name, maximumRetryCount: try policy.int("max_attempts") ?? 0)
        }
        guard let text = try reader.string("restart") else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        guard ["no", "always", "unless-stopped", "on-failure"].contains(name) else {
            throw reader.error(
                .invalidValue,
                "restart",
                "must be no, always, unless-stopped or on-failure[:N], found `\(text.prefix(40))`"
            )
        }
        var retries = 0
        if parts.count == 2 {
            guard name == "on-failure", let count = Int(parts[1]), count >= 0 else {
                throw reader.error(.invalidValue, "restart", "`\(text.prefix(40))` has an invalid retry count")
            }
            retries = count
        }
        return RestartPolicy(name: name, maximumRetryCount: retries)
    }

    /// `network_mode`, `pid` or `ipc`; `service:<name>` resolves to `host` when that service (transitively)
    /// shares the host's namespace, else to `container:<name>`.
    func namespaceMode(_ key: String, of service: ComposeService, reader: ComposeValueReader) throws(ComposeError)
        -> String?
    {
        guard let mode = try reader.string(key) else { return nil }
        guard mode.hasPrefix("service:") else { return mode }
        let first = String(mode.dropFirst("service:".count))
        var target = first
        var visited: Set<String> = [service.name]
        while visited.insert(target).inserted, let other = project.service(named: target),
            let next = other.definition[key].flatMap(ComposeValueReader.scalarText)
        {
            if next.lowercased() == "host" { return "host" }
            guard next.hasPrefix("service:") else { break }
            target = String(next.dropFirst("service:".count))
        }
        return "container:\(first)"
    }

    /// The networks the container joins, by their Docker names: the project's networks are
    /// `<project>_<key>` unless they set `name:`; external ones keep their key (or `name:`).
    func networks(_ reader: ComposeValueReader, networkMode: String?) throws(ComposeError) -> [String] {
        if networkMode != nil { return [] }
        var keys: [String] = []
        if let value = reader.raw("networks") {
            if value.arrayValue != nil {
                keys = try reader.strings("networks") ?? []
            } else if let members = value.objectMembers {
                keys = members.map(\.0)
            } else {
                throw reader.wrongType("networks", "a sequence or a mapping", value)
            }
        }
        if keys.isEmpty { keys = ["default"] }
        let prefix = project.name ?? "project"
        return keys.map { key in
            let definition = project.networks?[key]
            if let name = definition?["name"].flatMap(ComposeValueReader.scalarText), !name.isEmpty { return name }
            let external = definition?["external"]
            if external?.booleanValue == true || external?.objectMembers != nil {
                return external?["name"]?.stringValue ?? key
            }
            return "\(prefix)_\(key)"
        }
    }
}
