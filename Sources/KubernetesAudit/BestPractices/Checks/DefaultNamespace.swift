public import SecurityModel

/// `K8S-BP-012` (checkov CKV_K8S_21): namespaced application objects name a namespace other than `default`.
///
/// Judged kinds are checkov's: the workloads, Service, Secret, ServiceAccount, Role, RoleBinding, ConfigMap and
/// Ingress. The `default` ServiceAccount and the `kubernetes` Service, which always live there, pass.
public struct DefaultNamespace: BestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        12,
        slug: "default-namespace",
        aliases: ["CKV_K8S_21"],
        title: "Object is in the default namespace",
        severity: .low,
        remediation: """
            Put the application in its own namespace, so that policies, quotas and RBAC can be scoped to it:
            metadata:
              namespace: my-app
            """,
        references: ["https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"],
        tags: ["isolation"]
    )

    /// The kinds judged.
    public static let kinds: Set<String> = Workload.kinds.union([
        "Service", "Secret", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Ingress",
    ])

    public func check(_ object: ManifestDocument) -> [Finding] {
        guard Self.kinds.contains(object.kind) else { return [] }
        let namespace = object.content["metadata"]?["namespace"]
        if let namespace, let name = namespace.stringValue, name != "default", !name.isEmpty { return [] }
        if object.kind == "ServiceAccount", object.name == "default" { return [] }
        if object.kind == "Service", object.name == "kubernetes" { return [] }
        return [
            object.finding(
                descriptor,
                fieldPath: "metadata.namespace",
                message: (namespace?.stringValue ?? "").isEmpty
                    ? "no namespace is set, so it lands in 'default'" : "it is in namespace 'default'"
            )
        ]
    }
}
