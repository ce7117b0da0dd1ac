public import SecurityModel

/// IMG2007: credential files in the image: private keys (`id_rsa`, `*.pem`/`*.key` with a PRIVATE KEY
/// header), cloud credentials (`~/.aws/credentials`, Google service-account keys, gcloud and Azure CLI
/// token stores, kubeconfigs with tokens), `.env` files with secret values, registry tokens (`.npmrc`,
/// `.yarnrc.yml`, `.pypirc`, `pip.conf`, `.netrc`, `.docker/config.json` auths, `.git-credentials`,
/// `.gem/credentials`, Maven `settings.xml`), PKCS#12 key stores and shell history files. dockle
/// CIS-DI-0010, CIS Docker Benchmark 4.10.
///
/// Every candidate is confirmed by its content where the name alone is weak evidence, and candidates in
/// package, test and documentation trees are skipped. Messages give the path and the kind of secret,
/// never its value.
public struct SecretFile: ImageCheck {
    public init() {}

    /// Largest file whose content is examined.
    public static let contentLimit = 4 << 20

    public let descriptor = RuleDescriptor.image(
        id: "IMG2007",
        slug: "secret-file",
        title: "Credential file in the image",
        severity: .high,
        dockle: "CIS-DI-0010",
        cis: "4.10",
        remediation:
            "Treat the credential as leaked and rotate it. Keep such files out of the build context "
            + "(`.dockerignore`), pass build-time secrets with `RUN --mount=type=secret,id=…`, and provide run-time "
            + "secrets as mounted files or orchestrator secrets. Deleting the file in a later layer does not help: "
            + "the earlier layer still contains it.",
        tags: ["security", "secrets"]
    )

    public func isRequired(_ path: String) -> Bool {
        guard let kind = SecretFileKind.candidate(for: path) else { return false }
        return kind.needsContent && !(kind.ignoredInThirdPartyTrees && PathFacts.isThirdParty(path))
    }

    public func check(_ input: ImageCheckInput) -> [Finding] {
        var findings: [Finding] = []
        for entry in input.entries where PathFacts.isFile(entry) {
            // A hard link has no size of its own in a tar stream: its target's counts.
            let size =
                entry.kind == .hardlink ? entry.linkTarget.flatMap { input.tree.entry(at: $0)?.size } ?? 0 : entry.size
            guard size > 0 else { continue }
            guard let kind = SecretFileKind.candidate(for: entry.path) else { continue }
            if kind.ignoredInThirdPartyTrees && PathFacts.isThirdParty(entry.path) { continue }
            var content: [UInt8]?
            if kind.needsContent { content = try? input.tree.contents(of: entry.path, limit: Self.contentLimit) }
            guard let verdict = Self.examine(kind, content: content) else { continue }
            let detail = verdict.detail.map { " (\($0))" } ?? ""
            findings.append(
                Finding(
                    rule: descriptor,
                    severity: verdict.severity,
                    location: input.location(of: entry),
                    message: "\(kind.rawValue) in \(entry.path)\(detail); contents redacted"
                )
            )
        }
        return findings
    }

    /// What a candidate turned out to be: nil when it holds no secret.
    struct Verdict {
        var severity: Severity?
        var detail: String?
    }

