public import SecurityModel

/// Baseline `hostPathVolumes`: hostPath volumes are forbidden.
public struct HostPathVolumes: PodSecurityControl {
    public init() {}
    public let checkID = "hostPathVolumes"
    public let level = PSSLevel.baseline
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "host-path-volumes",
        checkID: "hostPathVolumes",
        title: "Pod mounts a hostPath volume",
        severity: .high,
        remediation: """
            Replace the hostPath volume with an emptyDir, configMap, secret or persistentVolumeClaim volume:
            volumes:
              - name: data
                emptyDir: {}
            """
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        (pod.spec["volumes"]?.items ?? []).enumerated().compactMap { i, volume in
            guard let hostPath = volume["hostPath"] else { return nil }
            let path = hostPath["path"]?.stringValue ?? ""
            return pod.finding(
                self,
                fieldPath: "\(pod.specPath).volumes[\(i)].hostPath",
                message: "volume '\(volume["name"]?.stringValue ?? "")' is a hostPath volume (\(path))"
            )
        }
    }
}
