public import SecurityModel

/// `K8S-BP-023` (checkov CKV_K8S_30): every container has a non-empty `securityContext`.
public struct ContainerSecurityContextMissing: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        23,
        slug: "container-security-context-missing",
        aliases: ["CKV_K8S_30"],
        title: "Container has no security context",
        severity: .low,
        remediation: """
            Give the container a restrictive security context:
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities:
                drop: ["ALL"]
            """,
        references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
        tags: ["security", "security-context"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        guard container.securityContext?.isTruthy != true else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).securityContext",
            container: container.name,
            message: "container '\(container.name)' has no securityContext",
            patch: SecurityContextPatch(
                workload: pod.workload,
                container: container,
                settings: .object([
                    ("allowPrivilegeEscalation", .bool(false)),
                    ("readOnlyRootFilesystem", .bool(true)),
                    ("capabilities", .object([("drop", .array([.string("ALL")]))])),
                ])
            )
        )
    }
}
