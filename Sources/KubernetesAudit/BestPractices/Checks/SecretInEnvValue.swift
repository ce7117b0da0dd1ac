public import SecurityModel

/// `K8S-BP-015` (kube-linter `env-var-secret`): no environment variable whose name says it holds a secret
/// (`DB_PASSWORD`, `API_TOKEN`, `CLIENT_SECRET`, `AWS_SECRET_ACCESS_KEY`) has a literal `value`.
///
/// To keep false positives low, the name's last word decides (`PASSWORD_FILE` and `TOKEN_URL` pass), `KEY` counts
/// only after `API`, `ACCESS`, `SECRET`, `PRIVATE`… (`CACHE_KEY` passes), and values that are empty, booleans,
/// `$(VAR)` references or absolute paths pass. The value itself is never printed.
public struct SecretInEnvValue: ContainerBestPracticeCheck {
    public init() {}
    public let descriptor = RuleDescriptor.bestPractice(
        15,
        slug: "secret-in-env-value",
        aliases: ["env-var-secret"],
        title: "Secret written in an environment variable",
        severity: .high,
        remediation: """
            Move the value into a Secret and mount it as a file (or at least reference it):
            env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
            """,
        references: ["https://kubernetes.io/docs/concepts/configuration/secret/"],
        tags: ["security", "secrets"]
    )

    static let secretWords: Set<String> = [
        "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY", "CREDENTIAL", "CREDENTIALS",
    ]
    static let keyQualifiers: Set<String> = [
        "API", "ACCESS", "SECRET", "PRIVATE", "SIGNING", "ENCRYPTION", "AUTH", "MASTER", "CLIENT", "SESSION",
    ]

    /// True when `name` looks like the name of a secret.
    public static func isSecretName(_ name: String) -> Bool {
        let words = words(of: name)
        guard let last = words.last else { return false }
        if secretWords.contains(last) { return true }
        if last == "KEY", words.count >= 2, keyQualifiers.contains(words[words.count - 2]) { return true }
        return false
    }

    /// The upper-cased words of an identifier split at `_`, `-`, `.` and lower-to-upper case changes.
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousIsLower = false
        for character in name {
            if character == "_" || character == "-" || character == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousIsLower = false
                continue
            }
            if character.isUppercase, previousIsLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current += character.uppercased()
            previousIsLower = character.isLowercase
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// True when a literal value may be a real secret.
    static func mayBeSecret(_ value: String) -> Bool {
        let trimmed = value.trimmingSpaces
        if trimmed.count < 4 || trimmed.hasPrefix("/") || trimmed.hasPrefix("$(") || trimmed.hasPrefix("${") {
            return false
        }
        return !["true", "false", "yes", "no"].contains(trimmed.lowercased())
    }

    public func check(_ container: PodView.Container, in pod: PodView) -> Finding? {
        for (i, variable) in (container.value["env"]?.items ?? []).enumerated() {
            guard let name = variable["name"]?.stringValue, let value = variable["value"]?.stringValue,
                Self.isSecretName(name), Self.mayBeSecret(value)
            else { continue }
            return pod.finding(
                descriptor,
                fieldPath: "\(container.path).env[\(i)].value",
                container: container.name,
                message: "container '\(container.name)' sets environment variable \(name) to a literal value"
            )
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let start = firstIndex { !isSpace($0) } ?? endIndex
        let end = lastIndex { !isSpace($0) }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
