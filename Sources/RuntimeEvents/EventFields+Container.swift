extension EventFields {
    /// `container.*`, `k8s.*`.
    static let containerFields: [FieldDefinition] = [
        FieldDefinition("container.id", .string, "12-character id, `host` for host processes") { e, _, _ in
            .string(e.container.id)
        },
        FieldDefinition("container.full_id", .string, "full id") { e, _, _ in
            .string(e.container.fullID ?? e.container.id)
        },
        FieldDefinition("container.name", .string, "name, `host` for host processes") { e, _, _ in
            e.container.isHost ? .string("host") : e.container.name.map { .string($0) }
        },
        FieldDefinition("container.image", .string, "image reference") { e, _, _ in
            e.container.image.map { .string($0) }
        },
        FieldDefinition("container.image.repository", .string, "image repository") { e, _, _ in
            e.container.imageRepository.map { .string($0) }
        },
        FieldDefinition("container.image.tag", .string, "image tag") { e, _, _ in
            e.container.imageTag.map { .string($0) }
        },
        FieldDefinition("container.image.digest", .string, "image digest") { e, _, _ in
            e.container.imageDigest.map { .string($0) }
        },
        FieldDefinition("container.type", .string, "runtime (docker, containerd, cri-o…)") { e, _, _ in
            e.container.isHost ? nil : e.container.runtime.map { .string($0) }
        },
        FieldDefinition("container.privileged", .boolean, "a privileged container") { e, _, _ in
            e.container.isHost ? nil : .boolean(e.container.privileged)
        },
        FieldDefinition("container.start_ts", .number, "container start, nanoseconds since the epoch") { e, _, _ in
            e.container.startTime.map { .number(Int64(clamping: $0)) }
        },
        FieldDefinition("container.mounts", .string, "mounts, `source:dest:mode:rw:propagation` comma-separated") {
            e,
            _,
            _ in
            e.container.isHost
                ? nil
                : .string(
                    e.container.mounts.map {
                        "\($0.source):\($0.destination):\($0.mode):\($0.readWrite):\($0.propagation)"
                    }
                    .joined(separator: ",")
                )
        },
        FieldDefinition("container.mount.dest", .string, argument: .indexOrKey, "destination by index or source glob") {
            e,
            _,
            argument in mount(e, argument, bySource: true).map { .string($0.destination) }
        },
        FieldDefinition("container.mount.source", .string, argument: .indexOrKey, "source by index or destination glob")
        {
            e,
            _,
            argument in mount(e, argument, bySource: false).map { .string($0.source) }
        },
        FieldDefinition("container.label", .string, argument: .key, "a label's value") { e, _, argument in
            guard case .key(let key) = argument else { return nil }
            return e.container.labels[key].map { .string($0) }
        },
        FieldDefinition("container.labels", .string, "labels, `key:value` comma-separated") { e, _, _ in
            e.container.isHost ? nil : .string(labelText(e.container.labels))
        },
        FieldDefinition("container.healthcheck", .string, "the HEALTHCHECK command") { e, _, _ in
            e.container.healthcheck.map { .string($0.joined(separator: " ")) }
        },
        FieldDefinition("container.liveness_probe", .string, "the liveness probe command") { e, _, _ in
            e.container.livenessProbe.map { .string($0.joined(separator: " ")) }
        },
        FieldDefinition("container.readiness_probe", .string, "the readiness probe command") { e, _, _ in
            e.container.readinessProbe.map { .string($0.joined(separator: " ")) }
        },
        FieldDefinition("k8s.pod.name", .string, "pod name") { e, _, _ in e.container.pod.map { .string($0.name) } },
        FieldDefinition("k8s.pod.uid", .string, "pod uid") { e, _, _ in e.container.pod.map { .string($0.uid) } },
        FieldDefinition("k8s.pod.id", .string, "pod uid (legacy name)") { e, _, _ in
            e.container.pod.map { .string($0.uid) }
        },
        FieldDefinition("k8s.ns.name", .string, "namespace") { e, _, _ in
            e.container.pod.map { .string($0.namespace) }
        },
        FieldDefinition("k8s.pod.label", .string, argument: .key, "a pod label's value") { e, _, argument in
            guard case .key(let key) = argument else { return nil }
            return e.container.pod?.labels[key].map { .string($0) }
        },
        FieldDefinition("k8s.pod.labels", .string, "pod labels, `key:value` comma-separated") { e, _, _ in
            e.container.pod.map { .string(labelText($0.labels)) }
        },
    ]

    private static func labelText(_ labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ", ")
    }

    private static func mount(_ e: RuntimeEvent, _ argument: FieldArgument?, bySource: Bool) -> ContainerInfo.Mount? {
        switch argument {
        case .index(let n): return n >= 0 && n < e.container.mounts.count ? e.container.mounts[n] : nil
        case .key(let pattern):
            return e.container.mounts.first { FieldSupport.glob(pattern, bySource ? $0.source : $0.destination) }
        case nil: return nil
        }
    }
}
