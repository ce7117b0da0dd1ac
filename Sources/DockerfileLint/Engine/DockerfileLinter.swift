public import DockerfileSyntax
public import SecurityModel

/// Runs rules over a Dockerfile and turns their violations into findings: applies configuration
/// (enabled/disabled rules, severity overrides), inline ignore pragmas, redaction and snippets.
public struct DockerfileLinter: Sendable {
    /// The rules considered (the active ones are chosen by ``options``).
    public var rules: [any DockerfileRule]
    /// Configuration.
    public var options: LintOptions

    public init(rules: [any DockerfileRule], options: LintOptions = LintOptions()) {
        self.rules = rules
        self.options = options
    }

    /// The descriptors of the rules that run under ``options``.
    public var activeRules: [RuleDescriptor] {
        rules.map(\.descriptor).filter(options.isActive)
    }

    /// A finding together with the fix that resolves it, when there is one.
    public struct Result: Sendable {
        /// The parsed file.
        public var dockerfile: Dockerfile
        /// Findings after pragmas and configuration, in report order.
        public var findings: [Finding]
        /// Fixes for fixable findings, in the same order as those findings appear.
        public var fixes: [Fix]
    }

    /// Lints `source`. `path` is used in locations; `hasDockerignore` tells rules whether a
    /// `.dockerignore` exists next to the file (nil: unknown).
    public func lint(source: String, path: String, hasDockerignore: Bool? = nil) -> Result {
        lint(Dockerfile(parsing: source), path: path, hasDockerignore: hasDockerignore)
    }

    /// Lints an already parsed file.
    public func lint(_ dockerfile: Dockerfile, path: String, hasDockerignore: Bool? = nil) -> Result {
        let context = LintContext(
            dockerfile: dockerfile,
            path: path,
            settings: options.settings,
            hasDockerignore: hasDockerignore
        )
        let pragmas = Pragmas(dockerfile)
        var collected: [(Violation, RuleDescriptor)] = []

        if options.isActive(ParseErrorRule.descriptor) {
            for diagnostic in dockerfile.diagnostics where diagnostic.isError {
                collected.append(
                    (Violation(range: diagnostic.range, message: diagnostic.message), ParseErrorRule.descriptor)
                )
            }
        }
        // Secrets found by any rule are masked in every finding of the file, whichever rule
        // reports the line (several rules may point at the same ENV).
        var secrets: Set<String> = []
        for rule in rules {
            let descriptor = rule.descriptor
            guard options.isActive(descriptor) else { continue }
            for violation in rule.check(context) {
                secrets.formUnion(violation.redactions)
                if options.allowInlineIgnores,
                    pragmas.ignores(descriptor.isNamed, atLine: violation.range.start.line)
                {
                    continue
                }
                collected.append((violation, descriptor))
            }
        }
        let secretList = Array(secrets)
        var findings: [Finding] = []
        var fixes: [Fix] = []
        for (violation, descriptor) in collected {
            var f = finding(for: violation, rule: descriptor, in: dockerfile, path: path, secrets: secretList)
            if let fix = violation.fix {
                f.fixable = true
                fixes.append(fix)
            }
            findings.append(f)
        }
        findings.sort(by: Finding.reportOrder)
        return Result(dockerfile: dockerfile, findings: findings, fixes: fixes)
    }

    private func finding(
        for v: Violation,
        rule: RuleDescriptor,
        in dockerfile: Dockerfile,
        path: String,
        secrets: [String]
    ) -> Finding {
        let snippet = Redaction.mask(dockerfile.lineText(v.range.start.line), secrets: secrets)
        let location = Location(file: path, range: v.range, snippet: snippet)
        return Finding(
            rule: rule,
            severity: options.severity(of: rule),
            location: location,
            message: Redaction.mask(v.message, secrets: secrets)
        )
    }
}
