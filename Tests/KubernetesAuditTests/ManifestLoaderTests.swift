import KubernetesAudit
import SecurityModel
import Testing

@Suite("Kubernetes manifest loading")
struct ManifestLoaderTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            metadata:
              annotations:
                a: b
            spec:
              containers:
                - name: app
                  image: nginx
        """

    @Test func multiDocumentYAMLWithOtherKinds() throws {
        let text =
            "---\n" + Self.deployment
            + "\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\n# only a comment\n"
        let results = KubernetesManifestLoader.load(text: text, path: "m.yaml")
        let documents = try results.map { try $0.get() }
        #expect(documents.map(\.kind) == ["Deployment", "Service"])
        #expect(documents.map(\.documentIndex) == [0, 1])
        #expect(documents[0].line == 1)
        #expect(documents[1].line == 16)
        let workloads = KubernetesManifestLoader.workloads(in: results)
        #expect(workloads.count == 1)
        let workload = try #require(workloads.first)
        #expect(workload.objectName == "Deployment/shop/web")
        #expect(workload.podSpecPath == "spec.template.spec")
        #expect(workload.podSpec["containers"]?.arrayValue?.count == 1)
        #expect(workload.podMetadata["annotations"]?["a"]?.stringValue == "b")
        #expect(documents[1].workload == nil)
    }

    @Test func podNamespaceDefaultsAndCronJobPath() throws {
        let text = """
            kind: Pod
            apiVersion: v1
            metadata: {name: p}
            spec: {containers: [{name: c, image: x}]}
            ---
            kind: CronJob
            apiVersion: batch/v1
            metadata: {name: cj}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: c, image: x}]
            """
        let workloads = KubernetesManifestLoader.workloads(in: KubernetesManifestLoader.load(text: text, path: "f"))
        #expect(workloads.map(\.objectName) == ["Pod/default/p", "CronJob/default/cj"])
        #expect(workloads.map(\.podSpecPath) == ["spec", "spec.jobTemplate.spec.template.spec"])
    }

    @Test(arguments: ["ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController", "Deployment"])
    func everyControllerKindIsAWorkload(kind: String) throws {
        let text = "kind: \(kind)\nmetadata: {name: n}\nspec: {template: {spec: {containers: []}}}\n"
        let workloads = KubernetesManifestLoader.workloads(in: KubernetesManifestLoader.load(text: text, path: "f"))
        #expect(workloads.map(\.kind) == [kind])
    }

    @Test func jsonAndListItems() throws {
        let text = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "x"},
               "spec": {"containers": [{"name": "c", "image": "i", "securityContext": {"privileged": true}}]}},
              {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"}}
            ]}
            """
        let results = KubernetesManifestLoader.load(text: text, path: "l.json")
        let documents = try results.map { try $0.get() }
        #expect(documents.map(\.kind) == ["Pod", "ConfigMap"])
        #expect(documents.map(\.itemIndex) == [0, 1])
        let workload = try #require(documents[0].workload)
        #expect(workload.podSpecPath == "items[0].spec")
        #expect(workload.podSpec["containers"]?.items.first?["securityContext"]?["privileged"] == .bool(true))
    }

    @Test func invalidDocumentDoesNotStopTheOthers() throws {
        let text =
            "kind: Pod\nmetadata: {name: a}\n---\nkind: Pod\nmetadata: [unclosed\n  bad: : x\n---\nkind: Service\nmetadata: {name: s}\n"
        let results = KubernetesManifestLoader.load(text: text, path: "broken.yaml")
        #expect(results.count == 3)
        #expect((try? results[0].get())?.kind == "Pod")
        #expect((try? results[2].get())?.kind == "Service")
        guard case .failure(let error) = results[1] else {
            Issue.record("document 1 should fail")
            return
        }
        #expect(error.code == .invalidYAML)
        #expect(error.file == "broken.yaml")
        #expect(error.documentIndex == 1)
        #expect((error.line ?? 0) >= 4)
        #expect(error.description.hasPrefix("broken.yaml:"))
        #expect(error.description.contains("document 1"))
    }

    @Test func scalarDocumentIsNotAnObject() {
        let results = KubernetesManifestLoader.load(text: "just a string\n", path: "s")
        guard case .failure(let error) = results.first else {
            Issue.record("expected failure")
            return
        }
        #expect(error.code == .notAnObject)
    }

    @Test func billionLaughsIsRejected() {
        var text = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let clock = ContinuousClock()
        let start = clock.now
        let results = KubernetesManifestLoader.load(text: text, path: "lol.yaml")
        #expect(clock.now - start < .seconds(20))
        guard case .failure(let error) = results.first else {
            Issue.record("billion laughs must fail")
            return
        }
        #expect(error.code == .tooManyNodes)
        #expect(error.description.contains("lol.yaml"))
    }

    @Test func smallAliasUseIsFine() throws {
        let text = "kind: Pod\nmetadata: {name: p, labels: &l {a: b}}\nspec: {containers: [], x: *l}\n"
        let document = try #require(try KubernetesManifestLoader.load(text: text, path: "f").first?.get())
        #expect(document.content["spec"]?["x"]?["a"]?.stringValue == "b")
    }

    @Test(arguments: [10_000])
    func deepNestingIsRejected(depth: Int) {
        let flow = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var block = ""
        for i in 0..<depth { block += String(repeating: " ", count: i) + "k:\n" }
        block += String(repeating: " ", count: depth) + "v\n"
        for text in [flow, "kind: Pod\nspec: " + flow, block] {
            let results = KubernetesManifestLoader.load(text: text, path: "deep.yaml")
            guard case .failure(let error) = results.first else {
                Issue.record("deep nesting must fail")
                continue
            }
            #expect(error.code == .invalidYAML)
            #expect(error.description.contains("deep.yaml"))
        }
    }

    @Test func hundredMegabyteDocumentIsRejected() {
        let text = "kind: ConfigMap\ndata:\n  x: \"" + String(repeating: "a", count: 100 << 20) + "\"\n"
        let results = KubernetesManifestLoader.load(text: text, path: "big.yaml")
        guard case .failure(let error) = results.first, results.count == 1 else {
            Issue.record("100 MB must fail")
            return
        }
        #expect(error.code == .tooLarge)
        #expect(error.documentIndex == nil)
        #expect(error.description.contains("big.yaml"))
    }

    @Test func binaryInputGivesAnError() {
        let bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF, 0xFE, 0x01, 0x1B, 0x00, 0x0A, 0x03]
        let results = KubernetesManifestLoader.load(text: String(decoding: bytes, as: UTF8.self), path: "bin")
        #expect(!results.isEmpty)
        for result in results {
            guard case .failure(let error) = result else {
                Issue.record("binary must not load")
                continue
            }
            #expect(error.file == "bin")
        }
    }

    @Test func emptyInputHasNoDocuments() {
        #expect(KubernetesManifestLoader.load(text: "", path: "e").isEmpty)
        #expect(KubernetesManifestLoader.load(text: "---\n---\n# c\n", path: "e").isEmpty)
    }
}
