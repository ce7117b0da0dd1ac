public import SecurityModel

/// CIS-DOCKER-5.7: an SSH daemon runs inside the container. Judged from the container's process list as the
/// engine reports it (`GET /containers/{id}/top`, which runs `ps` on the host: nothing is executed inside the
/// container); containers whose processes are unknown (not running, Compose files) are not judged.
public struct SSHDaemonRunning: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "5.7",
        slug: "sshd-in-container",
        title: "An SSH daemon runs inside the container",
        severity: .medium,
        remediation:
            "Remove the SSH server from the image and its start-up, and `-p …:22` from `docker run`; use `docker exec` "
            + "(or `kubectl exec`) for interactive access. Compose: drop the sshd command and the published port 22."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let processes = container.processNames else { return [] }
        let daemons = processes.filter(Self.isSSHDaemon)
        guard !daemons.isEmpty else { return [] }
        return [
            finding(
                container,
                "An SSH daemon runs in the container (\(daemons.count == 1 ? "process" : "processes") "
                    + "\(daemons.prefix(3).joined(separator: ", ")))",
                fieldPath: "top"
            )
        ]
    }

    /// `sshd`, `/usr/sbin/sshd`, `sshd: root@pts/0`, `sshd:` (OpenSSH's process titles); not `sshd-keygen-wrapper`.
    public static func isSSHDaemon(_ name: String) -> Bool {
        let base = name.split(separator: " ", maxSplits: 1).first.map { $0.split(separator: "/").last ?? $0 } ?? ""
        return base == "sshd" || base == "sshd:" || base.hasPrefix("sshd:")
    }
}
