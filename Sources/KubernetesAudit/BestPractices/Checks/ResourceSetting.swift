public import SecurityModel

/// `K8S-BP-001…004` (checkov CKV_K8S_10…13): every container sets a CPU or memory request or limit. A limit alone
/// also satisfies the request checks, as Kubernetes then defaults the request to the limit.
public struct ResourceSetting: ContainerBestPracticeCheck {
    /// `requests` or `limits`.
    public let section: String
    /// `cpu` or `memory`.
    public let resource: String
    public let descriptor: RuleDescriptor

    init(_ number: Int, _ resource: String, _ section: String, aliases: [String]) {
        self.section = section
        self.resource = resource
        let noun = section == "requests" ? "request" : "limit"
        let title = resource == "cpu" ? "CPU \(noun) not set" : "Memory \(noun) not set"
        descriptor = .bestPractice(
            number,
            slug: "\(resource)-\(section)",
            aliases: aliases,
            title: title,
            severity: .low,
            remediation: """
                Set a \(resource) \(noun) for the container, sized from its observed usage:
                resources:
                  \(section):
                    \(resource): "\(resource == "cpu" ? "250m" : "256Mi")"
                """,
            references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
            tags: ["resources"]
        )
    }

    /// The four checks, in id order.
    public static let all = [
        ResourceSetting(1, "cpu", "requests", aliases: ["CKV_K8S_10", "KSV015", "unset-cpu-requirements"]),
        ResourceSetting(2, "cpu", "limits", aliases: ["CKV_K8S_11", "KSV011"]),
        ResourceSetting(3, "memory", "requests", aliases: ["CKV_K8S_12", "KSV016"]),
        ResourceSetting(4, "memory", "limits", aliases: ["CKV_K8S_13", "KSV018", "unset-memory-requirements"]),
    ]

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        let resources = container.value["resources"]
        if let resources, resources.isTruthy, resources.objectMembers == nil { return nil }
        if resources?[section]?[resource]?.isTruthy == true { return nil }
        if section == "requests", resources?["limits"]?[resource]?.isTruthy == true { return nil }
        let noun = section == "requests" ? "request" : "limit"
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).resources.\(section).\(resource)",
            container: container.name,
            message: "container '\(container.name)' has no \(resource) \(noun)"
        )
    }
}
