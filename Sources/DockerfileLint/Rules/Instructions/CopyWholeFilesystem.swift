import DockerfileSyntax
public import SecurityModel

/// DF3067 (hadolint DL3067): `COPY --from=… / /` copies another stage's entire filesystem.
///
/// That overwrites everything in the current stage, including package databases and `/etc`;
/// copy the directories you need instead.
public struct CopyWholeFilesystem: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3067",
        slug: "copy-entire-filesystem",
        aliases: ["DL3067"],
        title: "COPY --from copies a whole filesystem",
        severity: .medium,
        remediation: "Copy only the paths you need, e.g. `COPY --from=build /app /app`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3067"],
        tags: ["best-practice"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .copy, let files = HadolintArguments.fileList(ins), let from = files.from,
                files.sources.contains(where: { HadolintArguments.dropQuotes($0) == "/" }),
                HadolintArguments.dropQuotes(files.target) == "/"
            else { return nil }
            return Violation(ins, "COPY --from=\(from) / / copies the whole filesystem of another stage")
        }
    }
}
