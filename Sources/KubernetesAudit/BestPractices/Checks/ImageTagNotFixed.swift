public import SecurityModel

/// `K8S-BP-007` (checkov CKV_K8S_14): every container names an image with a tag other than `latest`, or a digest.
public struct ImageTagNotFixed: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        7,
        slug: "image-tag-not-fixed",
        aliases: ["CKV_K8S_14", "KSV013", "latest-tag"],
        title: "Image tag is latest or missing",
        severity: .medium,
        remediation: """
            Name a fixed version of the image (better: pin it by digest):
            image: registry.example.com/app:1.4.2
            """,
        references: ["https://kubernetes.io/docs/concepts/containers/images/#image-names"],
        tags: ["supply-chain"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        let field = "\(container.path).image"
        guard let value = container.value["image"], value.isTruthy else {
            return pod.finding(
                descriptor,
                fieldPath: field,
                container: container.name,
                message: "container '\(container.name)' has no image"
            )
        }
        guard let text = value.stringValue, ImageReference(text).floats else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: field,
            container: container.name,
            message: "container '\(container.name)' uses image '\(text)' without a fixed tag"
        )
    }
}
