/// Host paths mounted into a container, from `Mounts` or, when that is absent, from `HostConfig.Binds`.
enum HostMounts {
    static func all(_ c: ContainerConfig) -> [MountPoint] {
        if let mounts = c.mounts { return mounts }
        return (c.hostConfig?.binds ?? []).map { bind in
            let parts = bind.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let options = parts.count > 2 ? parts[2].split(separator: ",").map(String.init) : []
            let propagation = options.first {
                ["shared", "rshared", "slave", "rslave", "private", "rprivate"].contains($0)
            }
            return MountPoint(
                type: parts[0].hasPrefix("/") ? "bind" : "volume",
                source: parts[0],
                destination: parts.count > 1 ? parts[1] : nil,
                propagation: propagation,
                readWrite: !options.contains("ro")
            )
        }
    }

    /// `path` without trailing slashes (`/` stays `/`).
    static func clean(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }
}
