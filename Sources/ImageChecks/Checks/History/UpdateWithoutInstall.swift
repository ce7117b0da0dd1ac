public import SecurityModel

/// IMG1101: a RUN step refreshes the package index (`apt-get update`, `apk update`) without installing or
/// upgrading in the same step, so a later step may install from a stale cached index. dockle CIS-DI-0007,
/// CIS Docker Benchmark 4.7.
public struct UpdateWithoutInstall: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1101",
        slug: "update-without-install",
        title: "Package index updated alone in a build step",
        severity: .high,
        dockle: "CIS-DI-0007",
        cis: "4.7",
        remediation:
            "Update and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends "
            + "pkg && rm -rf /var/lib/apt/lists/*` (or `apk add --no-cache pkg`, which needs no separate update).",
        tags: ["best-practice"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        for step in input.history where step.isRun {
            var updated: String?
            var installed = false
            for command in step.commands {
                for invocation in command.invocations {
                    let isApt = RunStepFacts.aptTools.contains(invocation.name)
                    guard isApt || invocation.name == "apk" else { continue }
                    let pm = PackageManagerCommand.make(invocation.name, invocation.arguments)
                    switch pm.subcommand {
                    case "update":
                        if updated == nil, !installed { updated = "\(pm.tool) update" }
                    case "install", "upgrade", "dist-upgrade", "full-upgrade", "add":
                        if updated != nil { installed = true }
                    default:
                        // `apk add --update`/`-U` refreshes and installs in one go.
                        break
                    }
                }
            }
            guard let updated, !installed else { continue }
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(of: step),
                    message: "History step \(step.index) runs `\(updated)` without installing anything in the same step"
                )
            )
        }
        return findings
    }
}
