public import SecurityModel

/// IMG1001: the image's default user is root (no `USER`, `USER root`, `USER 0`, or a name with UID 0).
/// dockle CIS-DI-0001, CIS Docker Benchmark 4.1.
public struct RunsAsRoot: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1001",
        slug: "runs-as-root",
        title: "Image runs as root",
        severity: .medium,
        dockle: "CIS-DI-0001",
        cis: "4.1",
        remediation:
            "Create an unprivileged user in the image (`RUN adduser -D -u 10001 app` or `useradd -r -u 10001 app`) "
            + "and end the Dockerfile with `USER 10001` (a numeric id, so that runtimes can verify it is not root).",
        tags: ["security"]
    )

    public func isRequired(_ path: String) -> Bool { path == "/etc/passwd" }

    public func check(_ input: ImageCheckInput) -> [Finding] {
        guard input.hasImageConfiguration else { return [] }
        let configured = input.metadata.user ?? ""
        let user = String(configured.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: " \t")
        let message: String
        if user.isEmpty {
            message = "The image sets no USER, so its containers run as root"
        } else if user == "root" || (!user.isEmpty && user.allSatisfy(\.isNumber) && Int(user) == 0) {
            message = "The image's USER is '\(SecretText.redact(configured))', which is root"
        } else if user.allSatisfy(\.isNumber) {
            return []
        } else if let passwd = input.text(of: "/etc/passwd"), AccountFile.uid(of: user, passwd: passwd) == 0 {
            message = "The image's USER '\(user)' has UID 0 in /etc/passwd, so it is root"
        } else {
            return []
        }
        return [Finding(rule: descriptor, location: input.location(fieldPath: "config.User"), message: message)]
    }
}

extension String {
    /// Without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
