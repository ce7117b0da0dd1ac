public import SecurityModel

/// `K8S-BP-005` (checkov CKV_K8S_8): every long-running container (not in a Job or CronJob) has a `livenessProbe`.
public struct LivenessProbe: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        5,
        slug: "liveness-probe",
        aliases: ["CKV_K8S_8", "no-liveness-probe"],
        title: "Liveness probe not configured",
        severity: .low,
        remediation: """
            Add a livenessProbe that tells whether the container is alive (it is restarted when the probe fails):
            livenessProbe:
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
        guard container.value["livenessProbe"]?.isTruthy != true else { return nil }
        return pod.finding(
            descriptor,
            fieldPath: "\(container.path).livenessProbe",
            container: container.name,
            message: "container '\(container.name)' has no livenessProbe"
        )
    }
}
