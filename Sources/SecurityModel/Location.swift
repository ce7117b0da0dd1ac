/// Where a finding is: a place in a source file, or (for later commands) in an image, a container
/// or a manifest. Only the fields that apply are set.
public struct Location: Sendable, Hashable, Codable {
    /// Path of the file as given on the command line (or `-` for standard input).
    public var file: String?
    /// The span inside `file`.
    public var range: SourceRange?
    /// The text of the first offending source line, secrets already redacted.
    public var snippet: String?
    /// Image reference, for image-level findings.
    public var image: String?
    /// Layer digest inside `image`.
    public var layer: String?
    /// Path inside an image or a host file tree.
    public var path: String?
    /// Container id, for runtime findings.
    public var container: String?
    /// Kubernetes/Compose object (`kind/namespace/name`), for manifest findings.
    public var object: String?
    /// Field path inside `object` (`spec.containers[0].securityContext`).
    public var fieldPath: String?

    public init(
        file: String? = nil,
        range: SourceRange? = nil,
        snippet: String? = nil,
        image: String? = nil,
        layer: String? = nil,
        path: String? = nil,
        container: String? = nil,
        object: String? = nil,
        fieldPath: String? = nil
    ) {
        self.file = file
        self.range = range
        self.snippet = snippet
        self.image = image
        self.layer = layer
        self.path = path
        self.container = container
        self.object = object
        self.fieldPath = fieldPath
    }

    /// `file:line:column` when a source position is known, else the most specific known place.
    public var displayName: String {
        if let file {
            if let range { return "\(file):\(range.start.line):\(range.start.column)" }
            return file
        }
        let parts = [image, layer, path, container, object, fieldPath].compactMap { $0 }
        return parts.isEmpty ? "-" : parts.joined(separator: " ")
    }
}
