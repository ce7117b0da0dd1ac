import ContainerAudit
import SecurityModel

extension ComposeServiceMapper {
    /// Bind propagation modes accepted in the short syntax's options.
    static let propagationModes: Set<String> = ["shared", "rshared", "slave", "rslave", "private", "rprivate"]

    /// `volumes:` as mount points, each with its Compose key.
    func mountPoints(_ reader: ComposeValueReader) throws(ComposeError) -> [(MountPoint, String)] {
        guard let items = try reader.array("volumes") else { return [] }
        var out: [(MountPoint, String)] = []
        for (index, item) in items.enumerated() {
            let key = reader.fieldPath("volumes[\(index)]")
            if let text = item.stringValue {
                guard let mount = shortMount(text) else {
                    throw reader.error(.invalidValue, "volumes[\(index)]", "`\(text.prefix(60))` is not a volume")
                }
                out.append((mount, key))
            } else if item.objectMembers != nil {
                out.append((try longMount(try reader.item(item, at: key)), key))
            } else {
                throw reader.wrongType("volumes[\(index)]", "a string or a mapping", item)
            }
        }
        return out
    }

    /// `[source:]target[:options]`. An empty source (`${UNSET}:/media`, which the loader already warned about)
    /// is read as an anonymous volume rather than rejected, so that the rest of the service is still audited.
    func shortMount(_ text: String) -> MountPoint? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, parts.count <= 3 else { return nil }
        if parts.count == 1 {
            guard !first.isEmpty else { return nil }
            return MountPoint(type: "volume", source: nil, destination: first, readWrite: true)
        }
        guard !parts[1].isEmpty else { return nil }
        let options = parts.count == 3 ? parts[2].split(separator: ",").map { String($0).lowercased() } : []
        var mount = first.isEmpty ? MountPoint(type: "volume") : source(first)
        mount.destination = parts[1]
        mount.readWrite = !(options.contains("ro") || options.contains("readonly"))
        mount.propagation = options.first { Self.propagationModes.contains($0) }
        return mount
    }

    /// `{type, source, target, read_only, bind: {propagation}}`.
    func longMount(_ reader: ComposeValueReader) throws(ComposeError) -> MountPoint {
        let type = try reader.string("type") ?? "volume"
        guard let target = try reader.string("target"), !target.isEmpty else {
            throw reader.error(.invalidValue, "target", "a volume needs a `target` path")
        }
        var mount: MountPoint
        let sourceText = try reader.string("source")
        switch type {
        case "bind":
            guard let sourceText, !sourceText.isEmpty else {
                throw reader.error(.invalidValue, "source", "a bind mount needs a `source` path")
            }
            mount = MountPoint(type: "bind", source: Self.normalized(sourceText))
        case "volume":
            mount = sourceText.map { source($0) } ?? MountPoint(type: "volume")
        default:
            mount = MountPoint(type: type, source: sourceText)
        }
        mount.destination = target
        mount.readWrite = !(try reader.bool("read_only") ?? false)
        if let bind = try reader.object("bind") { mount.propagation = try bind.string("propagation")?.lowercased() }
        return mount
    }

    /// A short-syntax source: a host path (`/x`, `./x`, `~/x`) is a bind; a name is a named volume, unless the
    /// project defines it as a bind in disguise (`driver_opts: {o: bind, device: /path}`).
    func source(_ text: String) -> MountPoint {
        if text.hasPrefix("/") || text.hasPrefix(".") || text.hasPrefix("~") {
            return MountPoint(type: "bind", source: Self.normalized(text))
        }
        if let options = project.volumes?[text]?["driver_opts"],
            let o = options["o"].flatMap(ComposeValueReader.scalarText),
            o.split(separator: ",").map({ String($0).trimmingSpaces() }).contains(where: {
                $0 == "bind" || $0 == "rbind"
            }),
            let device = options["device"]?.nonEmptyString
        {
            return MountPoint(type: "bind", source: Self.normalized(device))
        }
        return MountPoint(type: "volume", source: text)
    }

    /// An absolute path with `.`, `..` and repeated slashes resolved lexically; other paths unchanged.
    static func normalized(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                _ = parts.popLast()
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `devices:` as device mappings: `host[:container[:permissions]]`, or `{source, target, permissions}`.
    func deviceMappings(_ reader: ComposeValueReader) throws(ComposeError) -> [(DeviceMapping, String)] {
        guard let items = try reader.array("devices") else { return [] }
        var out: [(DeviceMapping, String)] = []
        for (index, item) in items.enumerated() {
            let key = reader.fieldPath("devices[\(index)]")
            if let text = item.stringValue {
                let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard let host = parts.first, !host.isEmpty, parts.count <= 3 else {
                    throw reader.error(.invalidValue, "devices[\(index)]", "`\(text.prefix(60))` is not a device")
                }
                let container = parts.count > 1 && !parts[1].isEmpty ? parts[1] : host
                let permissions = parts.count > 2 ? parts[2] : "rwm"
                out.append(
                    (DeviceMapping(pathOnHost: host, pathInContainer: container, cgroupPermissions: permissions), key)
                )
            } else if item.objectMembers != nil {
                let device = try reader.item(item, at: key)
                guard let host = try device.string("source") else {
                    throw device.error(.invalidValue, "source", "a device needs a `source` path")
                }
                out.append(
                    (
                        DeviceMapping(
                            pathOnHost: host,
                            pathInContainer: try device.string("target") ?? host,
                            cgroupPermissions: try device.string("permissions") ?? "rwm"
                        ), key
                    )
                )
            } else {
                throw reader.wrongType("devices[\(index)]", "a string or a mapping", item)
            }
        }
        return out
    }
}
