public import SecurityModel

/// A workload's pod spec with the helpers controls need: every container with its field path, and
/// ready-made findings.
public struct PodView: Sendable {
    /// One entry of `containers`, `initContainers` or `ephemeralContainers`.
    public struct Container: Sendable {
        /// `name`, empty when missing.
        public var name: String
        /// Full field path (`spec.template.spec.initContainers[1]`).
        public var path: String
        /// The container object.
        public var value: JSONValue
        /// Its `securityContext`, or nil.
        public var securityContext: JSONValue? { value["securityContext"] }
    }

    /// The workload.
    public var workload: Workload

    /// Wraps `workload`.
    public init(_ workload: Workload) { self.workload = workload }

    /// The pod spec.
    public var spec: JSONValue { workload.podSpec }
    /// The pod-level `securityContext`, or nil.
    public var securityContext: JSONValue? { spec["securityContext"] }
    /// Field path of the pod spec.
    public var specPath: String { workload.podSpecPath }

    /// Containers, then init containers, then ephemeral containers.
    public var containers: [Container] {
        ["containers", "initContainers", "ephemeralContainers"].flatMap { key in
            (spec[key]?.arrayValue ?? []).enumerated().map { i, value in
                Container(name: value["name"]?.stringValue ?? "", path: "\(specPath).\(key)[\(i)]", value: value)
            }
        }
    }

    /// A finding of `control` at `fieldPath`, optionally naming a container.
    public func finding(
        _ control: some PodSecurityControl,
        fieldPath: String,
        container: String? = nil,
        message: String
    ) -> Finding {
        Finding(
            rule: control.descriptor,
            location: Location(
                file: workload.file,
                range: SourceRange(lines: workload.line(of: fieldPath), workload.line(of: fieldPath)),
                container: container,
                object: workload.objectName,
                fieldPath: fieldPath
            ),
            message: "\(workload.objectName): \(message)"
        )
    }
}

extension JSONValue {
    /// A scalar rendered for messages.
    var display: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .int(let i): "\(i)"
        case .double(let d): "\(d)"
        case .string(let s): "'\(s)'"
        case .array, .object: serialized(pretty: false)
        }
    }
}
