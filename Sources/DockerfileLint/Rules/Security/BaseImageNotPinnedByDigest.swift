import DockerfileSyntax
public import SecurityModel

/// DF5009: a `FROM` image referenced by tag only. Tags move; a digest names exactly one image. `scratch`,
/// earlier stages and references built from variables are skipped.
public struct BaseImageNotPinnedByDigest: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5009",
        slug: "base-image-not-pinned-by-digest",
        title: "Base image not pinned by digest",
        severity: .info,
        remediation:
            "Reference the base image by digest, keeping the tag for readability: "
            + "`FROM alpine:3.20@sha256:<digest>`. Let a bot (Renovate, Dependabot) update the digest.",
        references: ["https://docs.docker.com/reference/dockerfile/#from"],
        tags: ["security", "supply-chain"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        for stage in context.stages {
            let image = stage.baseImage
            guard !image.isScratch, !stage.baseIsStage, !image.hasVariable, image.digest == nil else { continue }
            let instruction = context.instructions[stage.fromIndex]
            result.append(Violation(instruction, "Base image \(image.raw) is not pinned by digest"))
        }
        return result
    }
}
