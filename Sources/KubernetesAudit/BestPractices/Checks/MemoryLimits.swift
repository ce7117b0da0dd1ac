public import SecurityModel

/// `K8S-BP-004` (checkov CKV_K8S_13): every container sets `resources.limits.memory`.
public struct MemoryLimits: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        4,
        slug: "memory-limits",
        aliases: ["CKV_K8S_13", "KSV018", "unset-memory-requirements"],
        title: "Memory limit not set",
        severity: .low,
        remediation: """
            Set a memory limit for the container, sized from its observed usage:
            resources:
              limits:
                memory: "256Mi"
            """,
        references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
        tags: ["resources"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        let resources = container.value["resources"]
        if let resources, resources.isTruthy, resources.objectMembers == nil { return nil }
        if resources?["limits"]?["memory"]?.isTruthy == true { return nil }

        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).resources.limits.memory",
            container: container.name,
            message: "container '\(container.name)' has no memory limit"
        )
    }
}
