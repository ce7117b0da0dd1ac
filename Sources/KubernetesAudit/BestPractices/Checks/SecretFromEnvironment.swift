public import SecurityModel

/// `K8S-BP-016` (checkov CKV_K8S_35, CIS Kubernetes 5.4.1): secrets are mounted as files rather than passed in
/// environment variables (`env[].valueFrom.secretKeyRef`, `envFrom[].secretRef`), which leak into logs, crash
/// dumps and child processes.
public struct SecretFromEnvironment: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        16,
        slug: "secret-from-environment",
        aliases: ["CKV_K8S_35", "read-secret-from-env-var"],
        title: "Secret passed in an environment variable",
        severity: .low,
        remediation: """
            Mount the Secret as a volume and read it from the file:
            volumes:
            - name: creds
              secret: {secretName: db}
            containers:
            - name: app
              volumeMounts:
              - {name: creds, mountPath: /var/run/secrets/db, readOnly: true}
            """,
        references: ["https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod"],
        tags: ["security", "secrets"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        for (i, variable) in (container.value["env"]?.items ?? []).enumerated()
        where variable["valueFrom"]?["secretKeyRef"] != nil {
            return pod.finding(
                descriptor,
                fieldPath: "\(container.path).env[\(i)].valueFrom.secretKeyRef",
                container: container.name,
                message: "container '\(container.name)' reads a secret into environment variable "
                    + (variable["name"]?.stringValue ?? "")
            )
        }
        for (i, source) in (container.value["envFrom"]?.items ?? []).enumerated() where source["secretRef"] != nil {
            return pod.finding(
                descriptor,
                fieldPath: "\(container.path).envFrom[\(i)].secretRef",
                container: container.name,
                message: "container '\(container.name)' loads secret "
                    + "'\(source["secretRef"]?["name"]?.stringValue ?? "")' into its environment"
            )
        }
        return nil
    }
}
