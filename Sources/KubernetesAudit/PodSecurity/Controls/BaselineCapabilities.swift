public import SecurityModel

/// Baseline `capabilities_baseline`: only the default capabilities of container runtimes may be added.
public struct BaselineCapabilities: PodSecurityControl {
    public init() {}
    public let checkID = "capabilities_baseline"
    public let level = PSSLevel.baseline
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "capabilities",
        checkID: "capabilities_baseline",
        title: "Container adds a non-default capability",
        severity: .high,
        remediation: """
            Add only capabilities from the runtime default set (or none), and drop the rest:
            securityContext:
              capabilities:
                drop: ["ALL"]
                add: ["NET_BIND_SERVICE"]
            """
    )

    /// Capabilities that baseline allows to be added.
    public static let allowed: Set<String> = [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP",
        "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ]

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        pod.containers.flatMap { c in
            (c.securityContext?["capabilities"]?["add"]?.items ?? []).enumerated().compactMap { i, cap in
                let name = cap.stringValue ?? cap.display
                guard !Self.allowed.contains(name) else { return nil }
                return pod.finding(
                    self,
                    fieldPath: "\(c.path).securityContext.capabilities.add[\(i)]",
                    container: c.name,
                    message: "container '\(c.name)' adds capability \(name)"
                )
            }
        }
    }
}
