/// The kinds of credential files the secret-file check knows, and how each is recognised by path.
enum SecretFileKind: String, Sendable, CaseIterable {
    case sshPrivateKey = "SSH private key"
    case privateKey = "Private key"
    case awsCredentials = "AWS credentials"
    case gcpServiceAccountKey = "Google Cloud service-account key"
    case gcloudCredentials = "gcloud CLI credentials"
    case azureTokens = "Azure CLI tokens"
    case kubeconfig = "Kubernetes credentials (kubeconfig)"
    case dotenv = ".env file with secrets"
    case npmrc = "npm registry token"
    case yarnrc = "Yarn registry token"
    case pypirc = "PyPI credentials"
    case pipConfiguration = "pip index credentials"
    case netrc = ".netrc password"
    case dockerConfig = "Docker registry credentials"
    case gitCredentials = "Git credentials"
    case gemCredentials = "RubyGems API key"
    case mavenSettings = "Maven server password"
    case shellHistory = "Command history"
    case keystore = "PKCS#12 key store"
    case openVPN = "OpenVPN private key"
    case credentialsFile = "Credentials file"

    private static let sshKeyNames = [
        "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk", "identity",
    ]
    private static let historyNames = [
        ".bash_history", ".ash_history", ".sh_history", ".zsh_history", ".ksh_history", ".history", ".mysql_history",
        ".psql_history", ".python_history", ".node_repl_history", ".rediscli_history", ".sqlite_history",
        ".lesshst", ".irb_history", ".mongosh_history", ".dbshell",
    ]
    private static let credentialNames = [
        "credentials.json", "credentials.yml", "credentials.yaml", "credentials.xml", "credential.json",
        "secrets.json", "secrets.yml", "secrets.yaml", "secrets.env", "password.txt", "passwords.txt",
        "secret_token.rb",
    ]
    private static let gcloudNames = [
        "application_default_credentials.json", "credentials.db", "access_tokens.db", "adc.json",
    ]
    private static let azureNames = [
        "accessTokens.json", "msal_token_cache.json", "msal_token_cache.bin", "service_principal_entries.json",
    ]
    private static let dotenvTemplates: Set<String> = [
        "example", "sample", "template", "dist", "defaults", "default", "schema", "tpl", "tmpl",
    ]

    /// What an exact base name suggests, before the path is looked at.
    private enum NameHint {
        case kind(SecretFileKind)
        case sshKey, gcloud, azure, credentialsOrConfig, dockerConfig, mavenSettings
    }

    /// Exact base names, keyed by their bytes (hashing `[UInt8]` is much cheaper than hashing strings).
    private static let exactNames: [[UInt8]: NameHint] = {
        var table: [[UInt8]: NameHint] = [:]
        func put(_ names: [String], _ hint: NameHint) { for n in names { table[Array(n.utf8)] = hint } }
        put(historyNames, .kind(.shellHistory))
        put(sshKeyNames, .sshKey)
        put(credentialNames, .kind(.credentialsFile))
        put(gcloudNames, .gcloud)
        put(azureNames, .azure)
        put([".env"], .kind(.dotenv))
        put([".npmrc", "npmrc"], .kind(.npmrc))
        put([".yarnrc", ".yarnrc.yml"], .kind(.yarnrc))
        put([".pypirc"], .kind(.pypirc))
        put([".netrc", "_netrc"], .kind(.netrc))
        put([".git-credentials"], .kind(.gitCredentials))
        put(["pip.conf", "pip.ini"], .kind(.pipConfiguration))
        put(["credentials", "config"], .credentialsOrConfig)
        put(["config.json"], .dockerConfig)
        put(["settings.xml"], .mavenSettings)
        return table
    }()

    private static let extensions: [[UInt8]: SecretFileKind] = [
        Array(".pem".utf8): .privateKey, Array(".key".utf8): .privateKey, Array(".p8".utf8): .privateKey,
        Array(".ppk".utf8): .privateKey, Array(".p12".utf8): .keystore, Array(".pfx".utf8): .keystore,
        Array(".ovpn".utf8): .openVPN, Array(".json".utf8): .gcpServiceAccountKey,
    ]

