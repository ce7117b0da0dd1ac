import DockerfileLint
import DockerfileSyntax
import SecurityModel

/// Runs one rule over `source` and returns its violations (no engine, no pragmas, no config).
func violations(
    of rule: some DockerfileRule,
    in source: String,
    settings: RuleSettings = RuleSettings(),
    hasDockerignore: Bool? = nil
) -> [Violation] {
    let context = LintContext(
        dockerfile: Dockerfile(parsing: source),
        path: "Dockerfile",
        settings: settings,
        hasDockerignore: hasDockerignore
    )
    return rule.check(context)
}

/// The start lines of the violations of `rule` in `source`.
func lines(
    of rule: some DockerfileRule,
    in source: String,
    settings: RuleSettings = RuleSettings(),
    hasDockerignore: Bool? = nil
) -> [Int] {
    violations(of: rule, in: source, settings: settings, hasDockerignore: hasDockerignore).map(\.range.start.line)
}

/// Applies a violation's fix to `source` (edits sorted from the end).
func applying(_ fix: Fix, to source: String) -> String {
    var bytes = Array(source.utf8)
    for edit in fix.edits.sorted(by: { $0.byteRange.lowerBound > $1.byteRange.lowerBound }) {
        bytes.replaceSubrange(edit.byteRange, with: Array(edit.replacement.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
}
