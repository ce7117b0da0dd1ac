public import SecurityModel

/// IMG1103: a RUN step uses `sudo` (as a command, not as a package name). dockle DKL-DI-0001.
public struct SudoInBuild: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1103",
        slug: "sudo-in-build",
        title: "sudo used in a build step",
        severity: .high,
        dockle: "DKL-DI-0001",
        remediation:
            "Run privileged build steps as root (`USER root` before them, `USER app` after) instead of calling "
            + "`sudo`; its unpredictable TTY and signal handling does not belong in images. Use `gosu` or "
            + "`su-exec` when an entrypoint must drop privileges.",
        tags: ["security", "best-practice"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        for step in input.history where step.isRun {
            let uses = step.commands.contains { command in command.invocations.contains { $0.name == "sudo" } }
            guard uses else { continue }
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(of: step),
                    message: "History step \(step.index) runs a command with sudo"
                )
            )
        }
        return findings
    }
}