    /// The kind of credential file `path` may be, judged by its path alone. Cheap: it runs for every path
    /// while layers stream by, so it works on bytes and hashes only byte arrays.
    static func candidate(for path: String) -> SecretFileKind? {
        let base = PathFacts.baseName(path)
        let bytes = Array(base.utf8)
        guard let first = bytes.first else { return nil }
        if let hint = exactNames[bytes] {
            switch hint {
            case .kind(let kind):
                return kind
            case .sshKey:
                return base == "identity" && !path.hasSuffix("/.ssh/identity") ? nil : .sshPrivateKey
            case .gcloud:
                return PathFacts.contains(path, "/.config/gcloud/") ? .gcloudCredentials : nil
            case .azure:
                return PathFacts.contains(path, "/.azure/") ? .azureTokens : nil
            case .credentialsOrConfig:
                if path.hasSuffix("/.aws/credentials") || path.hasSuffix("/.aws/config") { return .awsCredentials }
                if path.hasSuffix("/.kube/config") { return .kubeconfig }
                if path.hasSuffix("/.gem/credentials") { return .gemCredentials }
                return base == "credentials" ? .credentialsFile : nil
            case .dockerConfig:
                return path.hasSuffix("/.docker/config.json") ? .dockerConfig : nil
            case .mavenSettings:
                return path.hasSuffix("/.m2/settings.xml") ? .mavenSettings : nil
            }
        }
        if first == UInt8(ascii: "."), bytes.count > 5, bytes[1...4].elementsEqual("env.".utf8) {
            let variant = String(decoding: bytes[5...], as: UTF8.self)
            return dotenvTemplates.contains(variant) ? nil : .dotenv
        }
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), bytes.count - dot <= 5,
            let kind = extensions[Array(bytes[dot...])]
        else { return nil }
        if kind == .gcpServiceAccountKey { return isServiceAccountKeyName(base) ? kind : nil }
        return kind
    }

    /// Names Google Cloud key files usually have: `service-account*.json`, `*-key.json`, `key.json`,
    /// `gcp*.json`, `<project>-<12 hex digits>.json` (the name the console downloads).
    private static func isServiceAccountKeyName(_ base: Substring) -> Bool {
        let stem = base.dropLast(".json".count).lowercased()
        for marker in ["service-account", "service_account", "serviceaccount", "keyfile"]
        where PathFacts.contains(stem, marker) {
            return true
        }
        if stem == "key" || stem.hasSuffix("-key") || stem.hasSuffix("_key") || stem.hasPrefix("gcp")
            || stem.hasPrefix("gcloud")
        {
            return true
        }
        if let dash = stem.lastIndex(of: "-") {
            let suffix = stem[stem.index(after: dash)...]
            return suffix.count == 12 && suffix.allSatisfy { $0.isHexDigit }
        }
        return false
    }

    /// Kinds whose name alone is not evidence: found inside package, test and documentation trees they
    /// are fixtures, not the image's own secrets.
    var ignoredInThirdPartyTrees: Bool {
        switch self {
        case .sshPrivateKey, .privateKey, .dotenv, .keystore, .openVPN, .gcpServiceAccountKey, .credentialsFile,
            .npmrc, .yarnrc, .pipConfiguration:
            true
        default: false
        }
    }

    /// Kinds reported by name when their content cannot be read (the name is strong evidence by itself).
    var reportableWithoutContent: Bool {
        switch self {
        case .gcloudCredentials, .azureTokens, .shellHistory, .keystore: true
        default: false
        }
    }

    /// Kinds whose content is never needed.
    var needsContent: Bool {
        switch self {
        case .gcloudCredentials, .azureTokens, .keystore: false
        default: true
        }
    }
}
