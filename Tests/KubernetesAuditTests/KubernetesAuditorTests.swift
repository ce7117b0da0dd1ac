import Foundation
import KubernetesAudit
import SecurityModel
import TestSupport
import Testing

@Suite("Kubernetes auditor")
struct KubernetesAuditorTests {
    static let manifest = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: ns}
        spec:
          hostPID: true
          containers: [{name: a, image: 'x:1'}]
        ---
        kind: Pod
        metadata: {name: broken
        ---
        - just a list
        """

    static func run(_ options: KubernetesAuditOptions) -> KubernetesAuditResult {
        KubernetesAuditor.audit(KubernetesManifestLoader.load(text: manifest, path: "m.yaml"), options: options)
    }

    @Test func optionsSelectTheRuleSets() {
        let all = Self.run(KubernetesAuditOptions())
        let ids = Set(all.findings.map(\.ruleID))
        #expect(ids.contains("K8S-PSS-B-HOST-NAMESPACES"))
        #expect(ids.contains("K8S-PSS-R-RUN-AS-NON-ROOT"))
        #expect(ids.contains("K8S-BP-017"))
        let baseline = Set(Self.run(KubernetesAuditOptions(pssLevel: .baseline)).findings.map(\.ruleID))
        #expect(baseline.contains("K8S-PSS-B-HOST-NAMESPACES"))
        #expect(!baseline.contains("K8S-PSS-R-RUN-AS-NON-ROOT"))
        let pssOnly = Self.run(KubernetesAuditOptions(bestPractices: false))
        #expect(pssOnly.findings.allSatisfy { $0.ruleID.hasPrefix("K8S-PSS-") })
        #expect(pssOnly.rules.count == PodSecurityCatalogue.controls(level: .restricted).count)
        let bestOnly = Self.run(KubernetesAuditOptions(pssLevel: nil))
        #expect(bestOnly.findings.allSatisfy { $0.ruleID.hasPrefix("K8S-BP-") })
        #expect(bestOnly.rules == BestPracticeCatalogue.descriptors)
        let old = Self.run(KubernetesAuditOptions(pssVersion: PSSVersion(major: 1, minor: 18)))
        #expect(!old.findings.contains { $0.ruleID == "K8S-PSS-R-SECCOMP" })
        #expect(all.findings.contains { $0.ruleID == "K8S-PSS-R-SECCOMP" })
    }

    @Test func loadErrorsBecomeTargetErrorsAndTheRestIsAudited() {
        let result = Self.run(KubernetesAuditOptions())
        #expect(result.objectCount == 1)
        #expect(result.errors.map(\.code) == ["invalid-yaml", "not-an-object"])
        #expect(result.errors.allSatisfy { $0.target == "m.yaml" })
        #expect(result.errors.first?.message.hasPrefix("m.yaml:") == true)
        #expect(result.errors.first?.message.contains("document 1") == true)
    }

    @Test func findingsAreSortedAndComplete() {
        let findings = Self.run(KubernetesAuditOptions()).findings
        #expect(
            findings
                == findings.sorted {
                    Finding.reportOrder($0, $1)
                        || (!Finding.reportOrder($1, $0)
                            && ($0.location.object ?? "", $0.location.fieldPath ?? "", $0.message) < (
                                $1.location.object ?? "", $1.location.fieldPath ?? "", $1.message
                            ))
                }
        )
        for finding in findings {
            #expect(finding.location.file == "m.yaml")
            #expect(finding.location.object == "Pod/ns/p")
            #expect(finding.location.fieldPath?.isEmpty == false)
            let line = finding.location.range?.start.line ?? 0
            #expect((1...Self.manifest.split(separator: "\n", omittingEmptySubsequences: false).count).contains(line))
        }
    }

    // MARK: Labelled checkov examples

    /// checkov `kubernetes/checks/example_<dir>` → the checkov id its `PASSED`/`FAILED` file names label.
    static let checkovDirectories: [String: String] = [
        "ImageDigest": "CKV_K8S_43", "ImagePullPolicy": "CKV_K8S_15", "ImageTagFixed": "CKV_K8S_14",
        "ReadOnlyFilesystem": "CKV_K8S_22", "RootContainersHighUID": "CKV_K8S_40", "Seccomp": "CKV_K8S_31",
        "Secrets": "CKV_K8S_35", "ServiceAccountTokens": "CKV_K8S_38", "DefaultNamespace": "CKV_K8S_21",
        "NoDefaultNamespace": "CKV_K8S_21", "DropCapabilities": "CKV_K8S_28", "KubernetesDashboard": "CKV_K8S_33",
        "Tiller": "CKV_K8S_34", "DangerousGitSync": "CKV_K8S_159", "DefaultServiceAccount": "CKV_K8S_41",
        "ShareHost": "CKV_K8S_17",
    ]

    @Test func checkovLabelledExamples() throws {
        guard let directory = Corpus.path("labelled/checkov/kubernetes/checks") else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        var agree = 0
        var disagree: [String] = []
        for (folder, checkovID) in Self.checkovDirectories.sorted(by: { $0.key < $1.key }) {
            let path = "\(directory)/example_\(folder)"
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() {
                let failed = name.uppercased().contains("FAILED"), passed = name.uppercased().contains("PASS")
                guard failed != passed else { continue }
                let text = String(
                    decoding: try Data(contentsOf: URL(fileURLWithPath: "\(path)/\(name)")),
                    as: UTF8.self
                )
                let result = KubernetesAuditor.audit(KubernetesManifestLoader.load(text: text, path: name))
                let fires = result.findings.contains { $0.aliases.contains(checkovID) }
                if fires == failed {
                    agree += 1
                } else {
                    disagree.append("\(folder)/\(name)")
                }
            }
        }
        print("checkov labelled best-practice examples: \(agree) agree, disagree: \(disagree)")
        // 71 files in these folders carry exactly one of PASSED / FAILED in their name (counted with `ls`).
        #expect(agree == 71)
        #expect(disagree == [])
    }

    // MARK: Corpus and fuzz

    @Test func corpusAuditsWithFindingsThatNameTheirPlace() throws {
        guard let directory = Corpus.path("k8s-manifests") else {
            #expect(!Corpus.integrationRequired, "corpus missing")
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
        var results: [Result<ManifestDocument, ManifestLoadError>] = []
        for name in names {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)"))
            results += KubernetesManifestLoader.load(text: String(decoding: data, as: UTF8.self), path: name)
        }
        let loaded = results.filter { (try? $0.get()) != nil }.count
        let result = KubernetesAuditor.audit(results)
        #expect(result.objectCount == loaded)
        #expect(result.errors.count == results.count - loaded)
        #expect(result.findings.count > 1000)
        for finding in result.findings {
            #expect(finding.location.file != nil && finding.location.object != nil && finding.location.fieldPath != nil)
            #expect(finding.location.range != nil)
        }
        #expect(Set(result.findings.map(\.ruleID)).count > 30)
    }

    @Test func fuzzedManifestsNeverCrashTheAuditor() {
        let seed =
            Self.manifest + "\n---\n" + """
                kind: List
                items:
                - kind: CronJob
                  metadata: {name: c}
                  spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: x, image: 'a@b', env: [{name: API_KEY, value: abcd}], securityContext: {capabilities: {drop: [ALL], add: [NET_RAW]}}}], volumes: [{hostPath: {path: /}}]}}}}}
                - kind: ServiceAccount
                  metadata: {name: default}
                - kind: NetworkPolicy
                  metadata: {namespace: default}
                """
        var random = SplitMix64(seed: 0x6B38_5F61_7564_6974)
        let alphabet = Array("{}[]:,-\n '\"abc0123456789&*!|>#@.")
        var scalars = Array(seed)
        var audited = 0
        for _ in 0..<300 {
            var mutated = scalars
            for _ in 0..<(1 + Int(random.next() % 6)) {
                let index = Int(random.next() % UInt64(mutated.count))
                switch random.next() % 3 {
                case 0: mutated[index] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                case 1: mutated.remove(at: index)
                default: mutated.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: index)
                }
            }
            let result = KubernetesAuditor.audit(KubernetesManifestLoader.load(text: String(mutated), path: "f.yaml"))
            audited += result.objectCount
            for finding in result.findings {
                #expect(finding.location.object != nil)
                if let remediation = finding.remediation, remediation.contains("kubectl patch") {
                    #expect(remediation.contains("securityContext"))
                }
            }
            if random.next() % 4 == 0 { scalars = mutated.isEmpty ? Array(seed) : mutated }
        }
        #expect(audited > 0)
    }
}
