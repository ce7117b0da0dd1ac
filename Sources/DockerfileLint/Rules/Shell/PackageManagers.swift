import DockerfileSyntax

/// Helpers shared by the package-manager rules.
enum PackageManagers {
    /// Packages named by every `apt-get … install …` of the script: the non-flag arguments other
    /// than `install`, with the value of `-t`/`--target-release` left out.
    static func aptGetInstallPackages(_ shell: ExtractedShell) -> [String] {
        shell.commands.filter { $0.is("apt-get", withAnyOf: "install") }.flatMap { command in
            command.nonFlagArguments(droppingValuesOf: ["t", "target-release"]).filter { $0 != "install" }
        }
    }

    /// The arguments after the first `install` (and any repeated `install` right after it).
    static func dropThroughInstall(_ arguments: [String]) -> [String] {
        Array(arguments.drop { $0 != "install" }.drop { $0 == "install" })
    }

    /// True when `run` has a `--mount=type=cache` or `type=tmpfs` whose target contains `fragment`.
    static func hasCacheOrTmpfsMount(_ run: Instruction, targetContaining fragment: String) -> Bool {
        run.flags.contains { flag in
            guard flag.name == "mount", let value = flag.value else { return false }
            var type = "bind"
            var target: String? = nil
            for option in unquoted(value).split(separator: ",") {
                let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                switch parts[0].lowercased() {
                case "type": type = parts[1].lowercased()
                case "target", "dst", "destination": target = unquoted(parts[1])
                default: break
                }
            }
            guard type == "cache" || type == "tmpfs", let target else { return false }
            return target.contains(fragment)
        }
    }

    private static func unquoted(_ text: String) -> String {
        if text.count >= 2, let f = text.first, let l = text.last, f == l, f == "\"" || f == "'" {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
