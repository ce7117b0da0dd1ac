import DockerfileSyntax
public import SecurityModel

/// DF5002: a credential written literally into a `RUN` command: known token formats, `curl -u user:pass`,
/// `--password=…`-style options, `Authorization` headers, `export TOKEN=…`, or a password piped into
/// `chpasswd` / `--password-stdin`. The secrets are returned in ``Violation/redactions``, never shown.
public struct SecretInRunCommand: DockerfileRule {
    public init() {}

    public let descriptor = RuleDescriptor(
        id: "DF5002",
        slug: "secret-in-run",
        title: "Secret hard-coded in a RUN command",
        severity: .high,
        remediation:
            "Remove the credential from the command and rotate it: the command line is stored in the image "
            + "history. Mount it for the one command that needs it with `RUN --mount=type=secret,id=…` and read "
            + "it from `/run/secrets/<id>` (or `env=` in newer BuildKit).",
        references: [
            "https://docs.docker.com/build/building/secrets/",
            "https://cwe.mitre.org/data/definitions/798.html",
        ],
        tags: ["security", "secrets"]
    )

    /// First words of option names that switch a feature rather than pass a value (`--no-auth`).
    private static let negatingPrefixes: Set<String> = [
        "no", "without", "with", "skip", "disable", "enable", "use", "allow", "require", "ignore", "insecure",
    ]

    /// Commands that read a password on standard input.
    private static let passwordReaders: Set<String> = ["chpasswd", "chpass"]

    public func check(_ context: LintContext) -> [Violation] {
        var result: [Violation] = []
        let extra = context.settings.extraSecretKeys
        for instruction in context.instructions {
            let target = instruction.trigger ?? instruction
            guard target.kind == .run, let script = context.script(of: target) else { continue }
            var found = Found()
            for match in SecretScanner.scan(target.executedScriptText) { found.add(match.kind, match.value) }
            let commands = script.commands
            for (index, command) in commands.enumerated() {
                for assignment in command.assignments { Self.checkAssignment(assignment.value, extra, &found) }
                if ["export", "declare", "local", "readonly", "typeset", "env"].contains(command.baseName) {
                    for arg in command.arguments where arg.contains("=") {
                        Self.checkAssignment(arg, extra, &found)
                    }
                }
                Self.checkOptions(command, extra, &found)
                if index + 1 < commands.count, command.separator == .pipe {
                    Self.checkPipedPassword(from: command, into: commands[index + 1], &found)
                }
            }
            if !found.kinds.isEmpty {
                result.append(
                    Violation(
                        instruction,
                        "RUN contains a hard-coded secret: \(found.kinds.joined(separator: ", "))",
                        redactions: found.redactions
                    )
                )
            }
        }
        return result
    }

    struct Found {
        var kinds: [String] = []
        var redactions: [String] = []

        mutating func add(_ kind: String, _ secret: String) {
            if !kinds.contains(kind) { kinds.append(kind) }
            for r in SecretScanner.redactions(for: secret) where !redactions.contains(r) { redactions.append(r) }
        }
    }

    private static func isLiteral(_ value: String) -> Bool {
        SecretScanner.isLiteralSecret(value) && !SecretKeyNames.isObviouslyNotSecret(value)
    }

    /// `NAME=value` with a secret-like name and a literal value.
    private static func checkAssignment(_ word: String, _ extra: [String], _ found: inout Found) {
        guard let eq = word.firstIndex(of: "=") else { return }
        let name = String(word[..<eq])
        let value = String(word[word.index(after: eq)...])
        guard !name.isEmpty, SecretKeyNames.isSensitive(name, extra: extra), isLiteral(value) else { return }
        found.add("literal value assigned to \(name)", value)
    }

