public import SecurityModel

/// `K8S-BP-002` (checkov CKV_K8S_11): every container sets `resources.limits.cpu`.
public struct CPULimits: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        2,
        slug: "cpu-limits",
        aliases: ["CKV_K8S_11", "KSV011"],
        title: "CPU limit not set",
        severity: .low,
        remediation: """
            Set a cpu limit for the container, sized from its observed usage:
            resources:
              limits:
                cpu: "250m"
            """,
        references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
        tags: ["resources"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        let resources = container.value["resources"]
        if let resources, resources.isTruthy, resources.objectMembers == nil { return nil }
        if resources?["limits"]?["cpu"]?.isTruthy == true { return nil }

        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).resources.limits.cpu",
            container: container.name,
            message: "container '\(container.name)' has no cpu limit"
        )
    }
}
