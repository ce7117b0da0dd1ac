public import SecurityModel

/// IMG1004: a VOLUME at `/dev`, `/proc` or `/sys` (or below them). dockle DKL-DI-0002.
public struct SensitiveVolume: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1004",
        slug: "sensitive-volume",
        title: "VOLUME on a sensitive system directory",
        severity: .high,
        dockle: "DKL-DI-0002",
        remediation:
            "Remove the `VOLUME` for `/dev`, `/proc` or `/sys`; these belong to the kernel and the runtime. "
            + "Mount what the container really needs at run time, read-only where possible.",
        tags: ["security"]
    )

    private static let sensitive = ["/dev", "/proc", "/sys"]

    public func check(_ input: ImageCheckInput) -> [Finding] {
        guard input.hasImageConfiguration else { return [] }
        var findings: [Finding] = []
        for volume in input.metadata.volumes {
            let normalized = TreePath.normalize(volume)
            guard Self.sensitive.contains(where: { normalized == $0 || normalized.hasPrefix($0 + "/") }) else {
                continue
            }
            let path = SecretText.redact(normalized)
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(path: path, fieldPath: "config.Volumes"),
                    message: "The image declares VOLUME \(path), a kernel-provided directory"
                )
            )
        }
        return findings
    }
}
