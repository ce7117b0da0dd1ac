import DockerfileSyntax
public import SecurityModel

/// DF3059 (hadolint DL3059): flags a RUN that directly follows another RUN when both are single
/// commands with the same flags.
///
/// As in hadolint: comments and blank lines between the two do not separate them; any other
/// instruction (ONBUILD included) does; a RUN with two or more commands, or a different `--mount`/
/// `--network`/`--security`, is taken as deliberate and not reported, and neither is the RUN after it.
public struct ConsecutiveRuns: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3059",
        slug: "consolidate-consecutive-runs",
        aliases: ["DL3059"],
        title: "Consecutive RUN instructions could be merged",
        severity: .low,
        enabledByDefault: true,
        remediation: "Join consecutive RUN instructions with && into one to save layers.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3059"],
        tags: ["best-practice", "image-size"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        var previous: (flags: Set<String>, commands: Int)? = nil
        for instruction in context.instructions {
            guard instruction.kind == .run else {
                previous = nil
                continue
            }
            let flags = Self.normalizedFlags(instruction)
            let commands = context.shell(of: instruction).commandCount
            if let previous, previous.flags == flags, commands < 2, previous.commands < 2 {
                result.append(Violation(instruction, descriptor.title))
            } else {
                previous = (flags, commands)
            }
        }
        return result
    }

    /// RUN flags compared as hadolint's parsed flags: mount options in any order.
    private static func normalizedFlags(_ run: Instruction) -> Set<String> {
        Set(
            run.flags.map { flag in
                let value = flag.value ?? ""
                let normalized =
                    flag.name == "mount" ? value.split(separator: ",").sorted().joined(separator: ",") : value
                return flag.name + "=" + normalized
            }
        )
    }
}
