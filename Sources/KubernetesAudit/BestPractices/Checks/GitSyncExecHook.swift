public import SecurityModel

/// `K8S-BP-027` (checkov CKV_K8S_159): no container sets `GITSYNC_GIT`, which makes git-sync run an arbitrary
/// command as git (code injection through the synced repository's configuration).
public struct GitSyncExecHook: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        27,
        slug: "git-sync-custom-git",
        aliases: ["CKV_K8S_159"],
        title: "git-sync runs a custom git command",
        severity: .high,
        remediation: """
            Remove the GITSYNC_GIT environment variable and use the git binary shipped in the git-sync image.
            """,
        references: ["https://github.com/kubernetes/git-sync"],
        tags: ["security"]
    )

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        for (i, variable) in (container.value["env"]?.items ?? []).enumerated()
        where variable["name"]?.stringValue == "GITSYNC_GIT" {
            return pod.finding(
                descriptor,
                fieldPath: "\(container.path).env[\(i)]",
                container: container.name,
                message: "container '\(container.name)' sets GITSYNC_GIT"
            )
        }
        return nil
    }
}
