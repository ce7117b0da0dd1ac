import DockerfileSyntax
public import SecurityModel

/// DF5001: a credential written into `ENV`, `ARG` or `LABEL`, found by a secret-like name with a literal
/// value or by the shape of the value (AWS keys, private keys, GitHub/GitLab/Slack tokens, JWTs, URL
/// passwords). The value is never shown: it is returned in ``Violation/redactions``.
public struct HardcodedSecret: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5001",
        slug: "hardcoded-secret",
        title: "Secret hard-coded in ENV, ARG or LABEL",
        severity: .high,
        remediation:
            "Remove the value from the Dockerfile and rotate it. Pass secrets at build time with "
            + "`RUN --mount=type=secret,id=…` and at run time through the orchestrator's secret store or a "
            + "`*_FILE` variable pointing at a mounted file.",
        references: [
            "https://docs.docker.com/build/building/secrets/",
            "https://cwe.mitre.org/data/definitions/798.html",
        ],
        tags: ["security", "secrets"]
    )

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        for instruction in context.instructions {
            let target = instruction.trigger ?? instruction
            guard target.kind == .env || target.kind == .arg || target.kind == .label else { continue }
            let keyword = target.kind.rawValue
            for pair in target.keyValuePairs {
                guard let value = pair.value, !value.isEmpty else { continue }
                let finding = Self.secret(
                    key: pair.key,
                    value: value,
                    rawValue: pair.rawValue,
                    extra: context.settings.extraSecretKeys
                )
                if let finding {
                    var redactions = finding.redactions
                    if let raw = pair.rawValue, raw != value, !raw.isEmpty, finding.redactsWholeValue {
                        redactions.append(raw)
                    }
                    result.append(
                        Violation(
                            instruction,
                            "\(keyword) \(pair.key) holds a hard-coded \(finding.kind)",
                            redactions: redactions
                        )
                    )
                }
            }
        }
        return result
    }

    struct Finding {
        var kind: String
        var redactions: [String]
        var redactsWholeValue: Bool
    }

    /// The secret in `key=value`, if any: a known credential format anywhere in the value, else a literal
    /// value under a secret-like name.
    static func secret(key: String, value: String, rawValue: String? = nil, extra: [String]) -> Finding? {
        // Scan the text as written (so redactions match the source) and the processed value.
        var matches = rawValue.map(SecretScanner.scan) ?? []
        for m in SecretScanner.scan(value) where !matches.contains(m) { matches.append(m) }
        if !matches.isEmpty {
            var kinds: [String] = []
            for m in matches where !kinds.contains(m.kind) { kinds.append(m.kind) }
            var redactions: [String] = []
            for r in matches.flatMap({ SecretScanner.redactions(for: $0.value) }) where !redactions.contains(r) {
                redactions.append(r)
            }
            return Finding(kind: kinds.joined(separator: " and "), redactions: redactions, redactsWholeValue: false)
        }
        guard SecretKeyNames.isSensitive(key, extra: extra), SecretScanner.isLiteralSecret(value),
            !SecretKeyNames.isObviouslyNotSecret(value)
        else {
            return nil
        }
        let segments = SecretKeyNames.segments(key)
        let kind: String
        if segments.contains("aws"), segments.contains("secret"), value.count == 40 {
            kind = "AWS secret access key"
        } else if value.count >= 16, SecretScanner.entropy(value) >= 3.5 {
            kind = "high-entropy secret (secret-like name)"
        } else {
            kind = "secret (literal value for a secret-like name)"
        }
        return Finding(kind: kind, redactions: SecretScanner.redactions(for: value), redactsWholeValue: true)
    }
}
