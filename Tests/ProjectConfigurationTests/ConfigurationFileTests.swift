import FoundationEssentials
import ProjectConfiguration
import SecurityModel
import Testing

struct ConfigurationFileTests {
    @Test func parsesEveryBulkheadKey() throws {
        let yaml = """
            version: 1
            failOn: medium
            format: sarif
            rules:
              disable: [DF3008, DL3015]
              enable: DL3057
              severity:
                DL3006: low
            ignore:
              - rules: [DF5001]
                paths: ["legacy/**"]
                reason: vendored file
                expires: 2027-01-31
            lint:
              trustedRegistries: [docker.io, ghcr.io]
              labelSchema: {maintainer: text, org.opencontainers.image.url: url}
              strictLabels: true
              allowInlineIgnores: false
              secretKeys: [hush]
            """
        let c = try ConfigurationFile.parse(bulkheadYAML: yaml, path: ".bulkhead.yaml")
        #expect(c.failOn == .medium)
        #expect(c.format == "sarif")
        #expect(c.disabledRules == ["DF3008", "DL3015"])
        #expect(c.enabledRules == ["DL3057"])
        #expect(c.severityOverrides == ["DL3006": .low])
        #expect(c.ignores.count == 1)
        #expect(c.ignores[0].covers(path: "legacy/a/Dockerfile") && !c.ignores[0].covers(path: "app/Dockerfile"))
        let expiry = try #require(c.ignores[0].expires)
        #expect(!c.ignores[0].isExpired(at: expiry.addingTimeInterval(-10)))
        #expect(c.ignores[0].isExpired(at: expiry.addingTimeInterval(10)))
        #expect(c.trustedRegistries == ["docker.io", "ghcr.io"])
        #expect(c.labelSchema["org.opencontainers.image.url"] == "url")
        #expect(c.strictLabels && !c.allowInlineIgnores && c.secretKeys == ["hush"])
    }

    @Test func translatesHadolintConfig() throws {
        let yaml = """
            failure-threshold: warning
            ignored: [DL3008]
            trustedRegistries: [my.registry:5000]
            override:
              error: [DL3015]
              info: [DL3059]
            label-schema: {author: text}
            strict-labels: true
            disable-ignore-pragma: true
            """
        let c = try ConfigurationFile.parse(hadolintYAML: yaml, path: ".hadolint.yaml")
        #expect(c.failOn == .medium)
        #expect(c.disabledRules == ["DL3008"])
        #expect(c.trustedRegistries == ["my.registry:5000"])
        #expect(c.severityOverrides == ["DL3015": .high, "DL3059": .low])
        #expect(c.labelSchema == ["author": "text"])
        #expect(c.strictLabels && !c.allowInlineIgnores)
    }

    @Test(arguments: [
        ("rules: [", "not valid YAML"), ("- a\n- b", "top level must be a mapping"),
        ("failOn: extreme", "'failOn' must be"),
        ("bogus: 1", "unknown key 'bogus'"), ("rules:\n  disable: {a: 1}", "'rules.disable' must be"),
        ("ignore:\n  - expires: someday", "must be a date"),
    ])
    func rejectsBadInputWithAClearMessage(_ yaml: String, _ expected: String) {
        #expect {
            try ConfigurationFile.parse(bulkheadYAML: yaml, path: "x.yaml")
        } throws: { error in
            "\(error)".hasPrefix("x.yaml: ") && "\(error)".contains(expected)
        }
    }

    @Test func rejectsBillionLaughs() {
        var yaml = "a0: &a0 [lol, lol]\n"
        for i in 1..<40 { yaml += "a\(i): &a\(i) [*a\(i-1), *a\(i-1)]\n" }
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.parse(bulkheadYAML: yaml, path: "bomb.yaml") }
    }

    @Test func emptyFileIsDefaults() throws {
        let c = try ConfigurationFile.parse(bulkheadYAML: "", path: "e.yaml")
        #expect(c.disabledRules.isEmpty && c.allowInlineIgnores && c.failOn == nil)
    }
}

struct GlobTests {
    @Test(arguments: [
        ("*.Dockerfile", "a/b/app.Dockerfile", true), ("legacy/**", "legacy/x/y/Dockerfile", true),
        ("legacy/*", "legacy/x/Dockerfile", false), ("**/Dockerfile", "Dockerfile", true),
        ("docker/?ockerfile", "docker/Dockerfile", true), ("a/*.txt", "b/c.txt", false),
        ("Dockerfile.*", "./svc/Dockerfile.dev", true),
    ])
    func matches(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob.matches(pattern: pattern, path: path) == expected)
    }
}
