public import SecurityModel

/// `K8S-BP-011` (checkov CKV_K8S_41): the `default` ServiceAccount sets `automountServiceAccountToken: false`, so
/// pods that do not name a service account get no token.
public struct DefaultServiceAccountToken: BestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        11,
        slug: "default-service-account-token",
        aliases: ["CKV_K8S_41"],
        title: "Default service account mounts its token",
        severity: .medium,
        remediation: """
            Stop the default service account from handing out tokens; give pods that need the API their own account:
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: default
            automountServiceAccountToken: false
            """,
        references: ["https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"],
        tags: ["security"]
    )

    public func check(_ object: ManifestDocument) -> [Finding] {
        guard object.kind == "ServiceAccount", object.name == "default",
            object.content["automountServiceAccountToken"]?.booleanValue != false
        else { return [] }
        return [
            object.finding(
                descriptor,
                fieldPath: "automountServiceAccountToken",
                message: "the default service account does not set automountServiceAccountToken to false"
            )
        ]
    }
}
