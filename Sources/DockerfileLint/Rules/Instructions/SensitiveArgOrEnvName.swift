import DockerfileSyntax
public import SecurityModel

/// DF3064 (hadolint DL3064): `ARG` or `ENV` names that suggest secrets.
///
/// Build arguments and environment variables end up in the image metadata and history, so tokens
/// and passwords passed that way leak. Uses hadolint's list of well-known names (`GITHUB_TOKEN`,
/// `AWS_SECRET_ACCESS_KEY`, …) and its suspicious parts (`password`, `secret`, `token`,
/// `api_key`, …, compared without letter case). `ONBUILD ARG`/`ONBUILD ENV` are checked too.
public struct SensitiveArgOrEnvName: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF3064",
        slug: "sensitive-arg-env-name",
        aliases: ["DL3064"],
        title: "ARG or ENV name suggests sensitive data",
        severity: .medium,
        remediation: "Pass secrets with `RUN --mount=type=secret` (or at run time), not as ARG or ENV.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3064"],
        tags: ["security", "secrets"]
    )

    /// Names hadolint knows to hold credentials.
    static let knownSensitiveNames: Set<String> = [
        "ACCESS_TOKEN", "APPLICATION_KEY", "APP_SECRET", "AUTH_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
        "BITTREX_API_KEY", "BITTREX_API_SECRET", "CF_PASSWORD", "CF_USERNAME", "CIRCLE_TOKEN", "CI_DEPLOY_PASSWORD",
        "CI_DEPLOY_USER", "DOCKERHUB_PASSWORD", "DOCKER_EMAIL", "DOCKER_PASSWORD", "DOCKER_USERNAME",
        "FACEBOOK_ACCESS_TOKEN", "FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET", "FIREBASE_API_TOKEN", "FIREBASE_TOKEN",
        "FOSSA_API_KEY", "GH_ENTERPRISE_TOKEN", "GH_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GITHUB_TOKEN",
        "HEROKU_API_KEY", "HEROKU_API_USER", "NPM_AUTH_TOKEN", "NPM_TOKEN", "OKTA_AUTHN_GROUPID",
        "OKTA_CLIENT_ORGURL", "OKTA_CLIENT_TOKEN", "OKTA_OAUTH2_CLIENTID", "OKTA_OAUTH2_CLIENTSECRET",
        "OPENAI_API_KEY", "OS_PASSWORD", "OS_USERNAME", "POSTGRES_PASSWORD", "SLACK_TOKEN", "STRIPE_API_KEY",
        "STRIPE_DEVICE_NAME", "TRAVIS_OS_NAME", "TRAVIS_SECURE_ENV_VARS", "TRAVIS_SUDO", "VAULT_CLIENT_KEY",
        "VAULT_TOKEN",
    ]

    /// Parts of a lower-cased name that suggest a secret.
    static let suspiciousParts = ["api_key", "client_key", "password", "private", "secret", "token", "username"]

    public func check(_ context: LintContext) -> [Violation] {
        context.instructions.compactMap { ins in
            let target = ins.kind == .onbuild ? ins.trigger : ins
            guard let target, let name = Self.sensitiveName(in: target) else { return nil }
            return Violation(ins, "\(target.kind.rawValue) '\(name)' looks like it holds sensitive data")
        }
    }

    /// The first sensitive-looking name an `ARG` or `ENV` defines.
    static func sensitiveName(in ins: Instruction) -> String? {
        let names: [String]
        switch ins.kind {
        case .arg: names = HadolintArguments.argumentName(ins).map { [$0] } ?? []
        case .env: names = HadolintArguments.pairs(ins)?.map(\.key) ?? []
        default: return nil
        }
        return names.first(where: isSensitive)
    }

    /// hadolint's test for one name.
    static func isSensitive(_ name: String) -> Bool {
        if knownSensitiveNames.contains(name.uppercased()) { return true }
        let lower = name.lowercased()
        return suspiciousParts.contains { lower.contains($0) }
    }
}
