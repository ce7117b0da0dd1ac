import DockerfileSyntax
public import SecurityModel

/// DF5012: a package manager leaves its download cache or indexes in the layer because the same `RUN` does
/// not clean them: apt (`/var/lib/apt/lists`), apk (no `--no-cache`), yum/dnf (`clean all`), zypper
/// (`clean`), pip (`--no-cache-dir` / `PIP_NO_CACHE_DIR`) and npm (`npm cache clean --force`). A BuildKit
/// cache mount over the cache directory counts as clean. Only stages that end up in the final image are
/// checked.
public struct PackageCacheNotCleaned: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5012",
        slug: "package-cache-not-cleaned",
        title: "Package-manager cache left in the image layer",
        severity: .low,
        remediation:
            "Clean up in the same RUN that installs: `rm -rf /var/lib/apt/lists/*` (apt), `apk add --no-cache` "
            + "(apk), `yum clean all` / `dnf clean all`, `zypper clean -a`, `pip install --no-cache-dir`, "
            + "`npm cache clean --force` — or mount the cache with `RUN --mount=type=cache,target=…`. Stale "
            + "indexes and cached packages bloat the image and keep outdated package metadata around.",
        references: [
            "https://docs.docker.com/build/building/best-practices/#apt-get",
            "https://docs.docker.com/build/cache/optimize/#use-cache-mounts",
        ],
        tags: ["security", "image-size"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        var pipCacheDisabled = false
        for stage in context.finalImageStages.reversed() {
            for instruction in context.instructions(in: stage) {
                let target = instruction.trigger ?? instruction
                switch target.kind {
                case .env, .arg:
                    if target.keyValuePairs.contains(where: Self.disablesPipCache) { pipCacheDisabled = true }
                case .run:
                    guard let script = context.script(of: target) else { continue }
                    for message in Self.problems(in: target, script: script, pipCacheDisabled: pipCacheDisabled) {
                        result.append(Violation(instruction, message))
                    }
                default:
                    break
                }
            }
        }
        return result
    }

    private static func disablesPipCache(_ pair: DockerfileWords.KeyValue) -> Bool {
        guard pair.key == "PIP_NO_CACHE_DIR", let value = pair.value else { return false }
        return !value.isEmpty
    }

    /// What `RUN` leaves behind, one message per package manager.
    static func problems(in instruction: Instruction, script: ShellScript, pipCacheDisabled: Bool) -> [String] {
        let commands = script.commands
        let removed = removedPaths(commands)
        func removes(_ prefixes: [String]) -> Bool {
            removed.contains { path in prefixes.contains { path.hasPrefix($0) } }
        }
        func cleans(_ managers: Set<String>, _ subcommands: Set<String>) -> Bool {
            commands.contains { c in
                managers.contains(c.baseName) && c.positionalArguments.first.map(subcommands.contains) == true
            }
        }
        var messages: [String] = []

        // apt: the package lists are what stays behind (Debian images already drop downloaded .debs).
        if let apt = commands.first(where: { isApt($0) && ($0.hasArgument("install") || $0.hasArgument("update")) }),
            !removes(["/var/lib/apt/lists"]), !cleans(["apt-get", "apt"], ["distclean", "dist-clean"]),
            !instruction.hasCacheMount(covering: ["/var/lib/apt", "/var/cache/apt"])
        {
            let installer = commands.first { isApt($0) && $0.hasArgument("install") }
            let what = installer.map { "\($0.baseName) install" } ?? "\(apt.baseName) update"
            messages.append("\(what) without removing /var/lib/apt/lists/* in the same RUN")
        }

        // apk: `--no-cache` on every add/update, else remove /var/cache/apk.
        if commands.contains(where: {
            $0.baseName == "apk" && ($0.hasArgument("add") || $0.hasArgument("update")) && !$0.hasFlag("no-cache")
        }), !removes(["/var/cache/apk", "/var/cache/*", "/etc/apk/cache"]),
            !commands.contains(where: { $0.baseName == "apk" && $0.hasArgument("cache") }),
            !instruction.hasCacheMount(covering: ["/var/cache/apk", "/etc/apk/cache"])
        {
            messages.append("apk add without --no-cache (or removing /var/cache/apk) in the same RUN")
        }

        // yum / dnf / microdnf.
        let rpmManagers: Set<String> = ["yum", "dnf", "microdnf", "tdnf"]
        let rpmInstalls: Set<String> = [
            "install", "groupinstall", "localinstall", "reinstall", "update", "upgrade", "makecache",
        ]
        if let rpm = commands.first(where: {
            rpmManagers.contains($0.baseName) && $0.arguments.contains(where: rpmInstalls.contains)
        }), !cleans(rpmManagers, ["clean"]),
            !removes(["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/*"]),
            !instruction.hasCacheMount(covering: ["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"])
        {
            messages.append("\(rpm.baseName) without '\(rpm.baseName) clean all' in the same RUN")
        }

        // zypper.
        let zypperInstalls: Set<String> = [
            "install", "in", "update", "up", "dist-upgrade", "dup", "patch", "refresh", "ref",
        ]
        if commands.contains(where: {
            $0.baseName == "zypper" && $0.arguments.contains(where: zypperInstalls.contains)
        }), !cleans(["zypper"], ["clean", "cc"]), !removes(["/var/cache/zypp", "/var/cache/*"]),
            !instruction.hasCacheMount(covering: ["/var/cache/zypp"])
        {
            messages.append("zypper without 'zypper clean' in the same RUN")
        }

        // pip.
        let pipDisabledHere =
            pipCacheDisabled
            || commands.contains {
                $0.assignments.contains { $0.value.hasPrefix("PIP_NO_CACHE_DIR=") }
                    || ($0.baseName == "export" && $0.arguments.contains { $0.hasPrefix("PIP_NO_CACHE_DIR=") })
            }
        if !pipDisabledHere, let pip = commands.first(where: { isPipInstall($0) && !$0.hasFlag("no-cache-dir") }),
            !removed.contains(where: isPipCachePath),
            !commands.contains(where: { isPip($0) && $0.hasArgument("cache") }),
            !instruction.mountSpecifications.contains(where: {
                $0.type == "cache" && ($0.target.map(isPipCachePath) ?? false)
            })
        {
            messages.append("\(pip.baseName) install without --no-cache-dir in the same RUN")
        }

        // npm.
        let npmInstalls: Set<String> = ["install", "i", "ci", "add", "in", "isntall"]
        if commands.contains(where: {
            $0.baseName == "npm" && $0.positionalArguments.first.map(npmInstalls.contains) == true
        }), !commands.contains(where: { $0.baseName == "npm" && $0.positionalArguments.first == "cache" }),
            !removed.contains(where: isNpmCachePath),
            !instruction.mountSpecifications.contains(where: {
                $0.type == "cache" && ($0.target.map(isNpmCachePath) ?? false)
            })
        {
            messages.append("npm install without 'npm cache clean --force' in the same RUN")
        }
        return messages
    }

    private static func isApt(_ c: ShellCommand) -> Bool { ["apt-get", "apt", "aptitude"].contains(c.baseName) }

    /// `pip`, `pip3`, `pip3.12`, or `python -m pip` / `python3 -m pip`.
    static func isPip(_ c: ShellCommand) -> Bool {
        let name = c.baseName
        if name == "pip" || name.hasPrefix("pip2") || name.hasPrefix("pip3") { return true }
        if name.hasPrefix("python"), let m = c.arguments.firstIndex(of: "-m"), m + 1 < c.arguments.count {
            return c.arguments[m + 1] == "pip"
        }
        return false
    }

    private static func isPipInstall(_ c: ShellCommand) -> Bool { isPip(c) && c.hasArgument("install") }

    private static func isPipCachePath(_ path: String) -> Bool {
        path.contains(".cache/pip") || path.hasSuffix("/.cache") || path.hasSuffix("/.cache/")
            || path.hasSuffix("/.cache/*") || path == "~/.cache"
    }

    private static func isNpmCachePath(_ path: String) -> Bool {
        path.hasSuffix("/.npm") || path.hasSuffix("/.npm/") || path.hasSuffix("/.npm/*") || path.contains("/.npm/_")
            || path == "~/.npm" || path.contains("/.npm/_cacache")
    }

    /// Paths removed by `rm` or `find <path> … -delete` in the script.
    static func removedPaths(_ commands: [ShellCommand]) -> [String] {
        var paths: [String] = []
        for c in commands {
            if c.baseName == "rm" {
                paths += c.positionalArguments
            } else if c.baseName == "find", c.hasArgument("-delete") || c.hasArgument("-exec") {
                if let first = c.positionalArguments.first { paths.append(first) }
            }
        }
        return paths
    }
}