    /// Credentials passed as command-line options.
    private static func checkOptions(_ command: ShellCommand, _ extra: [String], _ found: inout Found) {
        let args = command.arguments
        let base = command.baseName
        var i = 0
        while i < args.count {
            let arg = args[i]
            let next: String? = i + 1 < args.count ? args[i + 1] : nil
            defer { i += 1 }
            if arg == "--" { break }
            // curl -u user:pass / --user / -U / --proxy-user, also attached `-uuser:pass`.
            if base == "curl" {
                var credential: String? = nil
                if ["-u", "--user", "-U", "--proxy-user"].contains(arg) {
                    credential = next
                } else if arg.hasPrefix("--user=") || arg.hasPrefix("--proxy-user=") {
                    credential = String(arg.drop { $0 != "=" }.dropFirst())
                } else if arg.hasPrefix("-u"), arg.count > 2, !arg.hasPrefix("--") {
                    credential = String(arg.dropFirst(2))
                }
                if let credential, let colon = credential.firstIndex(of: ":") {
                    let password = String(credential[credential.index(after: colon)...])
                    if isLiteral(password) { found.add("password in curl credentials", password) }
                    continue
                }
            }
            // Authorization-style headers.
            if ["curl", "wget", "http", "xh"].contains(base) {
                var header: String? = nil
                if arg == "-H" || arg == "--header" {
                    header = next
                } else if arg.hasPrefix("--header=") {
                    header = String(arg.dropFirst("--header=".count))
                }
                if let header, let secret = headerSecret(header, extra) {
                    found.add("credential in HTTP header", secret)
                    continue
                }
            }
            // htpasswd -b[c] file user password.
            if base == "htpasswd", command.flags.contains("b"), arg == args.last,
                command.positionalArguments.count >= 3, isLiteral(arg)
            {
                found.add("password passed to htpasswd", arg)
                continue
            }
            // docker/podman/helm login -p secret.
            if ["docker", "podman", "buildah", "skopeo", "helm", "nerdctl"].contains(base), arg == "-p",
                command.hasArgument("login"), let next, isLiteral(next)
            {
                found.add("password passed to \(base) login", next)
                continue
            }
            // --password=…, --token …, --api-key …
            guard arg.hasPrefix("-") else { continue }
            let body = arg.drop { $0 == "-" }
            guard body.count > 2 else { continue }
            let parts = body.split(separator: "=", maxSplits: 1)
            let name = String(parts[0])
            guard SecretKeyNames.isSensitive(name, extra: extra),
                !Self.negatingPrefixes.contains(SecretKeyNames.segments(name).first ?? "")
            else { continue }
            let value: String?
            if parts.count == 2 {
                value = String(parts[1])
            } else if let next, !next.hasPrefix("-") {
                value = next
            } else {
                value = nil
            }
            if let value, isLiteral(value), !value.contains("=") || parts.count == 2 {
                found.add("literal value for option --\(name)", value)
            }
        }
    }

    /// The literal credential in an `Authorization: Bearer …` / `PRIVATE-TOKEN: …` / `X-API-Key: …` header.
    private static func headerSecret(_ header: String, _ extra: [String]) -> String? {
        guard let colon = header.firstIndex(of: ":") else { return nil }
        let name = String(header[..<colon]).trimmedAndUnquoted.lowercased()
        var value = String(header[header.index(after: colon)...]).trimmedAndUnquoted
        let sensitive =
            name == "authorization" || name == "proxy-authorization" || SecretKeyNames.isSensitive(name, extra: extra)
        guard sensitive else { return nil }
        if name.hasSuffix("authorization"), let space = value.firstIndex(of: " ") {
            value = String(value[value.index(after: space)...]).trimmedAndUnquoted
        }
        return isLiteral(value) ? value : nil
    }

    /// `echo 'root:pw' | chpasswd`, `echo pw | docker login --password-stdin`.
    private static func checkPipedPassword(
        from producer: ShellCommand,
        into consumer: ShellCommand,
        _ found: inout Found
    ) {
        guard producer.baseName == "echo" || producer.baseName == "printf" else { return }
        let text = producer.arguments.filter { !($0.hasPrefix("-") && $0.count <= 3) }.joined(separator: " ")
        guard SecretScanner.isLiteralSecret(text) else { return }
        if passwordReaders.contains(consumer.baseName) {
            var passwords: [String] = []
            for line in text.replacing("\\n", with: "\n").split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let pw = String(line[line.index(after: colon)...]).trimmedAndUnquoted
                if SecretScanner.isLiteralSecret(pw) { passwords.append(pw) }
            }
            for pw in passwords { found.add("password piped into \(consumer.baseName)", pw) }
        } else if consumer.hasArgument("--password-stdin")
            || (consumer.baseName == "passwd" && consumer.hasArgument("--stdin"))
        {
            found.add("password piped into \(consumer.baseName)", text)
        }
    }
}
