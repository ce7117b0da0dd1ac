import DockerfileSyntax
public import SecurityModel

/// DF3002 (hadolint DL3002): the last `USER` of a stage should not be root.
///
/// Follows hadolint: each stage whose last `USER` is `root`, `0`, `root:…` or `0:…` is reported at
/// that `USER` line (not only the final stage). Stages without a `USER` are not reported.
public struct LastUserNotRoot: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3002",
        slug: "last-user-root",
        aliases: ["DL3002"],
        title: "Last USER of a stage is root",
        severity: .medium,
        remediation: "Switch to an unprivileged user (`USER app` or `USER 10001`) after the steps that need root.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3002"],
        tags: ["security", "best-practice"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var lastRootUser: [Int: Instruction] = [:]
        var stage: Int? = nil
        for (index, ins) in context.instructions.enumerated() {
            switch ins.kind {
            case .from:
                stage = index
            case .user:
                guard let stage else { continue }
                if Self.isRoot(HadolintArguments.restOfLine(ins)) {
                    lastRootUser[stage] = ins
                } else {
                    lastRootUser[stage] = nil
                }
            default:
                continue
            }
        }
        return lastRootUser.values.sorted { $0.index < $1.index }.map {
            Violation($0, "The last USER of this stage is root; switch to an unprivileged user")
        }
    }

    /// hadolint's notion of root: exactly `root` or `0`, or a `root:`/`0:` user:group.
    static func isRoot(_ user: String) -> Bool {
        user == "root" || user == "0" || user.hasPrefix("root:") || user.hasPrefix("0:")
    }
}
