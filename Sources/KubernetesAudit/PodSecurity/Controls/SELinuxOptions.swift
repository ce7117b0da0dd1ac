public import SecurityModel

/// Baseline `seLinuxOptions`: SELinux type must be a container type; user and role must not be set.
public struct SELinuxOptions: PodSecurityControl {
    public init() {}
    public let checkID = "seLinuxOptions"
    public let level = PSSLevel.baseline
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "selinux",
        checkID: "seLinuxOptions",
        title: "Custom SELinux options",
        severity: .high,
        remediation: """
            Remove seLinuxOptions.user and .role, and use a container type (or none):
            securityContext:
              seLinuxOptions:
                type: container_t
            """
    )

    /// Allowed `type` values for `version` (`container_engine_t` from 1.31 on).
    public static func allowedTypes(_ version: PSSVersion) -> Set<String> {
        var types: Set<String> = ["", "container_t", "container_init_t", "container_kvm_t"]
        if version >= .v1(31) { types.insert("container_engine_t") }
        return types
    }

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        var findings = violations(pod.securityContext, path: "\(pod.specPath).securityContext", pod, nil, version)
        for c in pod.containers {
            findings += violations(c.securityContext, path: "\(c.path).securityContext", pod, c.name, version)
        }
        return findings
    }

    private func violations(
        _ context: JSONValue?,
        path: String,
        _ pod: PodView,
        _ container: String?,
        _ version: PSSVersion
    ) -> [Finding] {
        guard let options = context?["seLinuxOptions"] else { return [] }
        let owner = container.map { "container '\($0)'" } ?? "the pod"
        var findings: [Finding] = []
        if let type = options["type"], type != .null, !Self.allowedTypes(version).contains(type.stringValue ?? "?") {
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(path).seLinuxOptions.type",
                    container: container,
                    message: "\(owner) sets SELinux type \(type.display)"
                )
            )
        }
        for key in ["user", "role"] {
            guard let value = options[key], value != .null, value.stringValue != "" else { continue }
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(path).seLinuxOptions.\(key)",
                    container: container,
                    message: "\(owner) sets SELinux \(key) \(value.display)"
                )
            )
        }
        return findings
    }
}
