import DockerfileSyntax
public import SecurityModel

/// DF5003: a build argument with a secret-like name (`ARG NPM_TOKEN`) that a later `RUN` (or `ENV`) of the
/// same stage uses. Build-argument values are recorded in the image history and, through `ENV`, in the image
/// configuration; BuildKit secret mounts are not.
public struct SecretBuildArgument: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5003",
        slug: "secret-build-arg",
        title: "Secret passed as a build argument",
        severity: .medium,
        remediation:
            "Do not pass credentials with `--build-arg`: their values end up in `docker history`. Use "
            + "`RUN --mount=type=secret,id=<name>` (and `docker build --secret id=<name>,env=<VAR>`) so the "
            + "secret is only visible to the command that needs it.",
        references: [
            "https://docs.docker.com/build/building/secrets/",
            "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
        ],
        tags: ["security", "secrets"]
    )

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
                    // `ARG SECRET_KEY_BASE=dummy`: a deliberate build-time placeholder.
                    if let value = pair.value, !value.isEmpty, SecretKeyNames.isObviouslyNotSecret(value),
                        !value.contains("$")
                    {
                        continue
                    }
                    secretArgs.insert(pair.key)
                }
            case .run:
                let used = VariableReferenceScanner.referenced(secretArgs, in: instruction.executedScriptText)
                if !used.isEmpty {
                    let message = "RUN uses \(Self.describe(used)); the value is recorded in the image history"
                    result.append(Violation(instruction, message))
                }
            case .env:
                let text = instruction.keyValuePairs.map { $0.rawValue ?? "" }.joined(separator: " ")
                let used = VariableReferenceScanner.referenced(secretArgs, in: text)
                if !used.isEmpty {
                    let message = "ENV copies \(Self.describe(used)) into the image configuration"
                    result.append(Violation(instruction, message))
                }
            default:
                break
            }
        }
        return result
    }

    /// `build argument NPM_TOKEN that looks like a secret` / `build arguments A, B that look like secrets`.
    private static func describe(_ names: [String]) -> String {
        let list = names.joined(separator: ", ")
        return names.count == 1
            ? "build argument \(list) that looks like a secret"
            : "build arguments \(list) that look like secrets"
    }
}
