public import SecurityModel

/// The explicit catalogue of image checks (`bulkhead image`), and helpers to run them.
///
/// Named `…Catalogue` rather than after the module, because a module never shares a name with a type in it
/// (house style); it plays the role `ImageChecks.all` would.
public enum ImageCheckCatalogue {
    /// Every image check, in id order.
    public static let all: [any ImageCheck] = {
        let checks: [any ImageCheck] = [
            RunsAsRoot(), MissingHealthcheck(), ContentTrustDisabled(), SensitiveVolume(), LatestTag(),
            SecretInConfiguration(),
            UpdateWithoutInstall(), AddInsteadOfCopy(), SudoInBuild(), DistUpgrade(), ApkAddWithoutNoCache(),
            AptListsNotRemoved(), RemoteAdd(),
            SetuidSetgidFile(), WorldWritable(), EmptyPassword(), DuplicateAccountID(), UnnecessaryFiles(),
            PackageManagerCache(), SecretFile(),
            CompilerPresent(), PackageManagerInDistroless(), DownloadToolPresent(), ShellPresent(),
            WastedSpace(),
        ]
        return checks.sorted { $0.descriptor.id < $1.descriptor.id }
    }()

    /// The descriptors of every check, for rule listings and SARIF.
    public static var descriptors: [RuleDescriptor] { all.map(\.descriptor) }

    /// True when any of `checks` reads the content of `path`: what the image reader must keep.
    public static func isRequired(_ path: String, checks: [any ImageCheck] = all) -> Bool {
        checks.contains { $0.isRequired(path) }
    }

    /// Runs `checks` over `input` and returns their findings in check order.
    ///
    /// As a last line of defence every message and snippet is passed through the redactor with the secret
    /// values found in the configuration and history, so no check can leak one by quoting it.
    public static func run(_ input: ImageCheckInput, checks: [any ImageCheck] = all) -> [Finding] {
        var findings = checks.flatMap { $0.check(input) }
        let secrets = knownSecrets(in: input)
        guard !secrets.isEmpty else { return findings }
        for i in findings.indices {
            findings[i].message = SecretText.redact(findings[i].message, values: secrets)
            if let snippet = findings[i].location.snippet {
                findings[i].location.snippet = SecretText.redact(snippet, values: secrets)
            }
        }
        return findings
    }

    /// Secret values present in the configuration: env, labels, history.
    static func knownSecrets(in input: ImageCheckInput) -> [String] {
        var values: [String] = []
        for variable in input.metadata.env {
            let (name, value) = SecretInConfiguration.split(variable, separator: "=")
            if SecretInConfiguration.secretKinds(name: name, value: value) != nil {
                values.append(SecretValues.unquoted(value))
                values += SecretPatterns.scan(value).map(\.value)
            }
        }
        for (name, value) in input.metadata.labels
        where SecretInConfiguration.secretKinds(name: name, value: value) != nil {
            values.append(SecretValues.unquoted(value))
            values += SecretPatterns.scan(value).map(\.value)
        }
        for step in input.history { values += SecretText.find(in: step.createdBy).map(\.value) }
        return values.filter { $0.count >= 4 }
    }
}
