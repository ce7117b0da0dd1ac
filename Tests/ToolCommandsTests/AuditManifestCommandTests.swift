import Foundation
import SecurityModel
import TestSupport
import Testing
import ToolCommands

/// `bulkhead audit k8s` and `bulkhead audit compose` end to end: inputs (files, directories, standard input),
/// options, configuration waivers, output formats and exit codes.
@Suite struct AuditManifestCommandTests {
    /// A scratch directory removed afterwards.
    final class Scratch {
        let path = NSTemporaryDirectory() + "bh-audit-cli-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        func write(_ name: String, _ text: String) throws {
            let full = "\(path)/\(name)"
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    struct Run {
        var code: Int32
        var stdout: String
        var stderr: String
        var json: JSONValue { (try? JSONParser.parse(stdout)) ?? .null }
        var ruleIDs: [String] { (json["findings"]?.arrayValue ?? []).compactMap { $0["ruleId"]?.stringValue } }
        var errorCodes: [String] { (json["errors"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue } }
    }

    func run(_ arguments: [String], in directory: String, stdin: String = "", environment: [String: String] = [:])
        -> Run
    {
        let (io, out) = CommandIO.capturing(
            stdin: Array(stdin.utf8),
            environment: environment,
            currentDirectory: directory
        )
        let code = Bulkhead.run(arguments: arguments, io: io)
        return Run(code: code, stdout: out.stdout, stderr: out.stderr)
    }

    static let privilegedPod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          containers:
            - name: app
              image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000
              securityContext: {privileged: true}
        """

    @Test func kubernetesFromStandardInputLikeHelmTemplate() throws {
        let scratch = try Scratch()
        let r = run(
            ["audit", "k8s", "-", "--format", "json", "--no-config"],
            in: scratch.path,
            stdin: Self.privilegedPod
        )
        #expect(r.code == 1, "a critical PSS finding fails at the default --fail-on high: \(r.stderr)")
        let finding = try #require(
            (r.json["findings"]?.arrayValue ?? []).first { $0["ruleId"]?.stringValue == "K8S-PSS-B-PRIVILEGED" }
        )
        #expect(finding["location"]?["file"]?.stringValue == "-")
        #expect(finding["location"]?["object"]?.stringValue == "Pod/shop/web")
        #expect(finding["location"]?["container"]?.stringValue == "app")
        #expect(finding["location"]?["fieldPath"]?.stringValue == "spec.containers[0].securityContext.privileged")
        #expect(finding["remediation"]?.stringValue?.contains("privileged: false") == true)
    }

    @Test func levelsVersionsAndBestPracticesSelectTheChecks() throws {
        let scratch = try Scratch()
        try scratch.write("pod.yaml", Self.privilegedPod)
        let restricted = run(["audit", "k8s", "pod.yaml", "--format", "json", "--no-config"], in: scratch.path)
        let baseline = run(
            ["audit", "k8s", "pod.yaml", "--format", "json", "--no-config", "--pss-level", "baseline"],
            in: scratch.path
        )
        let pssOnly = run(
            ["audit", "k8s", "pod.yaml", "--format", "json", "--no-config", "--no-best-practices"],
            in: scratch.path
        )
        #expect(restricted.ruleIDs.contains("K8S-PSS-R-RUN-AS-NON-ROOT"))
        #expect(!baseline.ruleIDs.contains("K8S-PSS-R-RUN-AS-NON-ROOT"))
        #expect(baseline.ruleIDs.contains("K8S-PSS-B-PRIVILEGED"))
        #expect(restricted.ruleIDs.contains { $0.hasPrefix("K8S-BP-") })
        #expect(!pssOnly.ruleIDs.contains { $0.hasPrefix("K8S-BP-") })
        let none = run(
            ["audit", "k8s", "pod.yaml", "--format", "json", "--no-config", "--pss-level", "none"],
            in: scratch.path
        )
        #expect(!none.ruleIDs.contains { $0.hasPrefix("K8S-PSS-") })
        let bad = run(["audit", "k8s", "pod.yaml", "--pss-version", "v2.x"], in: scratch.path)
        #expect(bad.code == 2)
        #expect(bad.stderr.contains("--pss-version"))
    }

    @Test func brokenDocumentsAreReportedPerDocumentAndTheRestIsAudited() throws {
        let scratch = try Scratch()
        try scratch.write("manifests/a.yaml", Self.privilegedPod + "\n---\nkind: [unclosed\n")
        try scratch.write("manifests/notes.txt", "not a manifest")
        try scratch.write("manifests/b.json", #"{"apiVersion": "v1", "kind": "List", "items": [3]}"#)
        let r = run(["audit", "k8s", "manifests", "--format", "json", "--no-config"], in: scratch.path)
        #expect(r.code == 2)
        #expect(r.ruleIDs.contains("K8S-PSS-B-PRIVILEGED"), "the valid document is still audited")
        #expect(Set(r.errorCodes) == ["invalid-yaml", "not-an-object"], "\(r.errorCodes)")
        let messages = (r.json["errors"]?.arrayValue ?? []).compactMap { $0["message"]?.stringValue }
        #expect(messages.contains { $0.contains("manifests/a.yaml") && $0.contains("document 1") }, "\(messages)")
        let missing = run(["audit", "k8s", "absent.yaml", "--format", "json", "--no-config"], in: scratch.path)
        #expect(missing.code == 2)
        #expect(missing.errorCodes == ["not-found"])
    }

    @Test func waiverForOneObjectWithExpiry() throws {
        let scratch = try Scratch()
        try scratch.write("pod.yaml", Self.privilegedPod)
        try scratch.write(
            ".bulkhead.yaml",
            """
            ignore:
              - rules: [K8S-PSS-B-PRIVILEGED]
                objects: ["Pod/shop/*"]
                reason: node agent, reviewed
                expires: 2999-01-01
              - rules: [K8S-PSS-R-RUN-AS-NON-ROOT]
                objects: ["Pod/other/*"]
            audit:
              pss-level: restricted
            """
        )
        let r = run(["audit", "k8s", "pod.yaml", "--format", "json"], in: scratch.path)
        #expect(!r.ruleIDs.contains("K8S-PSS-B-PRIVILEGED"))
        #expect(r.ruleIDs.contains("K8S-PSS-R-RUN-AS-NON-ROOT"), "a waiver for another object waives nothing here")
    }

    @Test func sarifOutputForKubernetes() throws {
        let scratch = try Scratch()
        try scratch.write("pod.yaml", Self.privilegedPod)
        let r = run(["audit", "k8s", "pod.yaml", "--format", "sarif", "--no-config"], in: scratch.path)
        let sarif = try JSONParser.parse(r.stdout)
        #expect(sarif["version"]?.stringValue == "2.1.0")
        let results = sarif["runs"]?.arrayValue?.first?["results"]?.arrayValue ?? []
        #expect(results.contains { $0["ruleId"]?.stringValue == "K8S-PSS-B-PRIVILEGED" })
    }

    static let compose = """
        x-hardening: &hardening
          read_only: true
          user: "1000:1000"
          mem_limit: 256m
          pids_limit: 100
          cpu_shares: 512
          cap_drop: [ALL]
          security_opt: [no-new-privileges:true]
          healthcheck: {test: ["CMD", "true"]}
        services:
          api:
            <<: *hardening
            image: example/api:1.2
            ports: ["${API_PORT:-8080}:8080"]
          admin:
            <<: *hardening
            image: example/admin:1.0
            privileged: true
        """

    @Test func composeFindingsNameServiceKeyAndLine() throws {
        let scratch = try Scratch()
        try scratch.write("compose.yaml", Self.compose)
        let r = run(["audit", "compose", "--format", "json", "--no-config", "--fail-on", "critical"], in: scratch.path)
        #expect(r.code == 1, "\(r.stderr)")
        let findings = r.json["findings"]?.arrayValue ?? []
        let privileged = try #require(findings.first { $0["ruleId"]?.stringValue == "CIS-DOCKER-5.5" })
        #expect(privileged["location"]?["file"]?.stringValue == "compose.yaml")
        #expect(privileged["location"]?["object"]?.stringValue == "service/admin")
        #expect(privileged["location"]?["fieldPath"]?.stringValue == "services.admin.privileged")
        #expect(privileged["location"]?["startLine"]?.integerValue == 18)
        let api = findings.filter { $0["location"]?["object"]?.stringValue == "service/api" }
        let apiRules: [String] = api.compactMap { $0["ruleId"]?.stringValue }
        let expected: Set<String> = ["CIS-DOCKER-5.3", "CIS-DOCKER-5.14"]
        // The hardened service only lacks an SELinux label and binds all interfaces.
        #expect(Set(apiRules).isSubset(of: expected), "\(apiRules)")
    }

    @Test func composeInterpolationUsesEnvironmentThenDotEnv() throws {
        let scratch = try Scratch()
        try scratch.write("compose.yaml", Self.compose)
        try scratch.write(".env", "API_PORT=80\n")
        let fromDotEnv = run(
            ["audit", "compose", "--format", "json", "--no-config", "--fail-on", "none"],
            in: scratch.path
        )
        #expect(fromDotEnv.ruleIDs.contains("CIS-DOCKER-5.8"), "port 80 from .env is privileged")
        let fromEnvironment = run(
            ["audit", "compose", "--format", "json", "--no-config", "--fail-on", "none"],
            in: scratch.path,
            environment: ["API_PORT": "9090"]
        )
        #expect(!fromEnvironment.ruleIDs.contains("CIS-DOCKER-5.8"), "the environment wins over .env")
        let isolated = run(
            ["audit", "compose", "--format", "json", "--no-config", "--fail-on", "none", "--no-environment"],
            in: scratch.path,
            environment: ["API_PORT": "80"]
        )
        #expect(!isolated.ruleIDs.contains("CIS-DOCKER-5.8"), "--no-environment: the default 8080 applies")
    }

    @Test func composeErrorsAreClear() throws {
        let scratch = try Scratch()
        let none = run(["audit", "compose", "--no-config"], in: scratch.path)
        #expect(none.code == 2)
        #expect(none.stderr.contains("compose.yaml"))
        try scratch.write("bad.yaml", "services:\n  web:\n    privileged: maybe\n")
        let bad = run(["audit", "compose", "bad.yaml", "--format", "json", "--no-config"], in: scratch.path)
        #expect(bad.code == 2)
        #expect(bad.errorCodes == ["wrong-type"], "\(bad.errorCodes)")
        #expect((bad.json["errors"]?.arrayValue?.first?["message"]?.stringValue ?? "").contains("privileged"))
        try scratch.write("list.yaml", "- a\n- b\n")
        let list = run(["audit", "compose", "list.yaml", "--format", "json", "--no-config"], in: scratch.path)
        #expect(list.errorCodes == ["not-a-mapping"], "\(list.errorCodes)")
        try scratch.write("broken.yaml", "services: [\n")
        let broken = run(["audit", "compose", "broken.yaml", "--format", "json", "--no-config"], in: scratch.path)
        #expect(broken.errorCodes == ["invalid-yaml"], "\(broken.errorCodes)")
    }

    /// Random `.env` files (quotes, `export`, comments, control bytes, `=` runs) never crash the command; its
    /// exit code is always a documented one.
    @Test func randomDotEnvFilesNeverCrash() throws {
        let scratch = try Scratch()
        try scratch.write("compose.yaml", Self.compose)
        let pieces = ["API_PORT", "=", "80", "'", "\"", "export ", "#", " ", "\n", "\\n", "${", "}", "\u{0}", "é", "="]
        var rng = SplitMix64(seed: 55)
        for _ in 0..<150 {
            let count = Int(rng.next() % 24)
            let text = (0..<count).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            try scratch.write(".env", text)
            let r = run(["audit", "compose", "--format", "json", "--no-config", "--fail-on", "none"], in: scratch.path)
            #expect([0, 2].contains(r.code), "\(text.debugDescription): \(r.stderr)")
        }
    }
}
