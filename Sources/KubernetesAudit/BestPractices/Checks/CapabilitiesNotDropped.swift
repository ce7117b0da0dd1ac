public import SecurityModel

/// `K8S-BP-020` (checkov CKV_K8S_37): every container drops `ALL` capabilities (and adds back only what it needs).
public struct CapabilitiesNotDropped: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        20,
        slug: "capabilities-not-dropped",
        aliases: ["CKV_K8S_37", "KSV003"],
        title: "Container does not drop all capabilities",
        severity: .low,
        remediation: """
            Drop every capability and add back only those the process needs:
            securityContext:
              capabilities:
                drop: ["ALL"]
            """,
        references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
        tags: ["security", "security-context"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        let dropped = container.securityContext?["capabilities"]?["drop"]?.strings ?? []
        guard !dropped.contains(where: { $0.uppercased() == "ALL" }) else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).securityContext.capabilities.drop",
            container: container.name,
            message: "container '\(container.name)' does not drop ALL capabilities",
            patch: SecurityContextPatch(
                workload: pod.workload,
                container: container,
                settings: .object([("capabilities", .object([("drop", .array([.string("ALL")]))]))])
            )
        )
    }
}
