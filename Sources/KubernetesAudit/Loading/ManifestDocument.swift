public import SecurityModel

/// One Kubernetes object read from a manifest file: a YAML/JSON document, or one item of a `kind: List`.
public struct ManifestDocument: Sendable, Hashable {
    /// The file as given.
    public var file: String
    /// 0-based index of the YAML document in the file.
    public var documentIndex: Int
    /// Index inside a `kind: List` document's `items`, nil for a top-level object.
    public var itemIndex: Int?
    /// 1-based line where the document starts.
    public var line: Int
    /// `apiVersion`, empty when missing.
    public var apiVersion: String
    /// `kind`, empty when missing.
    public var kind: String
    /// `metadata.namespace`, nil when missing.
    public var namespace: String?
    /// `metadata.name`, empty when missing.
    public var name: String
    /// The whole object.
    public var content: JSONValue
    /// Field path (`spec.containers[0].image`, with `items[i].` inside Lists) → 1-based line in the file, for the
    /// fields present in the document; empty when not recorded.
    public var fieldLines: [String: Int]

    /// Creates a document.
    public init(
        file: String,
        documentIndex: Int,
        itemIndex: Int? = nil,
        line: Int,
        content: JSONValue,
        fieldLines: [String: Int] = [:]
    ) {
        self.fieldLines = fieldLines
        self.file = file
        self.documentIndex = documentIndex
        self.itemIndex = itemIndex
        self.line = line
        self.content = content
        self.apiVersion = content["apiVersion"]?.stringValue ?? ""
        self.kind = content["kind"]?.stringValue ?? ""
        self.namespace = content["metadata"]?["namespace"]?.nonEmptyString
        self.name = content["metadata"]?["name"]?.stringValue ?? ""
    }

    /// `kind/namespace/name`, with namespace `default` when missing.
    public var objectName: String { "\(kind)/\(namespace ?? "default")/\(name)" }

    /// Field-path prefix of this object inside its document (`items[2].` for List items, else empty).
    public var pathPrefix: String { itemIndex.map { "items[\($0)]." } ?? "" }

    /// The pod-bearing workload this object is, or nil for other kinds.
    public var workload: Workload? {
        guard let template = Workload.podTemplatePath(forKind: kind) else { return nil }
        var node: JSONValue? = content
        var metadata: JSONValue? = content["metadata"]
        for (i, key) in template.enumerated() {
            if i == template.count - 1 { metadata = node?["metadata"] }
            node = node?[key]
        }
        guard let podSpec = node, podSpec.objectMembers != nil else { return nil }
        return Workload(
            kind: kind,
            namespace: namespace ?? "default",
            name: name,
            documentIndex: documentIndex,
            file: file,
            line: line,
            fieldLines: fieldLines,
            podSpec: podSpec,
            podMetadata: metadata ?? .null,
            podSpecPath: pathPrefix + template.joined(separator: ".")
        )
    }
}

extension ManifestDocument {
    /// The line of `fieldPath`, or of its nearest recorded ancestor (a missing field points at the mapping that
    /// should hold it), else `documentLine`.
    static func line(of fieldPath: String, in lines: [String: Int], documentLine: Int) -> Int {
        guard !lines.isEmpty else { return documentLine }
        var path = Substring(fieldPath)
        while !path.isEmpty {
            if let line = lines[String(path)] { return line }
            if path.last == "]", let open = path.lastIndex(of: "[") {
                path = path[..<open]
            } else if let dot = path.lastIndex(of: ".") {
                path = path[..<dot]
            } else {
                break
            }
        }
        return documentLine
    }
}
