public import SecurityModel

/// CIS-DOCKER-4.1 (as docker-bench checks it on containers): the container's processes run as root because
/// `Config.User` is empty (the image default, root unless the image sets `USER`), `root` or uid 0. A document
/// without `Config.User` (unknown) is not checked.
public struct RootUser: ContainerCheck {
    public init() {}

    public let descriptor = RuleDescriptor.cisDocker(
        "4.1",
        slug: "root-user",
        title: "The container runs as root",
        severity: .medium,
        remediation:
            "Run as an unprivileged user: `docker run --user 10001:10001` (or `USER` in the Dockerfile); Compose: "
            + "`user: \"10001:10001\"`."
    )

    public func check(_ container: ContainerConfig) -> [Finding] {
        guard let user = container.user?.trimmingSpaces() else { return [] }
        let name = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        guard user.isEmpty || name == "root" || name == "0" else { return [] }
        let message =
            user.isEmpty
            ? "No user is set, so the container runs as the image's default user (root unless the image sets USER)"
            : "The container runs as \(user)"
        return [finding(container, message, fieldPath: "Config.User")]
    }
}
