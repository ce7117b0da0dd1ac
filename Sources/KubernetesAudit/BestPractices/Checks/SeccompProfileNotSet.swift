public import SecurityModel

/// `K8S-BP-021` (checkov CKV_K8S_31): the pod runs under the runtime's default seccomp profile (or a
/// `Localhost` one): set on the pod, on every container, or through the legacy pod annotation
/// `seccomp.security.alpha.kubernetes.io/pod: runtime/default`, and no container opts out.
public struct SeccompProfileNotSet: BestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        21,
        slug: "seccomp-profile-not-set",
        aliases: ["CKV_K8S_31", "KSV030"],
        title: "Seccomp profile not set to RuntimeDefault",
        severity: .medium,
        remediation: """
            Run the pod under the container runtime's default seccomp profile:
            spec:
              securityContext:
                seccompProfile:
                  type: RuntimeDefault
            """,
        references: ["https://kubernetes.io/docs/tutorials/security/seccomp/"],
        tags: ["security", "security-context"]
    )

    static let annotation = "seccomp.security.alpha.kubernetes.io/pod"
    static let runtimeDefault: JSONValue = .object([("seccompProfile", .object([("type", .string("RuntimeDefault"))]))])

    static func isAllowed(_ type: String?) -> Bool { type == "RuntimeDefault" || type == "Localhost" }

    public func check(_ object: ManifestDocument) -> [Finding] {
        guard let workload = object.workload else { return [] }
        let pod = PodView(workload)
        var findings: [Finding] = []
        let podType = pod.securityContext?["seccompProfile"]?["type"]?.stringValue
        let legacy = workload.podMetadata["annotations"]?[Self.annotation]?.stringValue
        let podAllowed =
            Self.isAllowed(podType)
            || (podType == nil && ["runtime/default", "docker/default"].contains(legacy ?? ""))
            || (podType == nil && legacy?.hasPrefix("localhost/") == true)
        if let podType, !Self.isAllowed(podType) {
            findings.append(
                pod.finding(
                    descriptor,
                    fieldPath: "\(pod.specPath).securityContext.seccompProfile.type",
                    message: "the pod sets seccomp profile '\(podType)'",
                    patch: SecurityContextPatch(workload: workload, container: nil, settings: Self.runtimeDefault)
                )
            )
        }
        var unset: [PodView.Container] = []
        for container in pod.containers(in: ["containers", "initContainers"]) {
            let type = container.securityContext?["seccompProfile"]?["type"]?.stringValue
            if let type, !Self.isAllowed(type) {
                findings.append(
                    pod.finding(
                        descriptor,
                        fieldPath: "\(container.path).securityContext.seccompProfile.type",
                        container: container.name,
                        message: "container '\(container.name)' sets seccomp profile '\(type)'",
                        patch: SecurityContextPatch(
                            workload: workload,
                            container: container,
                            settings: Self.runtimeDefault
                        )
                    )
                )
            } else if type == nil {
                unset.append(container)
            }
        }
        if podType == nil, !podAllowed, !unset.isEmpty {
            let names = unset.map { "'\($0.name)'" }.joined(separator: ", ")
            findings.append(
                pod.finding(
                    descriptor,
                    fieldPath: "\(pod.specPath).securityContext.seccompProfile.type",
                    message: "no seccomp profile is set for the pod, nor for container(s) \(names)",
                    patch: SecurityContextPatch(workload: workload, container: nil, settings: Self.runtimeDefault)
                )
            )
        }
        return findings
    }
}
