import DockerfileSyntax
public import SecurityModel

/// DF4001 (hadolint DL4001): flags RUNs of a stage that uses both wget and curl.
///
/// Every RUN that uses either tool is reported once both have been seen in the stage (the first
/// use of the other tool included); ONBUILD triggers are tracked on their own, across stages.
public struct WgetAndCurl: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF4001",
        slug: "wget-or-curl",
        aliases: ["DL4001"],
        title: "Both wget and curl used",
        severity: .medium,
        enabledByDefault: true,
        remediation: "Settle on one download tool (curl or wget) per image.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL4001"],
        tags: ["best-practice", "image-size"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        var seen: Set<String> = []
        var seenOnbuild: Set<String> = []
        for instruction in context.instructions {
            if instruction.kind == .from {
                seen = []
            } else if instruction.kind == .run {
                if Self.record(context.shell(of: instruction), in: &seen) {
                    result.append(Violation(instruction, descriptor.title))
                }
            } else if let trigger = instruction.trigger, trigger.kind == .run {
                if Self.record(context.triggerShell(of: instruction), in: &seenOnbuild) {
                    result.append(Violation(instruction, descriptor.title))
                }
            }
        }
        return result
    }

    /// Adds the tools `shell` uses to `seen`; true when it uses one and both are now seen.
    private static func record(_ shell: ExtractedShell, in seen: inout Set<String>) -> Bool {
        let used = Set(shell.commands.map(\.name).filter { $0 == "curl" || $0 == "wget" })
        seen.formUnion(used)
        return !used.isEmpty && seen.count >= 2
    }
}
