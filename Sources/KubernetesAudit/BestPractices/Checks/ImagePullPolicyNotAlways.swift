public import SecurityModel

/// `K8S-BP-009` (checkov CKV_K8S_15): containers whose image is not pinned by digest pull it `Always`, so that a
/// moved tag and the pull secrets are checked at every start. Without `imagePullPolicy`, Kubernetes pulls `Always`
/// only for `latest` or untagged images, so those pass.
public struct ImagePullPolicyNotAlways: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        9,
        slug: "image-pull-policy-not-always",
        aliases: ["CKV_K8S_15"],
        title: "Image pull policy is not Always",
        severity: .low,
        remediation: """
            Pull the image at every start, or pin it by digest:
            imagePullPolicy: Always
            """,
        references: ["https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"],
        tags: ["supply-chain"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        guard let text = container.value["image"]?.stringValue, !text.isEmpty else { return nil }
        let image = ImageReference(text)
        guard image.digest == nil else { return nil }
        let field = "\(container.path).imagePullPolicy"
        if let policy = container.value["imagePullPolicy"] {
            guard policy.stringValue != "Always" else { return nil }
            return pod.finding(
                descriptor,
                fieldPath: field,
                container: container.name,
                message: "container '\(container.name)' pulls image '\(text)' with policy \(policy.display)"
            )
        }
        guard !image.floats else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: field,
            container: container.name,
            message: "container '\(container.name)' has no imagePullPolicy, so tagged image '\(text)' is pulled "
                + "only if not present"
        )
    }
}
