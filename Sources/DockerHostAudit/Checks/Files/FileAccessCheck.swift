public import SecurityModel

/// CIS-DOCKER-3.1 to 3.24: ownership and permissions of the Docker host's files. One table-driven type: each rule
/// pairs a ``HostFileSubject`` with a ``Requirement``.
public struct FileAccessCheck: HostFileCheck {
    /// What the files must satisfy.
    public enum Requirement: Sendable, Hashable {
        /// Owned by user root and group root.
        case rootOwned
        /// Owned by user root and the daemon's socket group (`-G`/`group`, default `docker`).
        case rootAndSocketGroup
        /// No permission bits outside `mask` ("644 or more restrictive" = no bits outside 0644).
        case modeWithin(UInt32)
    }

    /// What the rule checks.
    public let subject: HostFileSubject
    /// What the files must satisfy.
    public let requirement: Requirement
    public let descriptor: RuleDescriptor

    /// A rule `number` about `subject`.
    init(
        _ number: String,
        _ slug: String,
        _ title: String,
        _ severity: Severity,
        _ subject: HostFileSubject,
        _ requirement: Requirement
    ) {
        self.subject = subject
        self.requirement = requirement
        let remediation: String
        switch requirement {
        case .rootOwned: remediation = "Run `chown root:root <file>` on the \(subject.noun)."
        case .rootAndSocketGroup: remediation = "Run `chown root:docker <socket>` (or the group set by `-G`/`group`)."
        case .modeWithin(let mask):
            remediation =
                "Run `chmod \(String(mask, radix: 8)) <file>` on the \(subject.noun) (or a more restrictive mode)."
        }
        descriptor = .cisDockerHost(number, slug: slug, title: title, severity: severity, remediation: remediation)
    }

    /// The 24 rules, in id order.
    public static let all: [FileAccessCheck] = [
        FileAccessCheck(
            "3.1",
            "docker-service-ownership",
            "docker.service is not owned by root:root",
            .medium,
            .systemdUnit("docker.service"),
            .rootOwned
        ),
        FileAccessCheck(
            "3.2",
            "docker-service-permissions",
            "docker.service permissions are wider than 644",
            .medium,
            .systemdUnit("docker.service"),
            .modeWithin(0o644)
        ),
        FileAccessCheck(
            "3.3",
            "docker-socket-unit-ownership",
            "docker.socket is not owned by root:root",
            .medium,
            .systemdUnit("docker.socket"),
            .rootOwned
        ),
        FileAccessCheck(
            "3.4",
            "docker-socket-unit-permissions",
            "docker.socket permissions are wider than 644",
            .medium,
            .systemdUnit("docker.socket"),
            .modeWithin(0o644)
        ),
        FileAccessCheck(
            "3.5",
            "etc-docker-ownership",
            "/etc/docker is not owned by root:root",
            .medium,
            .fixed("/etc/docker", .directory),
            .rootOwned
        ),
        FileAccessCheck(
            "3.6",
            "etc-docker-permissions",
            "/etc/docker permissions are wider than 755",
            .medium,
            .fixed("/etc/docker", .directory),
            .modeWithin(0o755)
        ),
        FileAccessCheck(
            "3.7",
            "registry-certificate-ownership",
            "A registry certificate file is not owned by root:root",
            .medium,
            .registryCertificates,
            .rootOwned
        ),
        FileAccessCheck(
            "3.8",
            "registry-certificate-permissions",
            "A registry certificate file's permissions are wider than 444",
            .medium,
            .registryCertificates,
            .modeWithin(0o444)
        ),
        FileAccessCheck(
            "3.9",
            "tls-ca-ownership",
            "The TLS CA certificate is not owned by root:root",
            .medium,
            .tlsCACertificate,
            .rootOwned
        ),
        FileAccessCheck(
            "3.10",
            "tls-ca-permissions",
            "The TLS CA certificate's permissions are wider than 444",
            .medium,
            .tlsCACertificate,
            .modeWithin(0o444)
        ),
        FileAccessCheck(
            "3.11",
            "tls-certificate-ownership",
            "The Docker server certificate is not owned by root:root",
            .medium,
            .tlsCertificate,
            .rootOwned
        ),
        FileAccessCheck(
            "3.12",
            "tls-certificate-permissions",
            "The Docker server certificate's permissions are wider than 444",
            .medium,
            .tlsCertificate,
            .modeWithin(0o444)
        ),
        FileAccessCheck(
            "3.13",
            "tls-key-ownership",
            "The Docker server key is not owned by root:root",
            .high,
            .tlsKey,
            .rootOwned
        ),
        FileAccessCheck(
            "3.14",
            "tls-key-permissions",
            "The Docker server key's permissions are wider than 400",
            .high,
            .tlsKey,
            .modeWithin(0o400)
        ),
        FileAccessCheck(
            "3.15",
            "docker-socket-ownership",
            "The Docker socket is not owned by root:docker",
            .high,
            .dockerSocket,
            .rootAndSocketGroup
        ),
        FileAccessCheck(
            "3.16",
            "docker-socket-permissions",
            "The Docker socket's permissions are wider than 660",
            .high,
            .dockerSocket,
            .modeWithin(0o660)
        ),
        FileAccessCheck(
            "3.17",
            "daemon-json-ownership",
            "daemon.json is not owned by root:root",
            .medium,
            .configurationFile,
            .rootOwned
        ),
        FileAccessCheck(
            "3.18",
            "daemon-json-permissions",
            "daemon.json permissions are wider than 644",
            .medium,
            .configurationFile,
            .modeWithin(0o644)
        ),
        FileAccessCheck(
            "3.19",
            "etc-default-docker-ownership",
            "/etc/default/docker is not owned by root:root",
            .medium,
            .fixed("/etc/default/docker", .file),
            .rootOwned
        ),
        FileAccessCheck(
            "3.20",
            "etc-default-docker-permissions",
            "/etc/default/docker permissions are wider than 644",
            .medium,
            .fixed("/etc/default/docker", .file),
            .modeWithin(0o644)
        ),
        FileAccessCheck(
            "3.21",
            "etc-sysconfig-docker-permissions",
            "/etc/sysconfig/docker permissions are wider than 644",
            .medium,
            .fixed("/etc/sysconfig/docker", .file),
            .modeWithin(0o644)
        ),
        FileAccessCheck(
            "3.22",
            "etc-sysconfig-docker-ownership",
            "/etc/sysconfig/docker is not owned by root:root",
            .medium,
            .fixed("/etc/sysconfig/docker", .file),
            .rootOwned
        ),
        FileAccessCheck(
            "3.23",
            "containerd-socket-ownership",
            "The containerd socket is not owned by root:root",
            .high,
            .containerdSocket,
            .rootOwned
        ),
        FileAccessCheck(
            "3.24",
            "containerd-socket-permissions",
            "The containerd socket's permissions are wider than 660",
            .high,
            .containerdSocket,
            .modeWithin(0o660)
        ),
    ]

