public import SecurityModel

/// `K8S-BP-008` (checkov CKV_K8S_43): every container's image is pinned by digest (`image@sha256:…`).
public struct ImageNotPinnedByDigest: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        8,
        slug: "image-not-pinned-by-digest",
        aliases: ["CKV_K8S_43"],
        title: "Image not pinned by digest",
        severity: .low,
        remediation: """
            Pin the image by digest so that every node runs the same bytes (`crane digest IMAGE` prints it):
            image: registry.example.com/app:1.4.2@sha256:<digest>
            """,
        references: ["https://kubernetes.io/docs/concepts/containers/images/#image-names"],
        tags: ["supply-chain"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        guard let text = container.value["image"]?.stringValue, !text.isEmpty, ImageReference(text).digest == nil
        else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).image",
            container: container.name,
            message: "container '\(container.name)' uses image '\(text)' without a digest"
        )
    }
}
