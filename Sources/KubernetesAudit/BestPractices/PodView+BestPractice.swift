public import SecurityModel

extension PodView {
    /// The containers of the given lists (`containers`, `initContainers`, `ephemeralContainers`), in that order.
    public func containers(in lists: [String]) -> [Container] {
        lists.flatMap { key in
            (spec[key]?.arrayValue ?? []).enumerated().map { i, value in
                Container(name: value["name"]?.stringValue ?? "", path: "\(specPath).\(key)[\(i)]", value: value)
            }
        }
    }

    /// A finding of `rule` at `fieldPath`, optionally naming a container and carrying a ready-to-apply patch
    /// (appended to the rule's remediation).
    public func finding(
        _ rule: RuleDescriptor,
        fieldPath: String,
        container: String? = nil,
        message: String,
        patch: SecurityContextPatch? = nil
    ) -> Finding {
        var finding = Finding(
            rule: rule,
            location: Location(
                file: workload.file,
                range: SourceRange(lines: workload.line(of: fieldPath), workload.line(of: fieldPath)),
                container: container,
                object: workload.objectName,
                fieldPath: fieldPath
            ),
            message: "\(workload.objectName): \(message)"
        )
        if let patch { finding.remediation = rule.remediation + "\n\n" + patch.remediationText }
        return finding
    }
}

extension PodView.Container {
    /// The container list this container is in (`containers`, `initContainers`, `ephemeralContainers`).
    public var list: String {
        let afterDot = path.split(separator: ".").last.map(String.init) ?? path
        return String(afterDot.prefix { $0 != "[" })
    }
}

extension ManifestDocument {
    /// A finding of `rule` about this object at `fieldPath` (relative to the object; the List prefix is added).
    func finding(_ rule: RuleDescriptor, fieldPath: String, message: String) -> Finding {
        let fieldLine = Self.line(of: pathPrefix + fieldPath, in: fieldLines, documentLine: line)
        return Finding(
            rule: rule,
            location: Location(
                file: file,
                range: SourceRange(lines: fieldLine, fieldLine),
                object: objectName,
                fieldPath: pathPrefix + fieldPath
            ),
            message: "\(objectName): \(message)"
        )
    }
}

extension JSONValue {
    /// Python truthiness, as checkov tests values: false for null, false, 0, "", [] and {}.
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty
        case .array(let a): !a.isEmpty
        case .object(let o): !o.isEmpty
        }
    }
}
