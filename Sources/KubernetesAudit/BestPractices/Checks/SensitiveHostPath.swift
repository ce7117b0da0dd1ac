public import SecurityModel

/// `K8S-BP-014` (kube-linter `sensitive-host-mounts`): no hostPath volume mounts a sensitive host directory
/// (`/`, `/boot`, `/dev`, `/etc`, `/lib`, `/proc`, `/sys`, `/usr`, `/var/lib/kubelet`, `/root`). Any hostPath is
/// a Pod Security baseline finding already (`K8S-PSS-B-HOST-PATH-VOLUMES`); this check singles out the worst.
public struct SensitiveHostPath: BestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        14,
        slug: "sensitive-host-path",
        aliases: ["sensitive-host-mounts"],
        title: "Sensitive host directory mounted",
        severity: .high,
        remediation: """
            Remove the hostPath volume; use a ConfigMap, Secret, emptyDir or persistent volume instead.
            """,
        references: ["https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"],
        tags: ["security"]
    )

    /// The sensitive directories.
    static let directories: Set<String> = [
        "/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr", "/var/lib/kubelet", "/root",
    ]

    public func check(_ object: ManifestDocument) -> [Finding] {
        guard let workload = object.workload else { return [] }
        let pod = PodView(workload)
        return (pod.spec["volumes"]?.items ?? []).enumerated().compactMap { i, volume in
            guard let path = volume["hostPath"]?["path"]?.stringValue,
                Self.directories.contains(HostPath.normalize(path))
            else { return nil }
            return pod.finding(
                descriptor,
                fieldPath: "\(pod.specPath).volumes[\(i)].hostPath.path",
                message: "volume '\(volume["name"]?.stringValue ?? "")' mounts host directory \(path)"
            )
        }
    }
}
