public import SecurityModel

/// IMG1104: a RUN step runs `apt-get dist-upgrade` (or `apt full-upgrade`). dockle DKL-DI-0003.
public struct DistUpgrade: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1104",
        slug: "dist-upgrade",
        title: "dist-upgrade in a build step",
        severity: .medium,
        dockle: "DKL-DI-0003",
        remediation:
            "Do not `dist-upgrade` inside images: it can change the distribution release under the base image. "
            + "Rebuild on a newer base image tag instead, and use `apt-get upgrade` at most for security updates.",
        tags: ["best-practice", "reproducibility"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        for step in input.history where step.isRun {
            let commands = PackageManagerCommand.find(RunStepFacts.aptTools, in: step)
            guard
                let upgrade = commands.first(where: {
                    $0.subcommand == "dist-upgrade" || $0.subcommand == "full-upgrade"
                }),
                let subcommand = upgrade.subcommand
            else { continue }
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(of: step),
                    message: "History step \(step.index) runs `\(upgrade.tool) \(subcommand)`"
                )
            )
        }
        return findings
    }
}
