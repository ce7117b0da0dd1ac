import SecurityModel

/// The naming facts an SBOM needs about an image: repository, tag, digest and the `pkg:oci` purl.
///
/// The name comes from the first repository tag when the source lists one, else from the reference as
/// the user gave it. A reference that does not look like `[host[:port]/]path[:tag][@digest]` is kept
/// whole as the repository (a file path, for instance).
struct ImageName: Sendable, Hashable {
    /// The text the name was taken from (`alpine:3.19`).
    var displayName: String
    /// Repository without tag or digest (`docker.io/library/alpine`).
    var repository: String
    /// Tag, when the name has one.
    var tag: String?
    /// The digest the purl and version use: manifest digest, digest in the reference, else the image ID.
    var digest: String?
    /// `config.architecture`, when known.
    var architecture: String?

    init(_ image: ImageMetadata) {
        let text = image.repoTags.first ?? image.reference
        displayName = text
        architecture = image.architecture
        var rest = Substring(text)
        var referenceDigest: String?
        if let at = rest.firstIndex(of: "@") {
            let candidate = rest[rest.index(after: at)...]
            if candidate.contains(":") {
                referenceDigest = String(candidate)
                rest = rest[..<at]
            }
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/"), Self.looksLikeImageName(rest[..<colon]),
            Self.isTag(rest[rest.index(after: colon)...])
        {
            repository = String(rest[..<colon])
            tag = String(rest[rest.index(after: colon)...])
        } else {
            repository = String(rest)
            tag = nil
        }
        if repository.isEmpty { repository = text.isEmpty ? "image" : text }
        digest = image.manifestDigest ?? referenceDigest ?? image.configDigest
    }

    /// The root component's version: tag, else digest.
    var version: String? { tag ?? digest }

    /// `pkg:oci/<name>@<digest>?arch=…&repository_url=…&tag=…`, nil when no `sha256:` digest is known.
    var purl: String? {
        guard let digest, digest.hasPrefix("sha256:"), Self.looksLikeImageName(Substring(repository)) else {
            return nil
        }
        let name = repository.split(separator: "/").last.map { String($0).lowercased() } ?? repository.lowercased()
        var qualifiers = ["repository_url": repository]
        if let tag { qualifiers["tag"] = tag }
        if let architecture { qualifiers["arch"] = architecture }
        return PackageURL.make(type: "oci", name: name, version: digest, qualifiers: qualifiers)
    }

    /// Letters, digits and `._-/:` only, not starting with `.` or `/`, no `..` or `//`.
    static func looksLikeImageName(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "/"),
            !text.contains(".."), !text.contains("//"), !text.hasSuffix("/")
        else { return false }
        return text.utf8.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: "/") || b == UInt8(ascii: ":")
        }
    }

    /// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
    static func isTag(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 128, first != UInt8(ascii: "."),
            first != UInt8(ascii: "-")
        else { return false }
        return text.utf8.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }
}
