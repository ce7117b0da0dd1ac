public import SecurityModel

/// `K8S-BP-006` (checkov CKV_K8S_9): every long-running container (not in a Job or CronJob) has a `readinessProbe`.
public struct ReadinessProbe: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        6,
        slug: "readiness-probe",
        aliases: ["CKV_K8S_9", "no-readiness-probe"],
        title: "Readiness probe not configured",
        severity: .low,
        remediation: """
            Add a readinessProbe that tells whether the container is ready for traffic:
            readinessProbe:
              httpGet: {path: /healthz, port: 8080}
              periodSeconds: 10
            """,
        references: [
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"
        ],
        tags: ["reliability"]
    )

    /// Init containers run to completion, so only `containers` need probes.
    public var containerLists: [String] { ["containers"] }
    /// Jobs and CronJobs run to completion, so they are not judged.
    public var kinds: Set<String>? { Workload.kinds.subtracting(["Job", "CronJob"]) }

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        guard container.value["readinessProbe"]?.isTruthy != true else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).readinessProbe",
            container: container.name,
            message: "container '\(container.name)' has no readinessProbe"
        )
    }
}
