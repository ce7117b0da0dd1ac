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
            """,
        otherAliases: ["CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19", "KSV008", "KSV009", "KSV010"]
    )

    /// The checkov and trivy ids of each field's finding (the descriptor lists all of them).
    static let fieldAliases: [String: [String]] = [
        "hostNetwork": ["CKV_K8S_19", "KSV009"], "hostPID": ["CKV_K8S_17", "KSV010"],
        "hostIPC": ["CKV_K8S_18", "KSV008"],
    ]

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        ["hostNetwork", "hostPID", "hostIPC"].compactMap { key in
            guard pod.spec[key]?.booleanValue == true else { return nil }
            var finding = pod.finding(self, fieldPath: "\(pod.specPath).\(key)", message: "the pod sets \(key): true")
            finding.aliases = [checkID] + (Self.fieldAliases[key] ?? [])
            return finding
        }
    }
}
