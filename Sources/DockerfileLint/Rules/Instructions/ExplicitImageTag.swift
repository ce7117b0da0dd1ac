import DockerfileSyntax
public import SecurityModel

/// DF3006 (hadolint DL3006): a `FROM` image should carry an explicit tag (or digest).
///
/// Semantics follow hadolint: `scratch`, images pinned by digest, names starting with a variable
/// (`$BASE`, `${IMAGE}`) and names of earlier stages (`AS` aliases, compared as written) are
/// exempt. A registry port is read as hadolint reads it (`localhost:5000/app` counts as tagged).
public struct ExplicitImageTag: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3006",
        slug: "untagged-base-image",
        aliases: ["DL3006"],
        title: "Base image has no explicit tag",
        severity: .medium,
        remediation: "Name the version you build on, e.g. `FROM debian:12-slim` (or pin a digest).",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3006"],
        tags: ["best-practice", "reproducibility"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var aliases: Set<String> = []
        var result: [Violation] = []
        for ins in context.instructions where ins.kind == .from {
            guard let image = HadolintArguments.baseImage(ins) else { continue }
            defer { if let alias = image.alias { aliases.insert(alias) } }
            if image.name == "scratch" || image.digest != nil || image.tag != nil { continue }
            if image.name.hasPrefix("$") || aliases.contains(image.name) { continue }
            result.append(Violation(ins, "Image '\(image.name)' has no tag; pin a version explicitly"))
        }
        return result
    }
}
