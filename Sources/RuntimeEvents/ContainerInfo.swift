/// The container (and Kubernetes pod) an event's process runs in; ``host`` for host processes.
public struct ContainerInfo: Sendable, Hashable {
    /// One bind or volume mount of the container (`container.mounts`).
    public struct Mount: Sendable, Hashable {
        /// Host path.
        public var source: String
        /// Path inside the container.
        public var destination: String
        /// Mount mode text (`ro`, `rw`, `z`…), may be empty.
        public var mode: String
        /// True when writable.
        public var readWrite: Bool
        /// Propagation (`rprivate`, `rshared`…), may be empty.
        public var propagation: String

        /// Creates a mount.
        public init(
            source: String,
            destination: String,
            mode: String = "",
            readWrite: Bool = true,
            propagation: String = ""
        ) {
            self.source = source
            self.destination = destination
            self.mode = mode
            self.readWrite = readWrite
            self.propagation = propagation
        }
    }

    /// The Kubernetes pod of the container (`k8s.*`).
    public struct Pod: Sendable, Hashable {
        /// `k8s.pod.name`.
        public var name: String
        /// `k8s.pod.uid`.
        public var uid: String
        /// `k8s.ns.name`.
        public var namespace: String
        /// `k8s.pod.label.<key>`.
        public var labels: [String: String]

        /// Creates pod metadata.
        public init(name: String, uid: String = "", namespace: String, labels: [String: String] = [:]) {
            self.name = name
            self.uid = uid
            self.namespace = namespace
            self.labels = labels
        }
    }

    /// Container id, 12 hex characters, or `host` (`container.id`).
    public var id: String
    /// Full container id (`container.full_id`), when known.
    public var fullID: String?
    /// Container name (`container.name`).
    public var name: String?
    /// Image reference as configured (`container.image`).
    public var image: String?
    /// `container.image.repository`.
    public var imageRepository: String?
    /// `container.image.tag`.
    public var imageTag: String?
    /// `container.image.digest`.
    public var imageDigest: String?
    /// Runtime (`docker`, `containerd`, `cri-o`…) (`container.type`).
    public var runtime: String?
    /// `container.privileged`.
    public var privileged: Bool
    /// `container.mounts`.
    public var mounts: [Mount]
    /// `container.label.<key>`.
    public var labels: [String: String]
    /// Docker `HEALTHCHECK` command, for `proc.is_container_healthcheck`.
    public var healthcheck: [String]?
    /// Kubernetes liveness probe command, for `proc.is_container_liveness_probe`.
    public var livenessProbe: [String]?
    /// Kubernetes readiness probe command, for `proc.is_container_readiness_probe`.
    public var readinessProbe: [String]?
    /// The pod, for Kubernetes containers.
    public var pod: Pod?
    /// When the container started, nanoseconds since the epoch (`container.start_ts`).
    public var startTime: UInt64?

    /// Creates container metadata.
    public init(
        id: String,
        fullID: String? = nil,
        name: String? = nil,
        image: String? = nil,
        imageRepository: String? = nil,
        imageTag: String? = nil,
        imageDigest: String? = nil,
        runtime: String? = nil,
        privileged: Bool = false,
        mounts: [Mount] = [],
        labels: [String: String] = [:],
        healthcheck: [String]? = nil,
        livenessProbe: [String]? = nil,
        readinessProbe: [String]? = nil,
        pod: Pod? = nil,
        startTime: UInt64? = nil
    ) {
        self.id = id
        self.fullID = fullID
        self.name = name
        self.image = image
        self.imageRepository = imageRepository
        self.imageTag = imageTag
        self.imageDigest = imageDigest
        self.runtime = runtime
        self.privileged = privileged
        self.mounts = mounts
        self.labels = labels
        self.healthcheck = healthcheck
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.pod = pod
        self.startTime = startTime
    }

    /// The id Falco gives host processes.
    public static let hostID = "host"

    /// Metadata of a host process.
    public static let host = ContainerInfo(id: hostID, name: "host")

    /// True when this describes the host rather than a container.
    public var isHost: Bool { id == ContainerInfo.hostID }
}
