public import SecurityModel

/// IMG2003: an account with an empty password field in `/etc/shadow` (or in `/etc/passwd`, which then
/// needs no shadow entry): anyone can log in as that user without a password. dockle DKL-LI-0001.
/// Locked fields (`!`, `*`, `!!`) are not empty.
public struct EmptyPassword: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG2003",
        slug: "empty-password",
        title: "Account with an empty password",
        severity: .high,
        dockle: "DKL-LI-0001",
        remediation:
            "Lock the account: `RUN passwd -l <user>` (or `usermod -p '!' <user>`), so that `su` and console logins "
            + "cannot use it without a password.",
        tags: ["security"]
    )

    private static let files = ["/etc/shadow", "/etc/master.passwd", "/etc/passwd"]

    public func isRequired(_ path: String) -> Bool { Self.files.contains(path) }

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        var reported: Set<Substring> = []
        for file in Self.files {
            guard let text = input.text(of: file) else { continue }
            for line in AccountFile.lines(text) where line.password?.isEmpty == true && !line.name.isEmpty {
                guard reported.insert(line.name).inserted else { continue }
                let layer = input.tree.entry(at: file)?.layerIndex
                findings.append(
                    Finding(
                        rule: descriptor,
                        location: input.location(path: file, layerIndex: layer),
                        message: "User '\(line.name)' has an empty password in \(file) (line \(line.lineNumber))"
                    )
                )
            }
        }
        return findings
    }
}
