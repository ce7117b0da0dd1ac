import DockerfileSyntax
public import SecurityModel

/// DF3007 (hadolint DL3007): a `FROM` image should not use the `latest` tag.
///
/// `latest` moves whenever the publisher pushes, so builds stop being reproducible. As in hadolint,
/// `image:latest@sha256:…` is accepted because the digest pins it.
public struct NoLatestTag: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3007",
        slug: "latest-tag",
        aliases: ["DL3007"],
        title: "Base image uses the latest tag",
        severity: .medium,
        remediation: "Replace `:latest` with a release tag (or pin a digest).",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3007"],
        tags: ["best-practice", "reproducibility"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .from, let image = HadolintArguments.baseImage(ins), image.tag == "latest",
                image.digest == nil
            else { return nil }
            return Violation(ins, "Image '\(image.name)' uses ':latest'; pin a release tag instead")
        }
    }
}
