public import SecurityModel

/// IMG1005: the image is referred to by the `latest` tag (or no tag, which means `latest`). dockle
/// DKL-DI-0006. Decided from the reference the user gave; for archives, layouts and image ids (which
/// carry no tag of their own) from the tags the source lists.
public struct LatestTag: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1005",
        slug: "latest-tag",
        title: "Image uses the latest tag",
        severity: .medium,
        dockle: "DKL-DI-0006",
        remediation:
            "Refer to the image by a version tag (`app:1.4.2`) or, better, by digest (`app@sha256:…`), so that "
            + "every deployment runs the image that was checked.",
        tags: ["best-practice", "reproducibility"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        let reference = input.metadata.reference
        let message: String
        switch ImageReferenceTag.classify(reference) {
        case .pinned:
            return []
        case .latest(let explicit):
            message =
                explicit
                ? "The image is referred to as '\(reference)', the mutable latest tag"
                : "The image reference '\(reference)' has no tag, so it means the mutable latest tag"
        case .notAReference:
            let tags = input.metadata.repoTags
            guard !tags.isEmpty, tags.allSatisfy({ ImageReferenceTag.classify($0) != .pinned }) else { return [] }
            message = "The image's only tags are latest: \(tags.sorted().joined(separator: ", "))"
        }
        return [Finding(rule: descriptor, location: input.location(), message: message)]
    }
}

/// What the tag of an image reference says.
enum ImageReferenceTag: Equatable {
    /// A digest or a tag other than `latest`.
    case pinned
    /// `latest`, written (`true`) or implied by a missing tag (`false`).
    case latest(explicit: Bool)
    /// A path, an archive, an OCI layout or an image id: no tag to judge.
    case notAReference

    private static let pathTransports = [
        "oci:", "oci-archive:", "docker-archive:", "dir:", "rootfs:", "archive:", "file:", "tarball:",
    ]
    private static let referenceTransports = ["docker://", "registry:", "docker-daemon:", "docker:", "daemon:"]

    static func classify(_ raw: String) -> ImageReferenceTag {
        var reference = Substring(raw)
        for transport in referenceTransports where reference.hasPrefix(transport) {
            reference = reference.dropFirst(transport.count)
            break
        }
        if pathTransports.contains(where: { reference.hasPrefix($0) }) { return .notAReference }
        if reference.isEmpty || reference.hasPrefix("/") || reference.hasPrefix(".") || reference.hasPrefix("~") {
            return .notAReference
        }
        let lower = reference.lowercased()
        for suffix in [".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.xz", ".tar.bz2"] where lower.hasSuffix(suffix) {
            return .notAReference
        }
        if reference.hasPrefix("sha256:") { return .notAReference }
        let hex = reference.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        if hex, reference.count >= 12, reference.count <= 64 { return .notAReference }
        if reference.contains("@") { return .pinned }
        let lastSlash = reference.lastIndex(of: "/") ?? reference.startIndex
        guard let colon = reference[lastSlash...].lastIndex(of: ":") else { return .latest(explicit: false) }
        let tag = reference[reference.index(after: colon)...]
        return tag == "latest" ? .latest(explicit: true) : .pinned
    }
}
