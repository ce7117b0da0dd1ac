public import SecurityModel

/// IMG2001: files with the setuid or setgid bit, one finding per file (all of them: reviewing them is the
/// point). dockle CIS-DI-0008, CIS Docker Benchmark 4.8. Directories are skipped: setgid on a directory
/// only makes new files inherit its group.
public struct SetuidSetgidFile: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG2001",
        slug: "setuid-setgid-file",
        title: "setuid/setgid file",
        severity: .low,
        dockle: "CIS-DI-0008",
        cis: "4.8",
        remediation:
            "Remove the bits from binaries the container does not need to run privileged, in the last build step: "
            + "`RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`. Running with `--security-opt "
            + "no-new-privileges` also neutralises them.",
        tags: ["security"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        for entry in input.entries where PathFacts.isFile(entry) && (entry.isSetUID || entry.isSetGID) {
            let bits = [entry.isSetUID ? "setuid" : nil, entry.isSetGID ? "setgid" : nil].compactMap { $0 }
            let owner = entry.isSetUID && entry.uid == 0 ? " root" : ""
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(of: entry),
                    message: "\(bits.joined(separator: "+"))\(owner) file \(entry.path) (mode "
                        + "\(PathFacts.octal(entry.mode)), owner \(entry.uid):\(entry.gid))"
                )
            )
        }
        return findings
    }
}
