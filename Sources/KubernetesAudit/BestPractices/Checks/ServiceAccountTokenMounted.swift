public import SecurityModel

/// `K8S-BP-010` (checkov CKV_K8S_38): a workload's pod sets `automountServiceAccountToken: false` unless it talks
/// to the API server.
public struct ServiceAccountTokenMounted: BestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        10,
        slug: "service-account-token-mounted",
        aliases: ["CKV_K8S_38", "KSV036"],
        title: "Service account token is mounted",
        severity: .medium,
        remediation: """
            Do not mount the service account token into pods that do not call the Kubernetes API:
            spec:
              automountServiceAccountToken: false
            """,
        references: ["https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"],
        tags: ["security"]
    )

    public func check(_ object: ManifestDocument) -> [Finding] {
        guard let workload = object.workload else { return [] }
        let pod = PodView(workload)
        let value = pod.spec["automountServiceAccountToken"]
        guard value?.booleanValue != false else { return [] }
        return [
            pod.finding(
                descriptor,
                fieldPath: "\(pod.specPath).automountServiceAccountToken",
                message: value == nil
                    ? "the pod does not set automountServiceAccountToken to false"
                    : "the pod sets automountServiceAccountToken to \(value?.display ?? "")"
            )
        ]
    }
}
