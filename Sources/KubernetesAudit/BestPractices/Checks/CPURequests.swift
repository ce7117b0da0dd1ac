public import SecurityModel

/// `K8S-BP-001` (checkov CKV_K8S_10): every container sets `resources.requests.cpu`
/// (a limit alone also counts, as Kubernetes then defaults the request to it).
public struct CPURequests: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        1,
        slug: "cpu-requests",
        aliases: ["CKV_K8S_10", "KSV015", "unset-cpu-requirements"],
        title: "CPU request not set",
        severity: .low,
        remediation: """
            Set a cpu request for the container, sized from its observed usage:
            resources:
              requests:
                cpu: "250m"
            """,
        references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
        tags: ["resources"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        let resources = container.value["resources"]
        if let resources, resources.isTruthy, resources.objectMembers == nil { return nil }
        if resources?["requests"]?["cpu"]?.isTruthy == true { return nil }
        if resources?["limits"]?["cpu"]?.isTruthy == true { return nil }
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).resources.requests.cpu",
            container: container.name,
            message: "container '\(container.name)' has no cpu request"
        )
    }
}
