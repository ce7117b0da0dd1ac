import DockerfileSyntax
public import SecurityModel

/// DF5014: an image used by `COPY --from=<image>` or `RUN --mount=from=<image>` comes from a registry outside
/// the configured trusted registries. `FROM` images are DL3026's job (DF3026); this rule covers the other two
/// ways a build pulls images. Silent when no trusted registries are configured.
public struct UntrustedImageSource: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5014",
        slug: "untrusted-image-source",
        title: "COPY --from or RUN --mount uses an image from an untrusted registry",
        severity: .high,
        remediation:
            "Mirror the image into a trusted registry and reference it there, or add its registry to "
            + "`trustedRegistries` after review. Pin it by digest.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3026"],
        tags: ["security", "supply-chain"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        let trusted = context.settings.trustedRegistries
        guard !trusted.isEmpty else { return [] }
        var result: [Violation] = []
        for instruction in context.instructions {
            let target = instruction.trigger ?? instruction
            var images: [(String, String)] = []
            if target.kind == .copy || target.kind == .add, let from = target.flag("from") {
                images.append(("\(target.kind.rawValue) --from", from.trimmedAndUnquoted))
            }
            if target.kind == .run {
                for mount in target.mountSpecifications {
                    if let from = mount.from { images.append(("RUN --mount from", from)) }
                }
            }
            for (how, reference) in images {
                guard !reference.isEmpty, !reference.contains("$"), !context.namesStageOfThisFile(reference) else {
                    continue
                }
                let image = ImageReference(reference)
                guard !image.isScratch, !Self.isTrusted(image, trusted) else { continue }
                result.append(
                    Violation(
                        instruction,
                        "\(how) uses \(reference) from \(image.effectiveRegistry), which is not a trusted registry"
                    )
                )
            }
        }
        return result
    }

    /// Exact registry match as in DL3026 (Docker Hub images match `docker.io` or `hub.docker.com`), plus
    /// `*.example.com` wildcard entries.
    static func isTrusted(_ image: ImageReference, _ trusted: [String]) -> Bool {
        let registry = image.effectiveRegistry.lowercased()
        for entry in trusted.map({ $0.lowercased() }) {
            if entry == registry { return true }
            if image.registry == nil, entry == "docker.io" || entry == "hub.docker.com" { return true }
            if entry.hasPrefix("*."), registry.hasSuffix(entry.dropFirst()) { return true }
        }
        return false
    }
}
