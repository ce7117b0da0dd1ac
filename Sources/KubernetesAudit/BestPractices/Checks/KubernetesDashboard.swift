public import SecurityModel

/// `K8S-BP-025` (checkov CKV_K8S_33): the Kubernetes dashboard (image `kubernetesui/…` or
/// `…kubernetes-dashboard…`, or pod label `app`/`k8s-app` = `kubernetes-dashboard`) is not deployed.
public struct KubernetesDashboard: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        25,
        slug: "kubernetes-dashboard",
        aliases: ["CKV_K8S_33"],
        title: "Kubernetes dashboard deployed",
        severity: .medium,
        remediation: """
            Remove the dashboard, or expose it only through `kubectl proxy` with a least-privilege service account.
            """,
        references: ["https://github.com/kubernetes/dashboard"],
        tags: ["security"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        let image = container.value["image"]?.stringValue ?? ""
        let labels = pod.workload.podMetadata["labels"]
        let byImage = image.contains("kubernetes-dashboard") || image.contains("kubernetesui")
        let label = labels?["app"] != nil ? labels?["app"] : labels?["k8s-app"]
        guard byImage || label?.stringValue == "kubernetes-dashboard" else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: byImage ? "\(container.path).image" : "\(pod.specPath)",
            container: container.name,
            message: "container '\(container.name)' runs the Kubernetes dashboard"
        )
    }
}
