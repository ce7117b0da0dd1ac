import DockerfileSyntax
public import SecurityModel

/// DF3021 (hadolint DL3021): a `COPY` with several sources must copy into a directory (`/` at the
/// end of the destination).
///
/// Without the trailing slash BuildKit rejects the build. Only `COPY` is checked, as in hadolint.
public struct CopyMultipleSourcesToDirectory: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3021",
        slug: "copy-multiple-sources-dir",
        aliases: ["DL3021"],
        title: "COPY with several sources needs a directory destination",
        severity: .high,
        remediation: "End the destination with `/`, e.g. `COPY a.txt b.txt /app/`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3021"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .copy, let files = HadolintArguments.fileList(ins), files.sources.count > 1 else {
                return nil
            }
            if HadolintArguments.dropQuotes(files.target).hasSuffix("/") { return nil }
            return Violation(
                ins,
                "COPY has \(files.sources.count) sources, so the destination '\(files.target)' must end with /"
            )
        }
    }
}
