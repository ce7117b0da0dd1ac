public import SecurityModel

/// IMG1006: secrets in the image configuration: environment variables, labels and the build history
/// (`ENV`/`ARG` steps, build arguments recorded with RUN steps, credentials on command lines). dockle
/// CIS-DI-0010, CIS Docker Benchmark 4.10.
///
/// A value counts when its name is sensitive (`DB_PASSWORD`, `API_KEY`, `--password`) and the value is a
/// literal (not empty, not `$VAR`, not a path or boolean), or when the value has the shape of a known
/// credential (AWS key, GitHub/GitLab/Slack token, JWT, private key, password in a URL) whatever its name.
/// Messages name the variable and the kind of secret, never the value.
public struct SecretInConfiguration: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1006",
        slug: "secret-in-configuration",
        title: "Secret in the image configuration or history",
        severity: .high,
        dockle: "CIS-DI-0010",
        cis: "4.10",
        remediation:
            "Rotate the exposed credential first: anyone who can pull the image can read its configuration and "
            + "history. Then pass secrets at run time (orchestrator secrets, mounted files) and at build time "
            + "with `RUN --mount=type=secret`, never with ENV, ARG or LABEL.",
        tags: ["security", "secrets"]
    )

    /// Names that hold public material although they look sensitive (dockle's accepted keys).
    private static let acceptedNames: Set<String> = ["GPG_KEY", "GPG_KEYS"]

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        var reportedEnv: Set<String> = []
        for (index, variable) in input.metadata.env.enumerated() {
            let (name, value) = Self.split(variable, separator: "=")
            guard let kinds = Self.secretKinds(name: name, value: value) else { continue }
            reportedEnv.insert(variable)
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(fieldPath: "config.Env[\(index)]"),
                    message: "Environment variable \(name) holds \(kinds) (value redacted)"
                )
            )
        }
        for (name, value) in input.metadata.labels.sorted(by: { $0.key < $1.key }) {
            guard let kinds = Self.secretKinds(name: name, value: value) else { continue }
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(fieldPath: "config.Labels[\(name)]"),
                    message: "Label \(name) holds \(kinds) (value redacted)"
                )
            )
        }
        for step in input.history {
            var hits = SecretText.find(in: step.createdBy)
            // An ENV step whose value is still in the configuration was reported above.
            if step.instruction == "ENV" {
                hits.removeAll { hit in
                    guard let name = hit.name else { return false }
                    return reportedEnv.contains("\(name)=\(hit.value)")
                }
            }
            guard !hits.isEmpty else { continue }
            findings.append(
                Finding(
                    rule: descriptor,
                    location: input.location(of: step),
                    message: "History step \(step.index) (\(step.instruction)) contains \(Self.describe(hits)) "
                        + "(redacted)"
                )
            )
        }
        return findings
    }

    /// A description of the secret in `name`=`value`, or nil when there is none.
    static func secretKinds(name: String, value: String) -> String? {
        guard !acceptedNames.contains(name) else { return nil }
        let patterns = SecretPatterns.scan(value)
        if !patterns.isEmpty { return kindList(patterns.map(\.kind)) }
        if SecretKeyNames.holdsSecret(name: name, value: value) {
            return "a hard-coded secret"
        }
        return nil
    }

    /// `a GitHub token`, `an AWS access key ID and a password in URL`.
    static func kindList(_ kinds: [String]) -> String {
        var seen: [String] = []
        for kind in kinds where !seen.contains(kind) { seen.append(kind) }
        let phrases = seen.map { kind in
            let vowel = kind.first.map { "aeiouAEIOU".contains($0) } ?? false
            return (vowel ? "an " : "a ") + kind
        }
        if phrases.count <= 1 { return phrases.first ?? "a secret" }
        return phrases.dropLast().joined(separator: ", ") + " and " + (phrases.last ?? "")
    }

    /// `a hard-coded value for DB_PASSWORD, a GitHub token`.
    static func describe(_ hits: [SecretText.Hit]) -> String {
        var parts: [String] = []
        for hit in hits {
            let part: String
            if let name = hit.name {
                part = hit.kind == "hard-coded value" ? "a hard-coded value for \(name)" : "a \(hit.kind) (\(name))"
            } else {
                part = kindList([hit.kind])
            }
            if !parts.contains(part) { parts.append(part) }
        }
        if parts.count <= 1 { return parts.first ?? "a secret" }
        return parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
    }

    static func split(_ text: String, separator: Character) -> (String, String) {
        guard let i = text.firstIndex(of: separator) else { return (text, "") }
        return (String(text[..<i]), String(text[text.index(after: i)...]))
    }
}
