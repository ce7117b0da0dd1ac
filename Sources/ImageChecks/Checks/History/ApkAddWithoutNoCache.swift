public import SecurityModel

/// IMG1105: `apk add` without `--no-cache`, so the package index stays in the layer. dockle DKL-DI-0004.
/// Not reported when the same step removes `/var/cache/apk` or mounts a BuildKit cache there.
public struct ApkAddWithoutNoCache: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1105",
        slug: "apk-add-without-no-cache",
        title: "apk add without --no-cache",
        severity: .high,
        dockle: "DKL-DI-0004",
        remediation:
            "Use `apk add --no-cache pkg` (no separate `apk update` needed), or remove the index in the same step "
            + "with `rm -rf /var/cache/apk/*`.",
        tags: ["best-practice", "size"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        for step in input.history where step.isRun {
            let adds = PackageManagerCommand.find(["apk"], in: step).filter { $0.subcommand == "add" }
            guard adds.contains(where: { !$0.has("--no-cache") }) else { continue }
            if RunStepFacts.removes("/var/cache/apk", in: step) || step.mountsCache(covering: "/var/cache/apk") {
                continue
            }
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(of: step),
                    message: "History step \(step.index) runs `apk add` without --no-cache"
                )
            )
        }
        return findings
    }
}
