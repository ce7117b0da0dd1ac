public import SecurityModel

/// `K8S-BP-013` (checkov CKV_K8S_27): no hostPath volume exposes the Docker daemon socket.
public struct DockerSocketVolume: BestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        13,
        slug: "docker-socket-volume",
        aliases: ["CKV_K8S_27", "KSV006", "docker-sock"],
        title: "Docker socket mounted into the pod",
        severity: .critical,
        remediation: """
            Remove the hostPath volume of the Docker socket: whoever reaches it is root on the node.
            """,
        references: ["https://kubernetes.io/docs/concepts/storage/volumes/#hostpath"],
        tags: ["security"]
    )

    /// Host paths of the Docker daemon socket.
    static let sockets: Set<String> = ["/var/run/docker.sock", "/run/docker.sock"]

    public func check(_ object: ManifestDocument) -> [Finding] {
        guard let workload = object.workload else { return [] }
        let pod = PodView(workload)
        return (pod.spec["volumes"]?.items ?? []).enumerated().compactMap { i, volume in
            guard let path = volume["hostPath"]?["path"]?.stringValue, Self.sockets.contains(HostPath.normalize(path))
            else { return nil }
            return pod.finding(
                descriptor,
                fieldPath: "\(pod.specPath).volumes[\(i)].hostPath.path",
                message: "volume '\(volume["name"]?.stringValue ?? "")' mounts the Docker socket \(path)"
            )
        }
    }
}
