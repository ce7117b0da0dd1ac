import DockerfileSyntax
public import SecurityModel

/// DF3043 (hadolint DL3043): `ONBUILD` triggers `ONBUILD`, `FROM` or `MAINTAINER`.
///
/// BuildKit does not allow these instructions as ONBUILD triggers.
public struct OnbuildTriggerAllowed: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3043",
        slug: "onbuild-forbidden-trigger",
        aliases: ["DL3043"],
        title: "ONBUILD triggers ONBUILD, FROM or MAINTAINER",
        severity: .high,
        remediation: "Remove the trigger; these instructions cannot run from ONBUILD.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3043"],
        tags: ["correctness"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            guard ins.kind == .onbuild, let trigger = ins.trigger,
                [.onbuild, .from, .maintainer].contains(trigger.kind)
            else { return nil }
            return Violation(ins, "ONBUILD cannot trigger \(trigger.kind.rawValue)")
        }
    }
}
