public import SecurityModel

/// CIS-DOCKER-5.6: a sensitive host directory (`/`, `/boot`, `/dev`, `/etc`, `/lib`, `/proc`, `/sys`, `/usr`,
/// or a path below one of them) is mounted into the container.
public struct SensitiveHostDirectory: ContainerCheck {
    public init() {}

    static let sensitive = ["/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr"]

    public let descriptor = RuleDescriptor.cisDocker(
        "5.6",
        slug: "sensitive-host-directory",
        title: "Sensitive host system directories are mounted on the container",
        severity: .high,
        remediation:
            "Do not bind-mount host system directories: remove the `-v /etc:…`/`--mount type=bind,src=/etc,…` option from "
            + "`docker run`; Compose: remove the entry from `volumes:`. If one is truly needed, mount it read-only (`:ro`, `read_only: true`)."
    )

    /// True when `path` is a sensitive host directory or lies below one.
    static func isSensitive(_ path: String) -> Bool {
        let p = HostMounts.clean(path)
        return p == "/" || sensitive.contains { p == $0 || p.hasPrefix($0 + "/") }
    }

    public func check(_ container: ContainerConfig) -> [Finding] {
        HostMounts.all(container).compactMap { mount in
            guard mount.type != "volume", mount.type != "tmpfs", let source = mount.source,
                SensitiveHostDirectory.isSensitive(source)
            else {
                return nil
            }
            let mode = mount.readWrite == false ? "read-only" : "read-write"
            return finding(
                container,
                "Host directory \(source) is mounted \(mode) at \(mount.destination ?? "?")",
                fieldPath: "Mounts"
            )
        }
    }
}