    static func examine(_ kind: SecretFileKind, content: [UInt8]?) -> Verdict? {
        guard let content else {
            return kind.reportableWithoutContent
                ? Verdict(severity: kind == .shellHistory || kind == .keystore ? .medium : nil, detail: nil) : nil
        }
        switch kind {
        case .sshPrivateKey, .privateKey, .openVPN:
            return SecretPatterns.containsPrivateKey(content) ? Verdict() : nil
        case .gcloudCredentials, .azureTokens:
            return Verdict()
        case .keystore:
            return Verdict(severity: .medium)
        case .shellHistory:
            let hits = SecretText.find(in: String(decoding: content, as: UTF8.self))
            if hits.isEmpty { return Verdict(severity: .medium) }
            return Verdict(detail: "with \(hits.count) secret-looking " + (hits.count == 1 ? "value" : "values"))
        case .awsCredentials:
            let names = secretNames(in: content) { name in
                let n = name.lowercased()
                return n == "aws_secret_access_key" || n == "aws_session_token" || n == "aws_security_token"
            }
            return names.isEmpty ? nil : Verdict(detail: "keys: " + names.joined(separator: ", "))
        case .kubeconfig:
            let names = secretNames(in: content) { name in
                ["client-key-data", "token", "password", "id-token", "refresh-token", "access-token"].contains(name)
            }
            return names.isEmpty ? nil : Verdict(detail: "keys: " + names.joined(separator: ", "))
        case .npmrc, .yarnrc:
            let names = secretNames(in: content) { name in
                let key = name.split(separator: ":").last.map(String.init) ?? name
                return ["_authToken", "_auth", "_password", "npmAuthToken", "npmAuthIdent"].contains(key)
            }
            return names.isEmpty && SecretPatterns.scan(bytes: content).isEmpty ? nil : Verdict()
        case .pypirc:
            let names = secretNames(in: content) { $0.lowercased() == "password" }
            return names.isEmpty ? nil : Verdict()
        case .pipConfiguration, .gitCredentials:
            let kinds = SecretPatterns.scan(bytes: content).map(\.kind)
            return kinds.isEmpty ? nil : Verdict(detail: SecretInConfiguration.kindList(kinds))
        case .netrc:
            return netrcHasPassword(content) ? Verdict() : nil
        case .gemCredentials:
            let names = secretNames(in: content) { $0.hasSuffix("api_key") }
            return names.isEmpty ? nil : Verdict()
        case .mavenSettings:
            return mavenHasPassword(content) ? Verdict() : nil
        case .dockerConfig:
            let registries = dockerRegistriesWithCredentials(content)
            return registries.isEmpty ? nil : Verdict(detail: "registries: " + registries.joined(separator: ", "))
        case .gcpServiceAccountKey:
            guard let json = try? JSONParser.parse(bytes: content), json["type"]?.stringValue == "service_account",
                let key = json["private_key"]?.stringValue, !key.isEmpty
            else { return nil }
            return Verdict()
        case .dotenv, .credentialsFile:
            let text = String(decoding: content, as: UTF8.self)
            var names: [String] = []
            for pair in KeyValueLines.parse(text)
            where SecretInConfiguration.secretKinds(name: pair.name, value: pair.value) != nil {
                if !names.contains(pair.name) { names.append(pair.name) }
            }
            let patterns = SecretPatterns.scan(text).map(\.kind)
            if names.isEmpty && patterns.isEmpty { return nil }
            if names.isEmpty { return Verdict(detail: SecretInConfiguration.kindList(patterns)) }
            return Verdict(
                detail: "keys: " + names.prefix(10).joined(separator: ", ") + (names.count > 10 ? ", …" : "")
            )
        }
    }

    /// Names of `name = value` lines matching `isSecretName` whose value is a literal.
    private static func secretNames(in content: [UInt8], where isSecretName: (String) -> Bool) -> [String] {
        var names: [String] = []
        for pair in KeyValueLines.parse(String(decoding: content, as: UTF8.self))
        where isSecretName(pair.name) && SecretValues.isLiteral(pair.value) && !pair.value.hasPrefix("${") {
            let shown = pair.name.split(separator: ":").last.map(String.init) ?? pair.name
            if !names.contains(shown) { names.append(shown) }
        }
        return names
    }

    /// `machine host login user password secret` with a literal password.
    private static func netrcHasPassword(_ content: [UInt8]) -> Bool {
        let words = String(decoding: content, as: UTF8.self).split(whereSeparator: {
            $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r"
        })
        for (i, word) in words.enumerated() where word == "password" && i + 1 < words.count {
            if SecretValues.isLiteral(String(words[i + 1])) { return true }
        }
        return false
    }

    /// `<password>literal</password>`; `${env.X}` references and `{…}` (encrypted) values do not count.
    private static func mavenHasPassword(_ content: [UInt8]) -> Bool {
        let text = String(decoding: content, as: UTF8.self)
        var rest = Substring(text)
        while let open = rest.firstRange(of: "<password>") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstRange(of: "</password>") else { return false }
            let value = rest[..<close.lowerBound].trimmingSpaces
            if !value.isEmpty, !value.hasPrefix("${"), !value.hasPrefix("{") { return true }
            rest = rest[close.upperBound...]
        }
        return false
    }

    /// Registries in `auths` with an `auth`, `identitytoken`, `registrytoken` or `password`.
    private static func dockerRegistriesWithCredentials(_ content: [UInt8]) -> [String] {
        guard let json = try? JSONParser.parse(bytes: content), case .object(let auths)? = json["auths"] else {
            return []
        }
        var registries: [String] = []
        for (registry, value) in auths {
            let hasSecret = ["auth", "identitytoken", "registrytoken", "password"].contains { key in
                guard let secret = value[key]?.stringValue else { return false }
                return !secret.isEmpty
            }
            if hasSecret { registries.append(SecretText.redact(RemoteAdd.withoutUserInfo(registry))) }
        }
        return registries
    }
}
