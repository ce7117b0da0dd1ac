public import OCIImage

/// A parsed image reference for a registry: `[registry[:port]/]repository[:tag][@digest]`, with Docker's
/// defaults (`docker.io`, `library/` for single-name official images, tag `latest`).
public struct RegistryReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry as named (`docker.io`, `ghcr.io`, `127.0.0.1:5000`).
    public var registry: String
    /// The repository path (`library/alpine`).
    public var repository: String
    /// The tag, when the reference has one (`latest` when it has neither tag nor digest).
    public var tag: String?
    /// The pinned manifest digest (`sha256:…`), when given.
    public var digest: String?

    /// Docker Hub's registry name in references and its API host.
    public static let dockerHub = "docker.io"
    static let dockerHubAPIHost = "registry-1.docker.io"

    /// Parses `text`; throws ``ImageError`` (`malformed`, or `unsupportedFormat` for non-sha256
    /// digests) naming the reference.
    public init(parsing text: String) throws(ImageError) {
        func invalid(_ why: String) -> ImageError {
            ImageError(
                code: .malformed,
                subject: "image reference \"\(RemoteText.printable(Array(text.utf8)))\"",
                message: why
            )
        }
        guard !text.isEmpty, text.utf8.count <= 512 else { throw invalid("empty or longer than 512 bytes") }
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let value = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
            guard value.hasPrefix("sha256:") else {
                if value.contains(":") {
                    throw ImageError(
                        code: .unsupportedFormat,
                        subject: "image reference \(text)",
                        message: "only sha256 digests are supported, got \(value)"
                    )
                }
                throw invalid("the digest after @ must be sha256:<64 hex digits>")
            }
            guard RemoteText.isSHA256Digest(value) else {
                throw invalid("the digest after @ must be sha256:<64 hex digits>")
            }
            digest = value
        }
        var tag: String?
        let lastSlash = rest.lastIndex(of: "/")
        let nameTail = lastSlash.map { rest[rest.index(after: $0)...] } ?? rest
        if let colon = nameTail.lastIndex(of: ":") {
            let value = String(nameTail[nameTail.index(after: colon)...])
            guard Self.isValidTag(value) else { throw invalid("invalid tag \"\(value)\"") }
            tag = value
            rest = rest[..<colon]
        }
        var registry = Self.dockerHub
        var path = rest
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first {
                registry = String(first)
                path = rest[rest.index(after: slash)...]
            }
        }
        guard Self.isValidRegistry(registry) else { throw invalid("invalid registry host \"\(registry)\"") }
        if registry == "index.docker.io" || registry == Self.dockerHubAPIHost { registry = Self.dockerHub }
        var repository = String(path)
        if registry == Self.dockerHub && !repository.contains("/") { repository = "library/" + repository }
        guard Self.isValidRepository(repository) else {
            throw invalid("invalid repository name \"\(repository)\" (lower-case letters, digits, separators)")
        }
        if tag == nil && digest == nil { tag = "latest" }
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// A reference from its parts (not validated).
    public init(registry: String, repository: String, tag: String? = nil, digest: String? = nil) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// `registry/repository[:tag][@digest]`.
    public var description: String {
        var out = "\(registry)/\(repository)"
        if let tag { out += ":\(tag)" }
        if let digest { out += "@\(digest)" }
        return out
    }

    /// What the manifest request names: the digest when pinned, else the tag.
    public var manifestReference: String { digest ?? tag ?? "latest" }

    /// The host (and port) the Distribution API is served from.
    public var apiHost: String { registry == Self.dockerHub ? Self.dockerHubAPIHost : registry }

    /// The host without its port.
    var hostWithoutPort: String {
        guard let (host, _) = HTTPEndpoint.splitHostPort(Substring(registry), defaultPort: 0) else { return registry }
        return host
    }

    /// True for `localhost`, `127.0.0.0/8` and `::1` registries.
    public var isLoopback: Bool { Self.isLoopbackHost(hostWithoutPort) }

    static func isLoopbackHost(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower == "[::1]" || lower.hasSuffix(".localhost") { return true }
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
                && (Int(part) ?? 256) < 256
        }
    }

    static func isValidTag(_ tag: String) -> Bool {
        let bytes = Array(tag.utf8)
        guard !bytes.isEmpty, bytes.count <= 128 else { return false }
        func word(_ b: UInt8) -> Bool {
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_")
        }
        guard word(bytes[0]) else { return false }
        return bytes.dropFirst().allSatisfy { word($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    static func isValidRegistry(_ registry: String) -> Bool {
        guard registry.utf8.count <= 255,
            let (host, _) = HTTPEndpoint.splitHostPort(Substring(registry), defaultPort: 0)
        else { return false }
        if registry.hasPrefix("[") { return true }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty
                && label.utf8.allSatisfy { b in
                    (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "-")
                } && label.first != "-" && label.last != "-"
        }
    }

    /// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/…)*`, at most 255 bytes.
    static func isValidRepository(_ repository: String) -> Bool {
        guard !repository.isEmpty, repository.utf8.count <= 255 else { return false }
        for component in repository.split(separator: "/", omittingEmptySubsequences: false) {
            let bytes = Array(component.utf8)
            guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
            var index = 0
            while index < bytes.count {
                let b = bytes[index]
                if isAlnum(b) {
                    index += 1
                    continue
                }
                // A separator run: ".", "_", "__", or one or more "-".
                var end = index
                while end < bytes.count, !isAlnum(bytes[end]) { end += 1 }
                let run = bytes[index..<end]
                let ok =
                    run.elementsEqual([UInt8(ascii: ".")]) || run.elementsEqual([UInt8(ascii: "_")])
                    || run.elementsEqual([UInt8(ascii: "_"), UInt8(ascii: "_")])
                    || run.allSatisfy { $0 == UInt8(ascii: "-") }
                guard ok else { return false }
                index = end
            }
        }
        return true
    }

    private static func isAlnum(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 97 && b <= 122) }
}
