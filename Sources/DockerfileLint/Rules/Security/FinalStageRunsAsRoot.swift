import DockerfileSyntax
public import SecurityModel

/// DF5010: the image runs as root: the final stage's last `USER` is `root`/`0`, or neither it nor the stage
/// it is built on (`FROM builder`) sets a `USER`. Base images named `nonroot`, `rootless` or `unprivileged`
/// are assumed to set a user themselves.
public struct FinalStageRunsAsRoot: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5010",
        slug: "final-stage-root-user",
        title: "Image runs as root",
        severity: .medium,
        remediation:
            "Create an unprivileged user and switch to it at the end of the final stage: "
            + "`RUN adduser -D -u 10001 app` then `USER 10001` (a numeric UID lets Kubernetes verify "
            + "`runAsNonRoot`).",
        references: [
            "https://docs.docker.com/build/building/best-practices/#user",
            "https://cwe.mitre.org/data/definitions/250.html",
        ],
        tags: ["security", "cis:4.1"]
    )

    /// Base-image name fragments that signal an image which already drops root.
    private static let nonRootHints = ["nonroot", "non-root", "rootless", "unprivileged"]

    public func check(_ context: LintContext) -> [Violation] {
        guard let final = context.finalStage else { return [] }
        for stage in context.finalImageStages {
            if let user = context.instructions(in: stage).last(where: { $0.kind == .user }) {
                let value = user.arguments.trimmedAndUnquoted
                guard Self.isRoot(value) else { return [] }
                return [Violation(user, "The final image runs as root (USER \(value))")]
            }
        }
        // No USER anywhere in the chain: the base image decides.
        let base = context.finalImageStages.last ?? final
        let image = base.baseImage
        if image.hasVariable { return [] }
        let name = image.raw.lowercased()
        if Self.nonRootHints.contains(where: { name.contains($0) }) { return [] }
        let from = context.instructions[final.fromIndex]
        let message =
            image.isScratch
            ? "The final stage sets no USER, so the image runs as root"
            : "The final stage sets no USER, so the image runs as root unless \(image.raw) sets a user"
        return [Violation(from, message)]
    }

    /// `root`, `0`, `root:…`, `0:…`.
    static func isRoot(_ user: String) -> Bool {
        let name = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return name == "root" || name == "0"
    }
}