    public func plan(_ daemon: DaemonFacts) -> HostFilePlan { subject.plan(daemon) }

    public func evaluate(_ host: HostSnapshot, daemon: DaemonFacts) -> CheckResult {
        let files: [HostFileFacts]
        switch subject.resolve(host, daemon: daemon) {
        case .files(let found): files = found
        case .notApplicable(let reason):
            return CheckResult(ruleID: descriptor.id, verdict: .notApplicable, note: reason)
        case .unknown(let reason): return CheckResult(ruleID: descriptor.id, verdict: .unknown, note: reason)
        }
        let findings = files.compactMap { finding($0, host, daemon) }
        let checked = files.isEmpty ? "no files" : files.map(\.path).joined(separator: ", ")
        return CheckResult(ruleID: descriptor.id, verdict: .pass, findings: findings, note: "checked \(checked)")
    }

    /// The finding for `file`, or nil when it satisfies the requirement.
    func finding(_ file: HostFileFacts, _ host: HostSnapshot, _ daemon: DaemonFacts) -> Finding? {
        let message: String, fix: String
        switch requirement {
        case .rootOwned, .rootAndSocketGroup:
            let group = requirement == .rootOwned ? "root" : (daemon.socketGroup.value ?? "docker")
            let groupMatches: Bool
            if requirement == .rootOwned {
                groupMatches = file.gid == 0
            } else if let number = UInt32(group) {
                groupMatches = file.gid == number
            } else {
                groupMatches = host.groupNames[file.gid] == group
            }
            guard file.uid != 0 || !groupMatches else { return nil }
            message = "\(file.path) is owned by \(host.ownerDescription(file)); expected root:\(group)"
            fix = "chown root:\(group) \(file.path)"
        case .modeWithin(let mask):
            let excess = file.mode & ~mask
            guard excess != 0 else { return nil }
            let allowed = String(mask, radix: 8), extra = String(excess, radix: 8)
            message =
                "\(file.path) has mode \(file.octalMode): bits \(extra) exceed \(allowed) "
                + "(\(allowed) or more restrictive required)"
            fix = "chmod \(allowed) \(file.path)"
        }
        var finding = Finding(rule: descriptor, location: Location(path: file.path), message: message)
        finding.remediation = "Run `\(fix)`."
        return finding
    }
}
