public import SecurityModel

/// `K8S-BP-024`: every namespace that runs workloads has a NetworkPolicy among the audited manifests, so that
/// its pods do not accept traffic from everywhere. Judged over the whole run: one finding per namespace,
/// placed at the namespace's first workload (in file and document order).
public struct NetworkPolicyMissing: BestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        24,
        slug: "network-policy-missing",
        aliases: [],
        title: "Namespace has workloads but no NetworkPolicy",
        severity: .medium,
        remediation: """
            Add a NetworkPolicy to the namespace; start by denying all ingress and then allow what is needed:
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: default-deny-ingress
              namespace: my-app
            spec:
              podSelector: {}
              policyTypes: ["Ingress"]
            """,
        references: ["https://kubernetes.io/docs/concepts/services-networking/network-policies/"],
        tags: ["security", "network"]
    )

    public func check(all objects: [ManifestDocument]) -> [Finding] {
        let covered = Set(objects.filter { $0.kind == "NetworkPolicy" }.map { $0.namespace ?? "default" })
        var workloadsByNamespace: [String: [ManifestDocument]] = [:]
        var order: [String] = []
        for object in objects where object.workload != nil {
            let namespace = object.namespace ?? "default"
            guard !covered.contains(namespace) else { continue }
            if workloadsByNamespace[namespace] == nil { order.append(namespace) }
            workloadsByNamespace[namespace, default: []].append(object)
        }
        return order.compactMap { namespace in
            guard let workloads = workloadsByNamespace[namespace], let first = workloads.first else { return nil }
            return first.finding(
                descriptor,
                fieldPath: "metadata.namespace",
                message: "namespace '\(namespace)' runs \(workloads.count) workload(s) but no NetworkPolicy applies "
                    + "to it in the audited manifests"
            )
        }
    }
}
