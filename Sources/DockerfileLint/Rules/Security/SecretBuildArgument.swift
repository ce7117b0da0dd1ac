public import SecurityModel
import DockerfileSyntax

/// DF5003: a build argument with a secret-like name (`ARG NPM_TOKEN`) that a later `RUN` (or `ENV`) of the
/// same stage uses. Build-argument values are recorded in the image history and, through `ENV`, in the image
/// configuration; BuildKit secret mounts are not.
public struct SecretBuildArgument: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5003", slug: "secret-build-arg", title: "Secret passed as a build argument", severity: .medium,
        remediation:
            "Do not pass credentials with `--build-arg`: their values end up in `docker history`. Use "
            + "`RUN --mount=type=secret,id=<name>` (and `docker build --secret id=<name>,env=<VAR>`) so the "
            + "secret is only visible to the command that needs it.",
        references: [
            "https://docs.docker.com/build/building/secrets/",
            "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
        ],
        tags: ["security", "secrets"])

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        let extra = context.settings.extraSecretKeys
        var secretArgs: Set<String> = []
        for instruction in context.instructions {
            switch instruction.kind {
            case .from:
                secretArgs = []
            case .arg:
                for pair in instruction.keyValuePairs where SecretKeyNames.isSensitive(pair.key, extra: extra) {
                    secretArgs.insert(pair.key)
                }
            case .run:
                let used = VariableReferences.referenced(secretArgs, in: instruction.runText)
                if !used.isEmpty {
                    result.append(
                        Violation(
                            instruction,
                            "RUN uses build argument\(used.count > 1 ? "s" : "") \(Self.list(used)) that look\(used.count > 1 ? "" : "s") like a secret; its value is recorded in the image history"
                        ))
                }
            case .env:
                let used = instruction.keyValuePairs.flatMap {
                    VariableReferences.referenced(secretArgs, in: $0.rawValue ?? "")
                }
                if !used.isEmpty {
                    result.append(
                        Violation(
                            instruction,
                            "ENV copies build argument\(used.count > 1 ? "s" : "") \(Self.list(used)) that look\(used.count > 1 ? "" : "s") like a secret into the image configuration"
                        ))
                }
            default:
                break
            }
        }
        return result
    }

    private static func list(_ names: [String]) -> String { names.joined(separator: ", ") }
}
