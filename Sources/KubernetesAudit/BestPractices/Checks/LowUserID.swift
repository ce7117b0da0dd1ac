public import SecurityModel

/// `K8S-BP-018` (checkov CKV_K8S_40): every container runs as a UID ≥ 10000 (its own `runAsUser`, else the
/// pod's), so that it shares no UID with host users; pods in a user namespace (`hostUsers: false`) pass.
public struct LowUserID: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        18,
        slug: "low-user-id",
        aliases: ["CKV_K8S_40", "KSV020"],
        title: "Container does not run as a high UID",
        severity: .low,
        remediation: """
            Run the container as a UID of 10000 or more that the image's files allow:
            securityContext:
              runAsUser: 10001
            """,
        references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
        tags: ["security", "security-context"]
    )

    /// The smallest UID accepted.
    public static let minimumUID = 10_000

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        guard pod.spec["hostUsers"]?.booleanValue != false else { return nil }
        let own = container.securityContext?["runAsUser"]
        let effective = own ?? pod.securityContext?["runAsUser"]
        if let uid = effective?.integerValue, uid >= Self.minimumUID { return nil }
        let message: String
        if let effective {
            message = "container '\(container.name)' runs as UID \(effective.display), below \(Self.minimumUID)"
        } else {
            message = "container '\(container.name)' sets no runAsUser, nor does the pod"
        }
        return pod.finding(
            descriptor,
            fieldPath: own == nil && effective != nil
                ? "\(pod.specPath).securityContext.runAsUser" : "\(container.path).securityContext.runAsUser",
            container: container.name,
            message: message,
            patch: SecurityContextPatch(
                workload: pod.workload,
                container: container,
                settings: .object([("runAsUser", .int(10_001))])
            )
        )
    }
}
