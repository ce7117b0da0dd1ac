public import SecurityModel

/// Baseline `hostNamespaces`: `hostNetwork`, `hostPID` and `hostIPC` must be unset or false.
public struct HostNamespaces: PodSecurityControl {
    public init() {}
    public let checkID = "hostNamespaces"
    public let level = PSSLevel.baseline
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "host-namespaces",
        checkID: "hostNamespaces",
        title: "Pod shares a host namespace",
        severity: .high,
        remediation: """
            Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec, or set them to false:
            spec:
              hostNetwork: false
              hostPID: false
              hostIPC: false
            """
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        ["hostNetwork", "hostPID", "hostIPC"].compactMap { key in
            guard pod.spec[key]?.booleanValue == true else { return nil }
            return pod.finding(self, fieldPath: "\(pod.specPath).\(key)", message: "the pod sets \(key): true")
        }
    }
}
