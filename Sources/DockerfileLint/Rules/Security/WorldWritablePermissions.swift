import DockerfileSyntax
public import SecurityModel

/// DF5007: files or directories made writable by every user: `chmod 777`, `chmod -R o+w`, `chmod a=rwx`,
/// `mkdir -m 777`, `install -m 666`, `umask 000`, `COPY --chmod=777`. Sticky modes (`1777`, `+t`), the usual
/// setting for shared temporary directories, pass.
public struct WorldWritablePermissions: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5007",
        slug: "world-writable-permissions",
        title: "World-writable file permissions",
        severity: .medium,
        remediation:
            "Grant write access to the owner (and group) only, e.g. `chmod 755` / `chmod 644`, `chown` the path to "
            + "the runtime user, or `chmod g=u` for arbitrary-UID platforms. Shared scratch directories should "
            + "keep the sticky bit (`chmod 1777`).",
        references: ["https://cwe.mitre.org/data/definitions/732.html"],
        tags: ["security", "permissions"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        for instruction in context.instructions {
            let target = instruction.trigger ?? instruction
            switch target.kind {
            case .copy, .add:
                if let mode = target.flag("chmod")?.trimmedAndUnquoted, Self.isWorldWritable(mode: mode) {
                    result.append(
                        Violation(instruction, "\(target.kind.rawValue) --chmod=\(mode) makes the files world-writable")
                    )
                }
            case .run:
                guard let script = context.script(of: target) else { continue }
                let removed = Set(PackageCacheNotCleaned.removedPaths(script.commands))
                if let what = script.commands.lazy.compactMap({ Self.worldWritableCommand($0, removed: removed) }).first
                {
                    result.append(Violation(instruction, "RUN \(what) makes paths world-writable"))
                }
            default:
                break
            }
        }
        return result
    }

    /// A short description (`chmod 777`) when `command` grants write access to everyone.
    /// Paths in `removed` (deleted later in the same RUN, like a temporary directory) do not count.
    static func worldWritableCommand(_ command: ShellCommand, removed: Set<String> = []) -> String? {
        let words = command.words.map(\.value)
        // `chmod` anywhere in the words: directly, after sudo, or inside `find -exec chmod … {} \;` / xargs.
        for (i, w) in words.enumerated() {
            let base = w.split(separator: "/").last.map(String.init) ?? w
            switch base {
            case "chmod":
                let rest = words[(i + 1)...].filter { !$0.hasPrefix("-") }
                if let mode = rest.first, isWorldWritable(mode: mode) {
                    let paths = rest.dropFirst()
                    if !paths.isEmpty, paths.allSatisfy(removed.contains) { continue }
                    return "chmod \(mode)"
                }
            case "mkdir" where i == 0 || words[i - 1] == "sudo", "install" where i == 0 || words[i - 1] == "sudo":
                if let mode = optionValue(["-m", "--mode"], in: Array(words[(i + 1)...])), isWorldWritable(mode: mode) {
                    return "\(base) -m \(mode)"
                }
            case "umask" where i == 0:
                if let mask = words.dropFirst().first, mask.allSatisfy(\.isNumber), let last = mask.last,
                    let digit = last.wholeNumberValue, digit & 2 == 0
                {
                    return "umask \(mask)"
                }
            default:
                break
            }
        }
        return nil
    }

    private static func optionValue(_ names: [String], in args: [String]) -> String? {
        for (i, a) in args.enumerated() {
            if names.contains(a), i + 1 < args.count { return args[i + 1] }
            for n in names where a.hasPrefix(n + "=") { return String(a.dropFirst(n.count + 1)) }
            if a.hasPrefix("-m"), a.count > 2, !a.hasPrefix("--") { return String(a.dropFirst(2)) }
        }
        return nil
    }

    /// True for an octal mode whose "others" digit has the write bit and no sticky bit, or a symbolic mode
    /// that adds write for others (`o+w`, `a+w`, `a=rwx`, `ugo+rw`), again without `+t`.
    static func isWorldWritable(mode: String) -> Bool {
        if !mode.isEmpty, mode.allSatisfy({ $0 >= "0" && $0 <= "7" }) {
            guard mode.count >= 3, let others = mode.last?.wholeNumberValue else { return false }
            let sticky = mode.count >= 4 && (mode.dropLast(3).last?.wholeNumberValue ?? 0) & 1 == 1
            return others & 2 != 0 && !sticky
        }
        var writable = false
        var sticky = false
        for clause in mode.split(separator: ",") {
            guard let opIndex = clause.firstIndex(where: { $0 == "+" || $0 == "=" || $0 == "-" }) else { return false }
            let who = clause[..<opIndex]
            guard who.allSatisfy({ "ugoa".contains($0) }) else { return false }
            let op = clause[opIndex]
            let perms = clause[clause.index(after: opIndex)...]
            guard op != "-" else { continue }
            if perms.contains("t") { sticky = true }
            if perms.contains("w"), who.contains("o") || who.contains("a") { writable = true }
        }
        return writable && !sticky
    }
}
