import DockerfileSyntax
public import SecurityModel

/// DF3029 (hadolint DL3029): `FROM --platform` pins the build to one platform.
///
/// A hard-coded platform makes multi-platform builds impossible. As in hadolint, values that refer
/// to `BUILDPLATFORM` or `TARGETPLATFORM` are accepted.
public struct NoFromPlatformFlag: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3029",
        slug: "from-platform-flag",
        aliases: ["DL3029"],
        title: "FROM uses a fixed --platform",
        severity: .medium,
        remediation: "Drop `--platform` and pass `docker build --platform`, or use `$BUILDPLATFORM`/`$TARGETPLATFORM`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3029"],
        tags: ["portability"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .from, let platform = HadolintArguments.baseImage(ins)?.platform,
                !platform.contains("BUILDPLATFORM"), !platform.contains("TARGETPLATFORM")
            else { return nil }
            return Violation(ins, "FROM pins --platform=\(platform); let the build choose the platform")
        }
    }
}
