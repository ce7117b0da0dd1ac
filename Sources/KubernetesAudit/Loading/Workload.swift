public import SecurityModel

/// A Kubernetes object that runs pods (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob,
/// ReplicationController), reduced to what pod-level checks read.
public struct Workload: Sendable, Hashable {
    /// `kind` of the object (`Deployment`).
    public var kind: String
    /// Namespace, `default` when the manifest has none.
    public var namespace: String
    /// `metadata.name`.
    public var name: String
    /// 0-based index of the YAML document in the file.
    public var documentIndex: Int
    /// The file as given.
    public var file: String
    /// 1-based line where the document starts.
    public var line: Int
    /// Field path → line, as ``ManifestDocument/fieldLines``.
    public var fieldLines: [String: Int]
    /// The pod spec (`spec` of a Pod, `spec.template.spec` of a Deployment…).
    public var podSpec: JSONValue
    /// The pod's metadata (`metadata` of a Pod, `spec.template.metadata` of a Deployment…); `.null` if absent.
    public var podMetadata: JSONValue
    /// Field path of ``podSpec`` inside the object (`spec.template.spec`).
    public var podSpecPath: String

    /// Creates a workload.
    public init(
        kind: String,
        namespace: String,
        name: String,
        documentIndex: Int,
        file: String,
        line: Int,
        fieldLines: [String: Int] = [:],
        podSpec: JSONValue,
        podMetadata: JSONValue,
        podSpecPath: String
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.documentIndex = documentIndex
        self.file = file
        self.line = line
        self.fieldLines = fieldLines
        self.podSpec = podSpec
        self.podMetadata = podMetadata
        self.podSpecPath = podSpecPath
    }

    /// `kind/namespace/name`.
    public var objectName: String { "\(kind)/\(namespace)/\(name)" }

    /// The line of `fieldPath` in the file (its nearest recorded ancestor's, else the document's).
    public func line(of fieldPath: String) -> Int {
        ManifestDocument.line(of: fieldPath, in: fieldLines, documentLine: line)
    }

    /// The kinds whose objects carry a pod spec.
    public static let kinds: Set<String> = [
        "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController",
    ]

    /// Keys leading from the object to its pod spec, or nil when `kind` is not a workload kind.
    public static func podTemplatePath(forKind kind: String) -> [String]? {
        switch kind {
        case "Pod": ["spec"]
        case "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"]
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController":
            ["spec", "template", "spec"]
        default: nil
        }
    }
}
