public import SecurityModel

/// `K8S-BP-017` (checkov CKV_K8S_22): every container sets `securityContext.readOnlyRootFilesystem: true`.
public struct ReadOnlyRootFilesystem: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        17,
        slug: "read-only-root-filesystem",
        aliases: ["CKV_K8S_22", "KSV014", "read-only-root-fs"],
        title: "Root filesystem is writable",
        severity: .medium,
        remediation: """
            Make the container's root filesystem read-only and mount an emptyDir where it must write:
            securityContext:
              readOnlyRootFilesystem: true
            """,
        references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
        tags: ["security", "security-context"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        guard container.securityContext?["readOnlyRootFilesystem"]?.isTruthy != true else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).securityContext.readOnlyRootFilesystem",
            container: container.name,
            message: "container '\(container.name)' does not set readOnlyRootFilesystem to true",
            patch: SecurityContextPatch(
                workload: pod.workload,
                container: container,
                settings: .object([("readOnlyRootFilesystem", .bool(true))])
            )
        )
    }
}
