/// A package-manager invocation found in a RUN step: `apt-get -y install curl` → tool `apt-get`,
/// subcommand `install`, arguments `["-y", "install", "curl"]`.
struct PackageManagerCommand: Sendable, Hashable {
    var tool: String
    var subcommand: String?
    var arguments: [String]

    /// Options that take the next word as their value, per tool family.
    private static let valuedOptions: [String: Set<String>] = [
        "apt": ["-o", "-t", "-c", "--option", "--target-release", "--config-file", "--default-release"],
        "apk": [
            "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file",
            "-t", "--virtual",
        ],
    ]

    /// Every invocation of one of `tools` in `step`'s commands (wrappers such as `sudo` looked through).
    static func find(_ tools: Set<String>, in step: HistoryStep) -> [PackageManagerCommand] {
        var found: [PackageManagerCommand] = []
        for command in step.commands {
            for invocation in command.invocations where tools.contains(invocation.name) {
                found.append(make(invocation.name, invocation.arguments))
            }
        }
        return found
    }

    static func make(_ tool: String, _ arguments: [String]) -> PackageManagerCommand {
        let family = tool == "apk" ? "apk" : "apt"
        let valued = valuedOptions[family] ?? []
        var i = 0
        var subcommand: String?
        while i < arguments.count {
            let word = arguments[i]
            if word.hasPrefix("-") {
                i += valued.contains(word) ? 2 : 1
                continue
            }
            subcommand = word
            break
        }
        return PackageManagerCommand(tool: tool, subcommand: subcommand, arguments: arguments)
    }

    /// True when an argument is `option` (or `option=…`).
    func has(_ option: String) -> Bool {
        arguments.contains { $0 == option || $0.hasPrefix(option + "=") }
    }
}

/// Facts about RUN steps shared by the history checks.
enum RunStepFacts {
    static let aptTools: Set<String> = ["apt-get", "apt"]

    /// True when the step removes `directory`, something below it or a directory above it with `rm`
    /// (`rm -rf /var/lib/apt/lists/*`, `rm -rf /var/lib/apt`). `rm -rf /` does not count.
    static func removes(_ directory: String, in step: HistoryStep) -> Bool {
        for command in step.commands {
            for invocation in command.invocations where invocation.name == "rm" {
                for argument in invocation.arguments where !argument.hasPrefix("-") {
                    var path = argument
                    while path.hasSuffix("*") || (path.hasSuffix("/") && path.count > 1) { path.removeLast() }
                    guard path.hasPrefix("/"), path.count > 1 else { continue }
                    if path == directory || path.hasPrefix(directory + "/") || directory.hasPrefix(path + "/") {
                        return true
                    }
                }
            }
        }
        return false
    }
}
