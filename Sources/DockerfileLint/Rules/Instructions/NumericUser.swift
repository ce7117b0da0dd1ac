import DockerfileSyntax
public import SecurityModel

/// DF3066 (hadolint DL3066): `USER` names a user rather than a numeric id.
///
/// A name is resolved inside the image, while tools outside it (Kubernetes `runAsNonRoot`, volume
/// ownership) only see numbers. As in hadolint, only the part before `:` must be numeric, and a
/// value that refers to a declared `ARG` (`$UID`, `${UID}`) is accepted.
public struct NumericUser: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3066",
        slug: "non-numeric-user",
        aliases: ["DL3066"],
        title: "USER is not a numeric id",
        severity: .low,
        remediation: "Use the numeric id, e.g. `USER 10001` or `USER 10001:10001`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3066"],
        tags: ["security", "kubernetes"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var args: [String] = []
        var result: [Violation] = []
        for ins in context.instructions {
            switch ins.kind {
            case .arg:
                if let name = HadolintArguments.argumentName(ins) { args.append(name) }
            case .user:
                let user = HadolintArguments.restOfLine(ins)
                let uid = user.split(separator: ":", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                if uid.allSatisfy({ $0.isASCII && $0.isNumber }) { continue }
                if args.contains(where: { user.contains("${\($0)}") || user.contains("$\($0)") }) { continue }
                result.append(Violation(ins, "USER '\(user)' is not a numeric id; use the UID"))
            default:
                continue
            }
        }
        return result
    }
}
