public import SecurityModel

/// `K8S-BP-005` / `K8S-BP-006` (checkov CKV_K8S_8 / CKV_K8S_9): every long-running container (not in a Job or
/// CronJob) has a `livenessProbe` / `readinessProbe`.
public struct MissingProbe: ContainerBestPracticeCheck {
    /// `livenessProbe` or `readinessProbe`.
    public let field: String
    public let descriptor: RuleDescriptor

    init(_ number: Int, field: String, aliases: [String], title: String, purpose: String) {
        self.field = field
        let slug = field == "livenessProbe" ? "liveness-probe" : "readiness-probe"
        descriptor = .bestPractice(
            number,
            slug: slug,
            aliases: aliases,
            title: title,
            severity: .low,
            remediation: """
                Add a \(field) that tells whether the container \(purpose):
                \(field):
                  httpGet: {path: /healthz, port: 8080}
                  periodSeconds: 10
                """,
            references: [
                "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"
            ],
            tags: ["reliability"]
        )
    }

    /// The liveness check.
    public static let liveness = MissingProbe(
        5,
        field: "livenessProbe",
        aliases: ["CKV_K8S_8", "no-liveness-probe"],
        title: "Liveness probe not configured",
        purpose: "is alive (it is restarted when the probe fails)"
    )

    /// The readiness check.
    public static let readiness = MissingProbe(
        6,
        field: "readinessProbe",
        aliases: ["CKV_K8S_9", "no-readiness-probe"],
        title: "Readiness probe not configured",
        purpose: "is ready for traffic"
    )

    /// Init containers run to completion, so only `containers` need probes.
    public var containerLists: [String] { ["containers"] }
    /// Jobs and CronJobs run to completion, so they are not judged.
    public var kinds: Set<String>? { Workload.kinds.subtracting(["Job", "CronJob"]) }

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        guard container.value[field]?.isTruthy != true else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).\(field)",
            container: container.name,
            message: "container '\(container.name)' has no \(field)"
        )
    }
}
