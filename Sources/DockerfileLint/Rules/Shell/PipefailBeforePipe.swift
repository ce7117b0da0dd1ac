import DockerfileSyntax
public import SecurityModel

/// DF4006 (hadolint DL4006): flags a RUN with a pipe when the stage's SHELL does not set
/// `-o pipefail`.
///
/// Follows hadolint: the state resets at every FROM; a SHELL of bash, zsh or ash (`/bin/…` or bare)
/// with `-o pipefail` turns the check off for the rest of the stage, a SHELL of pwsh, powershell or
/// cmd too, and any other SHELL turns it back on. `set -o pipefail` inside the RUN does not count,
/// pipes inside command substitutions do, pipes inside `sh -c '…'` strings do not, and ONBUILD
/// triggers are not checked.
public struct PipefailBeforePipe: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF4006",
        slug: "pipefail-before-pipe",
        aliases: ["DL4006"],
        title: "RUN with a pipe but no SHELL with -o pipefail",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (or ash on Alpine) before RUNs that "
            + "use pipes, so a failure on the left of a pipe fails the build.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL4006"],
        tags: ["best-practice"]
    )

    private static let pipefailShells: Set<String> = ["/bin/bash", "/bin/zsh", "/bin/ash", "bash", "zsh", "ash"]
    private static let nonPosixShells = ["pwsh", "powershell", "cmd"]

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        var safe = false
        for instruction in context.instructions {
            switch instruction.kind {
            case .from:
                safe = false
            case .shell:
                let shell = context.shell(of: instruction)
                if Self.nonPosixShells.contains(where: shell.original.hasPrefix) {
                    safe = true
                } else {
                    safe = shell.any { command in
                        Self.pipefailShells.contains(command.name) && command.hasFlag("o")
                            && command.arguments.contains("pipefail")
                    }
                }
            case .run:
                if !safe, context.shell(of: instruction).hasPipes {
                    result.append(Violation(instruction, descriptor.title))
                }
            default:
                break
            }
        }
        return result
    }
}
