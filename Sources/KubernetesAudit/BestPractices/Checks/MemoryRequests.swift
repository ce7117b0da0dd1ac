public import SecurityModel

/// `K8S-BP-003` (checkov CKV_K8S_12): every container sets `resources.requests.memory`
/// (a limit alone also counts, as Kubernetes then defaults the request to it).
public struct MemoryRequests: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        3,
        slug: "memory-requests",
        aliases: ["CKV_K8S_12", "KSV016"],
        title: "Memory request not set",
        severity: .low,
        remediation: """
            Set a memory request for the container, sized from its observed usage:
            resources:
              requests:
                memory: "256Mi"
            """,
        references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
        tags: ["resources"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        let resources = container.value["resources"]
        if let resources, resources.isTruthy, resources.objectMembers == nil { return nil }
        if resources?["requests"]?["memory"]?.isTruthy == true { return nil }
        if resources?["limits"]?["memory"]?.isTruthy == true { return nil }
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).resources.requests.memory",
            container: container.name,
            message: "container '\(container.name)' has no memory request"
        )
    }
}
