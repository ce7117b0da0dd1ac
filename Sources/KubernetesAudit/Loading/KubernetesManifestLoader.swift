internal import SecurityModel
internal import YAMLDocuments

/// Reads Kubernetes manifests: multi-document YAML (`---`), JSON, and `kind: List` objects.
///
/// Each document is parsed on its own, so invalid YAML in one document yields an error for that document
/// (naming the file, the document index and the line) while the others still load. Hostile input gives a
/// clear error and never hangs: the text size is limited, nesting deeper than the YAML parser's limit
/// (1000 levels) is rejected by it, and alias expansion is bounded by a node budget per document.
public struct KubernetesManifestLoader: Sendable {
    /// Largest accepted input in bytes.
    public var maximumBytes: Int
    /// Most nodes one document may expand to (aliases are counted at every use).
    public var maximumNodes: Int

    /// Creates a loader with the given limits (64 MiB and one million nodes by default).
    public init(maximumBytes: Int = 64 << 20, maximumNodes: Int = 1_000_000) {
        self.maximumBytes = maximumBytes
        self.maximumNodes = maximumNodes
    }

    /// Loads every object of `text`, read from `path`, with default limits.
    public static func load(text: String, path: String) -> [Result<ManifestDocument, ManifestLoadError>] {
        KubernetesManifestLoader().load(text: text, path: path)
    }

    /// Loads every object of `text`, read from `path`: one result per document, or per item of a List.
    public func load(text: String, path: String) -> [Result<ManifestDocument, ManifestLoadError>] {
        let size = text.utf8.count
        guard size <= maximumBytes else {
            return [
                .failure(
                    ManifestLoadError(
                        code: .tooLarge,
                        file: path,
                        message: "the manifest is \(size) bytes, more than the limit of \(maximumBytes) bytes"
                    )
                )
            ]
        }
        var results: [Result<ManifestDocument, ManifestLoadError>] = []
        for result in YAMLDocumentReader(maximumNodes: maximumNodes, recordsLines: true).read(text) {
            switch result {
            case .failure(let failure):
                results.append(
                    .failure(
                        ManifestLoadError(
                            code: failure.kind == .tooManyNodes ? .tooManyNodes : .invalidYAML,
                            file: path,
                            documentIndex: failure.index,
                            line: failure.line,
                            message: failure.message
                        )
                    )
                )
            case .success(let document):
                guard let value = document.value else { continue }
                results += objects(
                    in: value,
                    index: document.index,
                    line: document.firstLine,
                    fieldLines: document.lines,
                    path: path
                )
            }
        }
        return results
    }

    /// The workloads among successfully loaded documents.
    public static func workloads(in results: [Result<ManifestDocument, ManifestLoadError>]) -> [Workload] {
        results.compactMap { try? $0.get().workload }
    }

    private func objects(
        in value: JSONValue,
        index: Int,
        line: Int,
        fieldLines: [String: Int],
        path: String
    ) -> [Result<ManifestDocument, ManifestLoadError>] {
        guard value.objectMembers != nil else {
            return [
                .failure(
                    ManifestLoadError(
                        code: .notAnObject,
                        file: path,
                        documentIndex: index,
                        line: line,
                        message: "the document is not a mapping, so it is not a Kubernetes object"
                    )
                )
            ]
        }
        let document = ManifestDocument(
            file: path,
            documentIndex: index,
            line: line,
            content: value,
            fieldLines: fieldLines
        )
        guard document.kind == "List" || document.kind.hasSuffix("List"), let items = value["items"]?.arrayValue
        else { return [.success(document)] }
        return items.enumerated().map { itemIndex, item in
            guard item.objectMembers != nil else {
                return .failure(
                    ManifestLoadError(
                        code: .notAnObject,
                        file: path,
                        documentIndex: index,
                        line: line,
                        message: "items[\(itemIndex)] of the List is not a mapping"
                    )
                )
            }
            return .success(
                ManifestDocument(
                    file: path,
                    documentIndex: index,
                    itemIndex: itemIndex,
                    line: fieldLines["items[\(itemIndex)]"] ?? line,
                    content: item,
                    fieldLines: fieldLines
                )
            )
        }
    }
}
