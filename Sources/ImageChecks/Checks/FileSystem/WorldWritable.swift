public import SecurityModel

/// IMG2002: files and directories anyone may write to. Directories with the sticky bit (`/tmp`, `/var/tmp`)
/// are fine, and device nodes, FIFOs, sockets and symlinks are not looked at. At most
/// ``WorldWritable/limit`` entries are reported one by one; the rest are summarised in one more finding.
public struct WorldWritable: ImageCheck {
    public init() {}

    /// How many entries get their own finding.
    public static let limit = 50

    public let descriptor = RuleDescriptor.image(
        id: "IMG2002",
        slug: "world-writable",
        title: "World-writable file or directory",
        severity: .medium,
        remediation:
            "Drop write permission for others (`chmod o-w <path>`) and give write access to the user the container "
            + "runs as instead; a shared scratch directory needs the sticky bit (`chmod 1777`).",
        tags: ["security"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        var more: [FileEntry] = []
        for entry in input.entries where entry.mode & 0o002 != 0 {
            switch entry.kind {
            case .regular, .hardlink:
                break
            case .directory where entry.mode & 0o1000 == 0:
                break
            default:
                continue
            }
            if findings.count >= Self.limit {
                more.append(entry)
                continue
            }
            let what = entry.kind == .directory ? "directory" : "file"
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(of: entry),
                    message: "World-writable \(what) \(entry.path) (mode \(PathFacts.octal(entry.mode)))"
                )
            )
        }
        if let first = more.first {
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(of: first),
                    message: "\(more.count) more world-writable entries, from \(first.path) to "
                        + "\(more.last?.path ?? first.path)"
                )
            )
        }
        return findings
    }
}
