public import SecurityModel

/// Restricted `restrictedVolumes`: only configMap, csi, downwardAPI, emptyDir, ephemeral,
/// persistentVolumeClaim, projected and secret volumes.
public struct RestrictedVolumes: PodSecurityControl {
    public init() {}
    public let checkID = "restrictedVolumes"
    public let level = PSSLevel.restricted
    public let descriptor = RuleDescriptor.pss(
        level: .restricted,
        slug: "volume-types",
        checkID: "restrictedVolumes",
        title: "Pod uses a restricted volume type",
        severity: .medium,
        remediation: """
            Use only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret
            volumes, for example:
            volumes:
              - name: data
                persistentVolumeClaim:
                  claimName: data
            """
    )

    /// Volume sources restricted allows.
    public static let allowed: Set<String> = [
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
    ]

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        (pod.spec["volumes"]?.items ?? []).enumerated().flatMap { i, volume in
            (volume.objectMembers ?? []).compactMap { key, value -> Finding? in
                guard key != "name", value != .null, !Self.allowed.contains(key) else { return nil }
                return pod.finding(
                    self,
                    fieldPath: "\(pod.specPath).volumes[\(i)].\(key)",
                    message: "volume '\(volume["name"]?.stringValue ?? "")' has restricted type \(key)"
                )
            }
        }
    }
}
