import DockerfileSyntax
public import SecurityModel

/// DF5008: an SSH server in the image: `openssh-server` (or Alpine's `openssh`, Debian's `ssh`, `dropbear`)
/// installed with a package manager, or port 22 exposed.
public struct SSHServerInImage: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5008",
        slug: "ssh-server",
        title: "SSH server installed or port 22 exposed",
        severity: .medium,
        remediation:
            "Do not run sshd in containers. Use `docker exec` / `kubectl exec` (or an ephemeral debug container) "
            + "for interactive access, and remove `EXPOSE 22`.",
        references: ["https://cwe.mitre.org/data/definitions/1327.html"],
        tags: ["security"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        for instruction in context.instructions {
            let target = instruction.trigger ?? instruction
            switch target.kind {
            case .expose:
                if target.argumentWords.contains(where: Self.exposesSSH) {
                    result.append(Violation(instruction, "EXPOSE publishes port 22 (SSH)"))
                }
            case .run:
                guard let script = context.script(of: target) else { continue }
                for command in script.commands {
                    guard let (manager, packages) = PackageCommands.installation(command),
                        let server = packages.first(where: { Self.isSSHServer($0, manager: manager) })
                    else { continue }
                    result.append(Violation(instruction, "RUN installs an SSH server (\(Self.name(server)))"))
                    break
                }
            default:
                break
            }
        }
        return result
    }

    static func isSSHServer(_ package: String, manager: PackageCommands.Manager) -> Bool {
        if PackageCommands.package(package, is: "openssh-server") || PackageCommands.package(package, is: "dropbear") {
            return true
        }
        switch manager {
        case .apk, .pacman: return PackageCommands.package(package, is: "openssh")
        case .apt: return PackageCommands.package(package, is: "ssh")
        default: return false
        }
    }

    private static func name(_ package: String) -> String {
        String(package.prefix { $0 != "=" && $0 != ":" && $0 != "~" && $0 != ">" && $0 != "<" })
    }

    /// `22`, `22/tcp`, `20-25`, `20-25/tcp`.
    static func exposesSSH(_ word: String) -> Bool {
        let port = word.split(separator: "/").first.map(String.init) ?? word
        let bounds = port.split(separator: "-", maxSplits: 1).map { Int($0) }
        if bounds.count == 1, let p = bounds[0] { return p == 22 }
        if bounds.count == 2, let lo = bounds[0], let hi = bounds[1] { return lo <= 22 && 22 <= hi }
        return false
    }
}
