import DockerfileSyntax
public import SecurityModel

/// DF5006: `COPY . …` / `ADD ./ …` copies the whole build context while no `.dockerignore` sits next to the
/// Dockerfile, so `.git`, `.env`, keys and local credentials can end up in the image. Silent when it is unknown
/// whether a `.dockerignore` exists (standard input).
public struct WholeContextCopyWithoutDockerignore: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5006",
        slug: "copy-context-without-dockerignore",
        title: "Whole build context copied without a .dockerignore",
        severity: .low,
        remediation:
            "Add a `.dockerignore` next to the Dockerfile that excludes `.git`, `.env*`, keys, credentials and "
            + "build output, or copy only the files the image needs (`COPY src/ ./src/`).",
        references: ["https://docs.docker.com/build/concepts/context/#dockerignore-files"],
        tags: ["security", "secrets"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        guard context.hasDockerignore == false else { return [] }
        var result: [Violation] = []
        for instruction in context.instructions {
            let target = instruction.trigger ?? instruction
            guard target.kind == .copy || target.kind == .add, let parts = target.copyParts, parts.from == nil
            else { continue }
            if parts.sources.contains(where: Self.isWholeContext) {
                result.append(
                    Violation(
                        instruction,
                        "\(target.kind.rawValue) copies the whole build context but there is no .dockerignore"
                    )
                )
            }
        }
        return result
    }

    /// `.`, `./`, `./.`, `.//`.
    static func isWholeContext(_ source: String) -> Bool {
        var s = Substring(source)
        while s.hasSuffix("/") { s = s.dropLast() }
        while s.hasSuffix("/.") { s = s.dropLast(2) }
        return s == "."
    }
}
