public import SecurityModel

/// `K8S-BP-019` (checkov CKV_K8S_28): every container drops `NET_RAW` (or `ALL`) and does not add it back;
/// NET_RAW allows ARP and DNS spoofing inside the node's network.
public struct NetRawCapability: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        19,
        slug: "net-raw-capability",
        aliases: ["CKV_K8S_28", "drop-net-raw-capability"],
        title: "Container keeps the NET_RAW capability",
        severity: .medium,
        remediation: """
            Drop NET_RAW (better: every capability):
            securityContext:
              capabilities:
                drop: ["ALL"]
            """,
        references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
        tags: ["security", "security-context"]
    )

    /// A capability name without `CAP_`, upper-cased.
    static func canonical(_ name: String) -> String {
        let upper = name.uppercased()
        return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
    }

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        let capabilities = container.securityContext?["capabilities"]
        let dropped = Set((capabilities?["drop"]?.strings ?? []).map(Self.canonical))
        let added = Set((capabilities?["add"]?.strings ?? []).map(Self.canonical))
        let keeps = dropped.isDisjoint(with: ["ALL", "NET_RAW"]) || !added.isDisjoint(with: ["ALL", "NET_RAW"])
        guard keeps else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).securityContext.capabilities.drop",
            container: container.name,
            message: "container '\(container.name)' does not drop NET_RAW",
            patch: SecurityContextPatch(
                workload: pod.workload,
                container: container,
                settings: .object([("capabilities", .object([("drop", .array([.string("ALL")]))]))])
            )
        )
    }
}
