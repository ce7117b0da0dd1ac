public import SecurityModel

/// A ready-to-apply fix for one securityContext finding: a strategic-merge patch of the workload that sets
/// exactly the given securityContext fields on one container (matched by name) or on the pod.
///
/// ``yaml`` is the patch as YAML (mergeable into the manifest, or `kubectl patch --type=strategic --patch-file`);
/// ``kubectlCommand`` applies the same patch, as JSON, to the live object.
public struct SecurityContextPatch: Sendable, Hashable {
    /// Where the securityContext fields go.
    public enum Target: Sendable, Hashable {
        /// The pod-level `securityContext`.
        case pod
        /// The `securityContext` of the container named `name` in list `list` (`containers`, `initContainers`).
        case container(list: String, name: String)
    }

    /// `kind` of the patched object.
    public var kind: String
    /// Namespace of the patched object.
    public var namespace: String
    /// `metadata.name` of the patched object.
    public var name: String
    /// Keys from the object to its pod spec (`spec`, `template`, `spec`).
    public var podSpecKeys: [String]
    /// The securityContext that receives the fields.
    public var target: Target
    /// The securityContext members to set (an object).
    public var settings: JSONValue

    /// A patch of `workload` setting `settings` (a JSON object) in `container`'s securityContext, or in the pod's
    /// when `container` is nil. Nil when the patch cannot be targeted: the container has no name (a strategic
    /// merge matches containers by name) or the kind has no pod template.
    public init?(workload: Workload, container: PodView.Container?, settings: JSONValue) {
        guard let keys = Workload.podTemplatePath(forKind: workload.kind), settings.objectMembers != nil else {
            return nil
        }
        if let container {
            guard !container.name.isEmpty else { return nil }
            target = .container(list: container.list, name: container.name)
        } else {
            target = .pod
        }
        kind = workload.kind
        namespace = workload.namespace
        name = workload.name
        podSpecKeys = keys
        self.settings = settings
    }

    /// The strategic-merge patch as a JSON value.
    public var patch: JSONValue {
        var node: JSONValue
        switch target {
        case .pod:
            node = .object([("securityContext", settings)])
        case .container(let list, let containerName):
            node = .object([
                (list, .array([.object([("name", .string(containerName)), ("securityContext", settings)])]))
            ])
        }
        for key in podSpecKeys.reversed() { node = .object([(key, node)]) }
        return node
    }

    /// The patch as block-style YAML.
    public var yaml: String {
        var lines: [String] = []
        Self.emit(patch, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `kubectl patch <kind>/<name> -n <namespace> --type=strategic -p '<json>'`.
    public var kubectlCommand: String {
        let json = patch.serialized(pretty: false).replacing("'", with: #"'\''"#)
        return "kubectl patch \(kind.lowercased())/\(Self.shellWord(name)) -n \(Self.shellWord(namespace)) "
            + "--type=strategic -p '\(json)'"
    }

    /// The text appended to a finding's remediation.
    public var remediationText: String {
        let place: String
        switch target {
        case .pod: place = "the pod"
        case .container(_, let containerName): place = "container '\(containerName)'"
        }
        return "Patch fixing \(place) (strategic merge; merge it into the manifest or apply it):\n" + yaml
            + kubectlCommand
    }

    private static func shellWord(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-._".unicodeScalars.contains($0)
        }
        return safe && !text.isEmpty ? text : "'" + text.replacing("'", with: #"'\''"#) + "'"
    }

    private static func emit(_ value: JSONValue, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        for (key, member) in value.objectMembers ?? [] {
            let quotedKey = JSONValue.string(key).serialized(pretty: false)
            switch member {
            case .object(let members) where !members.isEmpty:
                lines.append("\(pad)\(quotedKey):")
                emit(member, indent: indent + 2, into: &lines)
            case .array(let items) where items.contains(where: { $0.objectMembers != nil }):
                lines.append("\(pad)\(quotedKey):")
                for item in items {
                    var itemLines: [String] = []
                    if item.objectMembers != nil {
                        emit(item, indent: indent + 2, into: &itemLines)
                    } else {
                        itemLines = [pad + "  " + item.serialized(pretty: false)]
                    }
                    for (i, line) in itemLines.enumerated() {
                        lines.append(i == 0 ? pad + "- " + line.dropFirst(indent + 2) : line)
                    }
                }
            default:
                lines.append("\(pad)\(quotedKey): \(member.serialized(pretty: false))")
            }
        }
    }
}
