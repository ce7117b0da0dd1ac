public import SecurityModel

/// IMG1106: a RUN step downloads apt package lists (`apt-get update`) and does not remove
/// `/var/lib/apt/lists` in the same step, so tens of megabytes of lists stay in the layer. dockle
/// DKL-DI-0005. Unlike dockle, an `install` without an `update` is not reported (it writes no lists), and a
/// BuildKit cache mount on `/var/lib/apt` counts as clean.
public struct AptListsNotRemoved: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1106",
        slug: "apt-lists-not-removed",
        title: "apt lists left in the layer",
        severity: .high,
        dockle: "DKL-DI-0005",
        remediation:
            "End the RUN step that calls `apt-get update` with `&& rm -rf /var/lib/apt/lists/*` (and `apt-get clean`), "
            + "or mount a cache: `RUN --mount=type=cache,target=/var/lib/apt/lists …`.",
        tags: ["best-practice", "size"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        for step in input.history where step.isRun {
            let apt = PackageManagerCommand.find(RunStepFacts.aptTools, in: step)
            guard let update = apt.first(where: { $0.subcommand == "update" }) else { continue }
            if RunStepFacts.removes("/var/lib/apt/lists", in: step) || step.mountsCache(covering: "/var/lib/apt/lists")
                || apt.contains(where: { $0.subcommand == "dist-clean" || $0.subcommand == "distclean" })
            {
                continue
            }
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(of: step),
                    message: "History step \(step.index) runs `\(update.tool) update` but does not remove "
                        + "/var/lib/apt/lists"
                )
            )
        }
        return findings
    }
}
