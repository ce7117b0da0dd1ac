import SecurityModel

/// Hand-built reports shared by the reporter tests.
enum SampleReport {
    static let tool = ToolInfo(name: "bulkhead", version: "0.1.0", informationURI: "https://example.com/bulkhead")

    static let pinVersions = RuleDescriptor(
        id: "DF3008",
        slug: "apt-get-pin-versions",
        aliases: ["DL3008"],
        title: "Pin versions in apt-get install",
        severity: .medium,
        remediation: "Pin versions: `apt-get install <package>=<version>`.",
        references: ["https://github.com/hadolint/hadolint/wiki/DL3008"],
        tags: ["best-practice", "security"]
    )
    static let lastUserRoot = RuleDescriptor(
        id: "DF1002",
        slug: "last-user-root",
        aliases: ["DL3002", "CIS-DI-0001"],
        title: "Last USER should not be root",
        severity: .high,
        remediation: "Add `USER app` after the last `USER root`.",
        references: ["docs/rules/DF1002.md"],
        tags: ["security", "cis:4.1", "security"]
    )
    static let unusedRule = RuleDescriptor(
        id: "DF9999",
        slug: "never-fires",
        title: "A rule without findings",
        severity: .low,
        enabledByDefault: false,
        remediation: ""
    )

    /// Medium, ranged, with quotes, `<&>` and a snippet.
    static let pinFinding = Finding(
        rule: pinVersions,
        location: Location(
            file: "Dockerfile",
            range: SourceRange(start: .init(line: 3, column: 5), end: .init(line: 3, column: 28)),
            snippet: "RUN apt-get install curl && echo \"<done>\" & 'ok'"
        ),
        message: "Package \"curl\" is not pinned <&> 'quoted'",
        fixable: true
    )

    /// High, file-level (no range), multi-line message.
    static let rootFinding = Finding(
        rule: lastUserRoot,
        location: Location(file: "Dockerfile"),
        message: "The last USER is root.\nContainers then run as root."
    )

    /// Critical, rule not in `report.rules`, unicode path and message, redacted snippet.
    static let secretFinding = Finding(
        ruleID: "SEC0001",
        title: "Secret in ENV",
        severity: .critical,
        location: Location(
            file: "dir with space/Dockerfile.ünï",
            range: SourceRange(start: .init(line: 1, column: 10), end: .init(line: 1, column: 20)),
            snippet: "ENV TOKEN=****"
        ),
        message: "Secret “token” found in ENV ✓ 漢字: ****",
        remediation: "Use build secrets."
    )

    /// Low, no file: a vulnerability in an image layer.
    static let imageFinding = Finding(
        ruleID: "CVE-2024-0001",
        aliases: ["GHSA-xxxx-yyyy-zzzz"],
        title: "openssl: buffer overflow",
        severity: .low,
        location: Location(image: "alpine:3.19", layer: "sha256:abc123", path: "/usr/lib/libssl.so.3"),
        message: "openssl 3.1.0 is affected; fixed in 3.1.1",
        references: ["https://nvd.nist.gov/vuln/detail/CVE-2024-0001"],
        tags: ["vulnerability"]
    )

    /// Info, read from standard input, tab in the snippet.
    static let stdinFinding = Finding(
        ruleID: "DF4000",
        title: "Style",
        severity: .info,
        location: Location(
            file: "-",
            range: SourceRange(start: .init(line: 2, column: 3), end: .init(line: 2, column: 6)),
            snippet: "\tRUN\tls"
        ),
        message: "Use spaces"
    )

    static let readError = TargetError(
        code: "unreadable",
        target: "missing/Dockerfile",
        message: "cannot read 'missing/Dockerfile': No such file or directory"
    )

    static let targets = ["Dockerfile", "dir with space/Dockerfile.ünï", "-", "missing/Dockerfile", "clean/Dockerfile"]

    /// Five findings (one per severity), one error, five targets.
    static var full: Report {
        Report(
            tool: tool,
            command: "lint",
            targets: targets,
            findings: [imageFinding, stdinFinding, pinFinding, rootFinding, secretFinding],
            errors: [readError],
            rules: [pinVersions, lastUserRoot, unusedRule, pinVersions]
        )
    }

    /// Nothing found, nothing failed.
    static var clean: Report {
        Report(
            tool: tool,
            command: "lint",
            targets: ["a/Dockerfile", "b/Dockerfile"],
            findings: [],
            rules: [pinVersions]
        )
    }

    /// A report with a finding carrying `text` in every free-text field.
    static func hostile(_ text: String) -> Report {
        let finding = Finding(
            ruleID: "X1",
            aliases: [text],
            title: text,
            severity: .high,
            location: Location(
                file: "f\(text)",
                range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 2)),
                snippet: text
            ),
            message: text,
            remediation: text,
            references: [text],
            tags: [text]
        )
        return Report(
            tool: tool,
            command: "lint",
            targets: ["f\(text)"],
            findings: [finding],
            errors: [TargetError(code: "bad", target: text, message: text)]
        )
    }
}

extension JSONValue {
    /// The member names of an object, in order.
    var keys: [String] {
        if case .object(let pairs) = self { return pairs.map(\.0) }
        return []
    }

    /// The integer payload, or nil.
    var intValue: Int? {
        if case .int(let i) = self { return i }
        return nil
    }

    /// The boolean payload, or nil.
    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// Element `index` of an array, or nil.
    subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
