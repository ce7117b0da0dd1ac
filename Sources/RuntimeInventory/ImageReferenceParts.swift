/// An image reference as a container was created with, split into repository, tag and digest.
///
/// `registry.example:5000/team/app:1.2@sha256:ab…` gives repository `registry.example:5000/team/app`, tag
/// `1.2`, digest `sha256:ab…`; the colon of a registry port is never taken for a tag separator.
public struct ImageReferenceParts: Sendable, Hashable {
    /// Everything before the tag and digest.
    public var repository: String
    /// The tag, when present.
    public var tag: String?
    /// The digest (`sha256:…`), when present.
    public var digest: String?

    /// Creates the parts.
    public init(repository: String, tag: String? = nil, digest: String? = nil) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Splits `reference`; total (any text gives parts, an empty tag or digest is nil).
    public static func split(_ reference: String) -> ImageReferenceParts {
        var name = Substring(reference)
        var digest: String?
        if let at = name.firstIndex(of: "@") {
            let value = name[name.index(after: at)...]
            digest = value.isEmpty ? nil : String(value)
            name = name[..<at]
        }
        var tag: String?
        if let colon = name.lastIndex(of: ":") {
            let afterColon = name[name.index(after: colon)...]
            if !afterColon.contains("/") {
                tag = afterColon.isEmpty ? nil : String(afterColon)
                name = name[..<colon]
            }
        }
        return ImageReferenceParts(repository: String(name), tag: tag, digest: digest)
    }
}
