import DockerfileSyntax
public import SecurityModel

/// DF3045 (hadolint DL3045): `COPY` to a relative destination before any `WORKDIR`.
///
/// The destination then depends on the base image's working directory. Follows hadolint's stage
/// bookkeeping: a stage counts as having a `WORKDIR` once it sets one, and a stage built `FROM`
/// an earlier stage (or an image name used by an earlier stage) inherits that state. Destinations
/// starting with `/`, a variable or a Windows drive are fine.
public struct CopyRelativeWithoutWorkdir: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3045",
        slug: "copy-relative-without-workdir",
        aliases: ["DL3045"],
        title: "COPY to a relative path without WORKDIR",
        severity: .medium,
        remediation: "Set `WORKDIR /app` before the COPY, or copy to an absolute path.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3045"],
        tags: ["best-practice"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        // Stage names (alias, else image name) → WORKDIR seen; the nil key is "before any FROM".
        var workdirSet: [String?: Bool] = [:]
        var current: String? = nil
        var result: [Violation] = []
        for ins in context.instructions {
            switch ins.kind {
            case .from:
                guard let image = HadolintArguments.baseImage(ins) else { continue }
                workdirSet[image.stageName] = workdirSet[image.name] ?? false
                current = image.stageName
            case .workdir:
                workdirSet[current] = true
            case .copy:
                guard let files = HadolintArguments.fileList(ins) else { continue }
                if workdirSet[current] == true { continue }
                let dest = HadolintArguments.dropQuotes(files.target)
                if dest.hasPrefix("/") || dest.hasPrefix("$") || HadolintArguments.isWindowsAbsolute(dest) { continue }
                result.append(
                    Violation(ins, "COPY to relative path '\(files.target)' before any WORKDIR in this stage")
                )
            default:
                continue
            }
        }
        return result
    }
}
