import DockerfileSyntax
public import SecurityModel

/// DF3048 (hadolint DL3048): label keys must follow Docker's key format.
///
/// Keys start with a lower-case letter, end with a lower-case letter or digit, use only
/// `a-z 0-9 . - _ /`, have no `..` or `--`, and do not use the reserved `com.docker.`,
/// `io.docker.` and `org.dockerproject.` namespaces.
public struct ValidLabelKey: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3048",
        slug: "invalid-label-key",
        aliases: ["DL3048"],
        title: "Invalid label key",
        severity: .info,
        remediation: "Use reverse-DNS style lower-case keys such as `org.opencontainers.image.source`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3048"],
        tags: ["style", "labels"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .label, let pairs = HadolintArguments.pairs(ins),
                let bad = pairs.first(where: { !Self.isValid($0.key) })
            else { return nil }
            return Violation(ins, "Label key '\(bad.key)' is not a valid key")
        }
    }

    static func isValid(_ key: String) -> Bool {
        let scalars = Array(key.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        let lower: ClosedRange<Unicode.Scalar> = "a"..."z"
        let digit: ClosedRange<Unicode.Scalar> = "0"..."9"
        guard lower.contains(first), lower.contains(last) || digit.contains(last) else { return false }
        guard scalars.allSatisfy({ lower.contains($0) || digit.contains($0) || ".-_/".unicodeScalars.contains($0) })
        else { return false }
        if key.hasPrefix("com.docker.") || key.hasPrefix("io.docker.") || key.hasPrefix("org.dockerproject.") {
            return false
        }
        return !key.contains("..") && !key.contains("--")
    }
}
