import DockerfileSyntax
public import SecurityModel

/// DF3065 (hadolint DL3065): `FROM --platform=$TARGETPLATFORM` repeats the default.
///
/// A stage is built for the target platform unless told otherwise, so the flag only adds noise.
public struct RedundantTargetPlatform: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3065",
        slug: "redundant-target-platform",
        aliases: ["DL3065"],
        title: "FROM --platform=$TARGETPLATFORM is redundant",
        severity: .medium,
        remediation: "Remove `--platform=$TARGETPLATFORM`; it is the default.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3065"],
        tags: ["style"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .from, let platform = HadolintArguments.baseImage(ins)?.platform,
                platform == "$TARGETPLATFORM" || platform == "${TARGETPLATFORM}"
            else { return nil }
            return Violation(ins, "--platform=\(platform) is the default and can be removed")
        }
    }
}
