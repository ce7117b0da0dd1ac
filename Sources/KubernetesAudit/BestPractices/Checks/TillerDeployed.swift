public import SecurityModel

/// `K8S-BP-026` (checkov CKV_K8S_34): Helm v2's Tiller (an image containing `tiller`, or pod label `app: helm` or
/// `name: tiller`) is not deployed; it gives cluster-admin to anyone who reaches it.
public struct TillerDeployed: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        26,
        slug: "tiller-deployed",
        aliases: ["CKV_K8S_34", "KSV102"],
        title: "Helm Tiller deployed",
        severity: .high,
        remediation: """
            Remove Tiller and migrate to Helm 3, which needs no in-cluster component.
            """,
        references: ["https://helm.sh/docs/topics/v2_v3_migration/"],
        tags: ["security"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        let image = container.value["image"]?.stringValue ?? ""
        let labels = pod.workload.podMetadata["labels"]
        let byImage = image.contains("tiller")
        guard byImage || labels?["app"]?.stringValue == "helm" || labels?["name"]?.stringValue == "tiller" else {
            return nil
        }
        return pod.finding(
            descriptor,
            fieldPath: byImage ? "\(container.path).image" : "\(pod.specPath)",
            container: container.name,
            message: "container '\(container.name)' runs Helm Tiller"
        )
    }
}
