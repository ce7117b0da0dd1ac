public import SecurityModel

extension ContainerConfig {
    /// Decodes `docker inspect` output (an array of containers) or one Engine API response (an object).
    /// `source` names the document in errors.
    public static func decode(_ text: String, source: String) throws(ContainerConfigError) -> [ContainerConfig] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw ContainerConfigError(
                code: .invalidJSON,
                source: source,
                field: "",
                message: "\(source): \(error.description)"
            )
        }
        if let items = value.arrayValue {
            var out: [ContainerConfig] = []
            for (i, item) in items.enumerated() {
                out.append(try ContainerConfig(json: item, source: source, path: "[\(i)]"))
            }
            return out
        }
        return [try ContainerConfig(json: value, source: source)]
    }

    /// Decodes one container inspect object.
    public init(json: JSONValue, source: String) throws(ContainerConfigError) {
        try self.init(json: json, source: source, path: "")
    }

    init(json: JSONValue, source: String, path: String) throws(ContainerConfigError) {
        let root = try JSONFieldReader(json, path: path, source: source)
        self.init(id: try root.string("Id"), name: nil, image: nil)
        if let name = try root.string("Name") {
            self.name = name.hasPrefix("/") ? String(name.dropFirst()) : name
        }
        appArmorProfile = try root.string("AppArmorProfile")
        if let config = try root.object("Config") {
            image = try config.string("Image")
            user = try config.string("User")
            exposedPorts = try config.keys("ExposedPorts")
            if let health = try config.object("Healthcheck") {
                healthcheckTest = try health.strings("Test") ?? []
            }
        }
        if let host = try root.object("HostConfig") {
            hostConfig = try HostConfig(host)
        }
        if let items = try root.array("Mounts") {
            var list: [MountPoint] = []
            for (i, item) in items.enumerated() {
                let m = try JSONFieldReader(item, path: root.fieldPath("Mounts[\(i)]"), source: source)
                list.append(
                    MountPoint(
                        type: try m.string("Type"),
                        source: try m.string("Source"),
                        destination: try m.string("Destination"),
                        propagation: try m.string("Propagation"),
                        readWrite: try m.bool("RW")
                    )
                )
            }
            mounts = list
        }
        if let state = try root.object("State") {
            status = try state.string("Status")
            healthStatus = try state.object("Health").flatMap { h throws(ContainerConfigError) in try h.string("Status")
            }
        }
        if let net = try root.object("NetworkSettings") {
            networks = try net.keys("Networks")
            if let ports = try net.object("Ports") { publishedPorts = try ContainerConfig.portMappings(ports) }
        }
    }

    /// Reads a `{"80/tcp": [{"HostIp": "", "HostPort": "80"}]}` map; `null` lists (exposed, not published) are skipped.
    static func portMappings(_ reader: JSONFieldReader) throws(ContainerConfigError) -> [PortMapping] {
        var out: [PortMapping] = []
        for (port, _) in reader.members {
            guard let bindings = try reader.array(port) else { continue }
            for (i, binding) in bindings.enumerated() {
                let b = try JSONFieldReader(binding, path: "\(reader.fieldPath(port))[\(i)]", source: reader.source)
                out.append(
                    PortMapping(containerPort: port, hostIP: try b.string("HostIp"), hostPort: try b.string("HostPort"))
                )
            }
        }
        return out
    }
}

extension HostConfig {
    init(_ r: JSONFieldReader) throws(ContainerConfigError) {
        self.init()
        privileged = try r.bool("Privileged")
        capAdd = try r.strings("CapAdd")
        capDrop = try r.strings("CapDrop")
        binds = try r.strings("Binds")
        networkMode = try r.string("NetworkMode")
        pidMode = try r.string("PidMode")
        ipcMode = try r.string("IpcMode")
        utsMode = try r.string("UTSMode")
        usernsMode = try r.string("UsernsMode")
        securityOpt = try r.strings("SecurityOpt")
        memory = try r.int("Memory")
        cpuShares = try r.int("CpuShares")
        nanoCPUs = try r.int("NanoCpus")
        cpuQuota = try r.int("CpuQuota")
        pidsLimit = try r.int("PidsLimit")
        readonlyRootfs = try r.bool("ReadonlyRootfs")
        cgroupParent = try r.string("CgroupParent")
        if let policy = try r.object("RestartPolicy") {
            restartPolicy = RestartPolicy(
                name: try policy.string("Name"),
                maximumRetryCount: try policy.int("MaximumRetryCount")
            )
        }
        if let ports = try r.object("PortBindings") { portBindings = try ContainerConfig.portMappings(ports) }
        if let items = try r.array("Devices") {
            var list: [DeviceMapping] = []
            for (i, item) in items.enumerated() {
                let d = try JSONFieldReader(item, path: r.fieldPath("Devices[\(i)]"), source: r.source)
                list.append(
                    DeviceMapping(
                        pathOnHost: try d.string("PathOnHost"),
                        pathInContainer: try d.string("PathInContainer"),
                        cgroupPermissions: try d.string("CgroupPermissions")
                    )
                )
            }
            devices = list
        }
        if let items = try r.array("Ulimits") {
            var names: [String] = []
            for (i, item) in items.enumerated() {
                let u = try JSONFieldReader(item, path: r.fieldPath("Ulimits[\(i)]"), source: r.source)
                names.append(try u.string("Name") ?? "")
            }
            ulimits = names
        }
    }
}
