public import SecurityModel

/// `K8S-BP-022` (checkov CKV_K8S_29): the pod spec has a non-empty `securityContext`.
public struct PodSecurityContextMissing: BestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        22,
        slug: "pod-security-context-missing",
        aliases: ["CKV_K8S_29"],
        title: "Pod has no security context",
        severity: .low,
        remediation: """
            Give the pod a security context that runs it as non-root under the default seccomp profile:
            spec:
              securityContext:
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
            """,
        references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
        tags: ["security", "security-context"]
    )

    public func check(_ object: ManifestDocument) -> [Finding] {
        guard let workload = object.workload else { return [] }
        let pod = PodView(workload)
        guard pod.securityContext?.isTruthy != true else { return [] }
        return [
            pod.finding(
                descriptor,
                fieldPath: "\(pod.specPath).securityContext",
                message: "the pod has no securityContext",
                patch: SecurityContextPatch(
                    workload: workload,
                    container: nil,
                    settings: .object([
                        ("runAsNonRoot", .bool(true)),
                        ("seccompProfile", .object([("type", .string("RuntimeDefault"))])),
                    ])
                )
            )
        ]
    }
}
