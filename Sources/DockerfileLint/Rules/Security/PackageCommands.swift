import DockerfileSyntax

/// Recognises OS package-manager invocations in shell commands.
enum PackageCommands {
    /// The OS package managers the security rules know.
    enum Manager: String, Sendable {
        case apt, apk, yum, dnf, zypper, pacman
    }

    /// The manager of `command` when it installs packages, with the package arguments.
    static func installation(_ command: ShellCommand) -> (manager: Manager, packages: [String])? {
        let args = command.arguments
        switch command.baseName {
        case "apt-get", "apt", "aptitude":
            return packages(after: ["install"], in: args).map { (.apt, $0) }
        case "apk":
            return packages(after: ["add"], in: args).map { (.apk, $0) }
        case "yum":
            return packages(after: ["install", "groupinstall", "localinstall"], in: args).map { (.yum, $0) }
        case "dnf", "microdnf", "tdnf":
            return packages(after: ["install", "groupinstall", "localinstall"], in: args).map { (.dnf, $0) }
        case "zypper":
            return packages(after: ["install", "in"], in: args).map { (.zypper, $0) }
        case "pacman":
            guard command.hasFlag("S") else { return nil }
            return (.pacman, command.positionalArguments)
        default:
            return nil
        }
    }

    /// Positional arguments after the first of `subcommands` found in `args`.
    private static func packages(after subcommands: Set<String>, in args: [String]) -> [String]? {
        guard let i = args.firstIndex(where: { subcommands.contains($0) }) else { return nil }
        return args[(i + 1)...].filter { !$0.hasPrefix("-") }
    }

    /// True when `package` is `name`, possibly with a version or architecture suffix
    /// (`openssh-server=1:9.2`, `openssh-server:amd64`, `openssh-server-8.0p1`).
    static func package(_ package: String, is name: String) -> Bool {
        guard package.hasPrefix(name) else { return false }
        let rest = package.dropFirst(name.count)
        guard let first = rest.first else { return true }
        if first == "=" || first == ":" || first == "~" || first == ">" || first == "<" { return true }
        if first == "-", let second = rest.dropFirst().first, second.isNumber { return true }
        return false
    }
}
